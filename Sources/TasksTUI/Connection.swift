import ArgumentParser
import AsyncHTTPClient
import Dispatch
import FoundationEssentials
import TasksModel

/// Everything a command needs to talk to the server, made from the settings
/// (`open`): the checks before any request (a server named, the token loaded
/// and never sent over plain http to another host or through a proxy in the
/// clear), TLS and the proxy, and the HTTP client.
struct Connection {
    var settings: Settings
    var url: URL
    var api: HTTPJobsAPI
    var client: HTTPClient
    var label: String

    /// Shuts the HTTP client down without blocking the caller.
    func shutdown() {
        let client = self.client
        let done = DispatchSemaphore(value: 0)
        client.shutdown { _ in done.signal() }
        done.wait()
    }

    /// The token: TASKS_API_TOKEN, else the token file (checked like an ssh key).
    /// Checked where it is loaded (visible ASCII, at most 4 KiB; else a config
    /// error naming the source, exit 64) and installed in `Redaction` before
    /// any request, so no output can carry it.
    static func token(_ settings: Settings) throws -> BearerToken? {
        let token: BearerToken?
        do {
            if settings.tokenFromEnvironment, let value = ProcessInfo.processInfo.environment["TASKS_API_TOKEN"] {
                token = try BearerToken.load(value, source: "environment TASKS_API_TOKEN")
            } else if let path = settings.tokenFile {
                token = try TokenFile.read(HomeDirectory.expand(path, home: GlobalOptions.home))
            } else {
                token = nil
            }
        } catch {
            throw ValidationError(error.description)
        }
        if let token { Redaction.install(token) }
        return token
    }

    /// Refuses to send a token over plain http to anything but loopback, unless `--allow-http-token`
    /// (`--insecure` is about certificates only).
    static func checkTransport(url: URL, token: BearerToken?, allowHTTPToken: Bool) throws {
        guard token != nil, url.scheme?.lowercased() == "http", !allowHTTPToken else { return }
        let host = url.host ?? ""
        if Loopback.isLoopback(host: host) { return }
        throw ValidationError(
            "refusing to send the API token over plain http to \(host); use https, or --allow-http-token if you really mean it"
        )
    }

    /// TLS options from the settings and SSL_CERT_FILE / SSL_CERT_DIR.
    static func tlsOptions(_ settings: Settings, environment: [String: String]) -> TLSOptions {
        TLSOptions(
            caFile: settings.caFile, caFileOnly: settings.caFileOnly, clientCertificate: settings.clientCert,
            clientKey: settings.clientKey, insecure: settings.insecure, environment: environment)
    }

    /// `host[:port]` for display: never a path, a query or credentials.
    static func label(_ url: URL) -> String {
        (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
    }

    /// Checks the settings (a server, the token and how it may travel, TLS, the proxy) and
    /// opens an HTTP client for them. The caller shuts the client down.
    static func open(_ settings: Settings, environment: [String: String]) throws -> Connection {
        guard let url = settings.apiURL else {
            throw CLIError(
                """
                no jobs server configured.
                  Point it at one:  --api-url https://api.example.com
                                    (or TASKS_API_URL, or api_url in the config file,
                                    \(SettingsResolver.defaultConfigPath(environment: environment, home: GlobalOptions.home)))
                  with a token:     TASKS_API_TOKEN_FILE=~/.config/tasks-tui/token   (chmod 600)
                  or just try it:   tasks-tui demo
                """, code: .usage)
        }
        let token = try Self.token(settings)
        try Self.checkTransport(url: url, token: token, allowHTTPToken: settings.allowHTTPToken)
        if settings.insecure {
            Console.err("tasks-tui: WARNING: --insecure: TLS certificates of \(Self.label(url)) are not verified")
        }
        let proxy: ProxyChoice?
        do {
            proxy = try ProxyChoice.forURL(url, setting: settings.proxy, environment: environment)
        } catch {
            throw ValidationError(error.description)
        }
        // Through a proxy, plain http hands the whole request, Authorization included, to the proxy.
        if proxy != nil, token != nil, url.scheme?.lowercased() == "http" {
            throw ValidationError(
                "refusing to send the API token over plain http through the proxy \(proxy!.label); use https, whose CONNECT tunnel hides it from the proxy, or NO_PROXY=\(url.host ?? "")"
            )
        }
        let client: HTTPClient
        do {
            client = try HTTPJobsAPI.makeClient(
                connectTimeout: HTTPJobsAPI.connectTimeout(forRequestTimeout: settings.timeout),
                options: Self.tlsOptions(settings, environment: environment), proxy: proxy)
        } catch {
            throw ValidationError(error.description)
        }
        var configuration = HTTPJobsAPI.Configuration(baseURL: url, token: token, timeout: settings.timeout)
        configuration.proxy = proxy
        configuration.clientCertificate = settings.clientCert != nil
        configuration.conditionalRequests = settings.conditionalRequests
        configuration.cancelMethod = settings.cancelMethod
        configuration.cancelPath = settings.cancelPath
        configuration.trustedIssuers = Self.tlsOptions(settings, environment: environment).addedRootSubjects
        let api = HTTPJobsAPI(configuration: configuration, client: client)
        return Connection(settings: settings, url: url, api: api, client: client, label: Self.label(url))
    }
}
