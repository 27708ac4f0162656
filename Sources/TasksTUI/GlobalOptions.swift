import ArgumentParser
import FoundationEssentials
import TasksModel

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

    /// The settings, then a connection to the server they name (`Connection.open`).
    func connect(listLimit: Int? = nil) throws -> Connection {
        try Connection.open(settings(listLimit: listLimit), environment: environment)
    }
}
