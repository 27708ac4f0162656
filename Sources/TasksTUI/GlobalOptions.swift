import ArgumentParser
import AsyncHTTPClient
import Dispatch
import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Options every command takes (the dashboard included), resolved with the
/// config file and the environment into `Settings`.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/tasks-tui/config.json).")
    var config: String?

    @Option(name: GlobalOptions.flag(.profile), help: GlobalOptions.help(.profile))
    var profile: String?

    @Option(name: GlobalOptions.flag(.apiURL), help: GlobalOptions.help(.apiURL))
    var apiURL: String?

    @Option(name: GlobalOptions.flag(.tokenFile), help: GlobalOptions.help(.tokenFile))
    var tokenFile: String?

    @Option(name: GlobalOptions.flag(.timeout), help: GlobalOptions.help(.timeout))
    var timeout: Double?

    @OptionGroup var display: DisplayOptions

    @Option(name: GlobalOptions.flag(.auditLog), help: GlobalOptions.help(.auditLog))
    var auditLog: String?

    @Flag(name: GlobalOptions.flag(.insecure), help: GlobalOptions.help(.insecure))
    var insecure = false

    @Flag(name: GlobalOptions.flag(.allowHTTPToken), help: GlobalOptions.help(.allowHTTPToken))
    var allowHTTPToken = false

    @Option(name: GlobalOptions.flag(.caFile), help: GlobalOptions.help(.caFile))
    var caFile: String?

    @Flag(name: GlobalOptions.flag(.caFileOnly), help: GlobalOptions.help(.caFileOnly))
    var caFileOnly = false

    @Option(name: GlobalOptions.flag(.clientCert), help: GlobalOptions.help(.clientCert))
    var clientCert: String?

    @Option(name: GlobalOptions.flag(.clientKey), help: GlobalOptions.help(.clientKey))
    var clientKey: String?

    @Option(name: GlobalOptions.flag(.proxy), help: GlobalOptions.help(.proxy))
    var proxy: String?

    @Flag(name: GlobalOptions.flag(.conditionalRequests), help: GlobalOptions.help(.conditionalRequests))
    var noConditionalRequests = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `$HOME`, else the account's home: what `~` and the default paths stand for.
    static var home: String {
        HomeDirectory.resolve(environment: ProcessInfo.processInfo.environment, account: HomeDirectory.account)
    }

    /// The long name of `key`'s flag as the settings table spells it, so `config`
    /// names exactly the flag a user typed.
    static func flag(_ key: SettingKey) -> NameSpecification {
        .customLong(String(SettingDescriptor.of(key).flag!.name.dropFirst(2)))
    }

    /// `key`'s flag help: what it does, its variable and its default, from its descriptor.
    static func help(_ key: SettingKey) -> ArgumentHelp {
        ArgumentHelp(SettingDescriptor.of(key).flagHelp)
    }

    /// The setting flags as given, by setting; what each one means is in `SettingDescriptor.all`.
    /// `listLimit` is `list --limit`, which only that command declares.
    func flagValues(listLimit: Int?) -> [SettingKey: any SettingFlagValue] {
        display.flagValues.merging(
            [
                .profile: profile, .apiURL: apiURL, .tokenFile: tokenFile, .timeout: timeout,
                .listLimit: listLimit, .auditLog: auditLog, .insecure: insecure,
                .allowHTTPToken: allowHTTPToken, .caFile: caFile, .caFileOnly: caFileOnly, .clientCert: clientCert,
                .clientKey: clientKey, .proxy: proxy, .conditionalRequests: noConditionalRequests,
            ] as [SettingKey: any SettingFlagValue]
        ) { display, _ in display }
    }

    /// Defaults, config file, profile, environment and flags, in that order.
    func settings(listLimit: Int? = nil) throws -> Settings {
        let home = Self.home
        let explicit = config ?? environment["TASKS_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let path =
            explicit.map { HomeDirectory.expand($0, home: home) }
            ?? SettingsResolver.defaultConfigPath(environment: environment, home: home)
        var file: JSONValue?
        if FileManager.default.fileExists(atPath: path) {
            do {
                file = try SettingsResolver.readConfigFile(path)
            } catch {
                throw ValidationError(error.description)
            }
        } else if explicit != nil {
            throw ValidationError("no config file at \(path)")
        }
        do {
            return try SettingsResolver.resolve(
                file: file, filePath: file == nil ? (explicit == nil ? nil : path) : path, environment: environment,
                flags: flagValues(listLimit: listLimit), home: home)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The settings `demo` uses: how the dashboard looks and polls, and its
    /// log. The rest (server, token, TLS, proxy, profiles, the config file that
    /// chooses them) would only be ignored, since the demo talks to its own
    /// simulator; so none of it is read, and a loose config file or two token
    /// variables left in the shell cannot stop the demo (exit 64).
    static let demoKeys: Set<SettingKey> = [
        .refreshInterval, .stallThreshold, .readOnly, .color, .mouse, .notify, .hyperlinks, .logFile,
    ]

    /// Defaults, then the environment variables of `demoKeys`, then the flags: no config file.
    func demoSettings(environment: [String: String], home: String) throws -> Settings {
        let ignored = Set(
            SettingDescriptor.all.filter { !Self.demoKeys.contains($0.key) }.compactMap { $0.environment?.name }
                + ["TASKS_CONFIG"])
        let flags = flagValues(listLimit: nil).filter { Self.demoKeys.contains($0.key) }
        do {
            return try SettingsResolver.resolve(
                file: nil, filePath: nil, environment: environment.filter { !ignored.contains($0.key) },
                flags: flags, home: home)
        } catch {
            throw ValidationError(error.description)
        }
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
                token = try TokenFile.read(HomeDirectory.expand(path, home: home))
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

    /// Everything a command needs to talk to the server. The caller shuts the client down.
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
    }

    func connect(listLimit: Int? = nil) throws -> Connection {
        let settings = try settings(listLimit: listLimit)
        guard let url = settings.apiURL else {
            throw CLIError(
                """
                no jobs server configured.
                  Point it at one:  --api-url https://api.example.com
                                    (or TASKS_API_URL, or api_url in the config file,
                                    \(SettingsResolver.defaultConfigPath(environment: environment, home: Self.home)))
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
