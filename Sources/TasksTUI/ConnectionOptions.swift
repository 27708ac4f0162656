import ArgumentParser
import Foundation
import TasksModel

/// Options every command that talks to a server takes.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("api-url"), help: "The jobs API base URL (or TASKS_API_URL).")
    var apiURL: String?

    @Option(
        name: .customLong("token-file"),
        help:
            "Read the API token from this file (or TASKS_API_TOKEN_FILE; TASKS_API_TOKEN holds it directly). Never on the command line."
    )
    var tokenFile: String?

    @Option(help: "Seconds each request may take.")
    var timeout: Double = 10

    @Flag(help: "Turn off TLS certificate verification (and allow plain http to a non-loopback host). Dangerous.")
    var insecure = false

    @Flag(name: .customLong("read-only"), help: "Never cancel anything: the dashboard's c key and `cancel` refuse.")
    var readOnly = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard timeout > 0, timeout.isFinite, timeout <= 600 else {
            throw ValidationError("--timeout must be between 0 and 600 seconds")
        }
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The configured server, if any.
    func resolvedURL() throws -> URL? {
        guard let text = apiURL ?? environment["TASKS_API_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw ValidationError("the API URL must look like https://host[:port][/prefix], got \(text)") }
        guard url.user == nil, url.password == nil else {
            throw ValidationError("the API URL must not carry credentials; use TASKS_API_TOKEN or --token-file")
        }
        return url
    }

    /// The token, from TASKS_API_TOKEN or a token file that only its owner can read.
    func resolvedToken() throws -> BearerToken? {
        if let path = tokenFile ?? environment["TASKS_API_TOKEN_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try TokenFile.read(path)
        }
        if let value = environment["TASKS_API_TOKEN"], !value.isEmpty { return BearerToken(value) }
        return nil
    }

    /// Refuses to send a token over plain http to anything but loopback, unless --insecure.
    func checkTransport(url: URL, token: BearerToken?) throws {
        guard token != nil, url.scheme?.lowercased() == "http", !insecure else { return }
        let host = url.host ?? ""
        if host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" { return }
        throw ValidationError(
            "refusing to send the API token over plain http to \(host); use https, or --insecure if you really mean it")
    }

    /// `host[:port]` for the header: never a path, query or credentials.
    static func label(_ url: URL) -> String {
        (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
    }

    var wantsColor: Bool {
        !noColor && (environment["NO_COLOR"] ?? "").isEmpty
    }
}
