import FoundationEssentials

/// Everything about one setting: where each layer spells it, how a value is
/// parsed and checked, its default, and how `tasks-tui config` shows it.
/// `SettingsResolver` derives layering, validation and `config` output from
/// `SettingDescriptor.all` alone; adding a setting is one line there, a case
/// in `SettingKey`, a property in `Settings`, and its use.
public struct SettingDescriptor: Sendable {
    /// Where in the config file the setting may appear.
    public enum FileScope: Sendable, Hashable {
        /// Never in the file: the token, `--insecure`, `--allow-http-token`.
        case none
        /// At the top level and in every profile, under the key's own name.
        case everywhere
        /// At the top level only, under another name (the profile: `default_profile`).
        case topLevel(String)
    }

    /// The environment variable that sets the setting.
    public enum Environment: Sendable, Hashable {
        /// The variable's text, parsed like the file's value.
        case value(String)
        /// Any non-empty value means `sets` (NO_COLOR, TASKS_API_TOKEN: the value itself is never read here).
        case presence(String, sets: JSONValue)

        public var name: String {
            switch self {
            case .value(let name), .presence(let name, _): name
            }
        }
    }

    /// The command-line flag that sets the setting.
    public struct Flag: Sendable, Hashable {
        public var name: String
        /// For a switch (`--read-only`, `--no-color`), the value it sets when given; nil when the flag takes a value.
        public var sets: JSONValue?
    }

    public let key: SettingKey
    public let file: FileScope
    public let environment: Environment?
    public let flag: Flag?
    /// The default as a layer would give it (nil: unset), from the state directory for the log paths.
    let defaultValue: @Sendable (_ stateDirectory: String) -> JSONValue?
    /// Parses, checks and stores one raw value: the same code for every layer.
    let store: @Sendable (SettingInput, inout Settings) throws(SettingsError) -> Void
    /// The value as `tasks-tui config` prints it.
    let show: @Sendable (Settings) -> String
    /// When no layer set this one, it is reported as coming from wherever that
    /// setting came from (the token, when it is read from the token file).
    let sourceFollows: SettingKey?
    /// What the setting does, in the words of its flag's `--help` (`help(_:)`).
    public private(set) var summary = ""
    /// The default as `--help` names it, when the flag takes a value (set by the kind).
    public internal(set) var defaultText: String?

    /// The descriptor with `words` as what its flag's help says it does.
    func help(_ words: String) -> Self {
        var described = self
        described.summary = words
        return described
    }

    /// The flag's whole `--help` text: what it does, then the variable that
    /// also sets it and the default, both from this descriptor, so the help
    /// cannot name a variable or a default the resolver does not use.
    public var flagHelp: String {
        var notes: [String] = []
        switch environment {
        case .value(let name)?: notes.append("or \(name)")
        case .presence(let name, _)?: notes.append("also when \(name) is set")
        case nil: break
        }
        if let defaultText { notes.append("default \(defaultText)") }
        guard !notes.isEmpty else { return summary }
        let words = summary.hasSuffix(".") ? String(summary.dropLast()) : summary
        return "\(words) (\(notes.joined(separator: "; ")))."
    }

    /// The name the config file uses for this setting, if it may appear there.
    public var fileKey: String? {
        switch file {
        case .none: nil
        case .everywhere: key.rawValue
        case .topLevel(let name): name
        }
    }
}

extension SettingDescriptor {
    /// The one settings table, in the order `tasks-tui config` prints it.
    public static let all: [SettingDescriptor] = [
        .url(.apiURL, \.apiURL, environment: "TASKS_API_URL", flag: "--api-url")
            .help("The jobs API base URL."),
        .token(.token, \.tokenFromEnvironment, environment: "TASKS_API_TOKEN", shownAsSetWith: \.tokenFile),
        .path(.tokenFile, \.tokenFile, environment: "TASKS_API_TOKEN_FILE", flag: "--token-file")
            .help(
                "File holding the API token, mode 600; never the token itself, as command lines are visible to every user; TASKS_API_TOKEN may hold the token instead"
            ),
        .seconds(.timeout, \.timeout, 0.1...600, default: 10, environment: "TASKS_TIMEOUT", flag: "--request-timeout")
            .help("Seconds each request may take."),
        .seconds(
            .refreshInterval, \.refreshInterval, 2...3600, default: 30, environment: "TASKS_REFRESH_INTERVAL",
            flag: "--refresh-interval"
        )
        .help("Seconds between list refreshes in the dashboard."),
        .count(.listLimit, \.listLimit, 1...10_000, default: 50, environment: "TASKS_LIST_LIMIT", flag: "--limit")
            .help("How many jobs, newest first."),
        .seconds(
            .stallThreshold, \.stallThreshold, 10...86_400, unset: "max(5 min, 10 intervals)",
            environment: "TASKS_STALL_THRESHOLD", flag: "--stall-threshold"
        )
        .help("Seconds without progress before a job is STALLED."),
        .pollRules(.pollRules, \.pollRules),
        .toggle(.readOnly, \.readOnly, default: false, environment: .value("TASKS_READ_ONLY"), flag: "--read-only")
            .help("Never cancel: the dashboard's \(Keymap.key(for: .cancel, in: .table)) key and `cancel` refuse."),
        .toggle(.insecure, \.insecure, default: false, file: .none, flag: "--insecure")
            .help("Turn off TLS certificate verification for the configured host. Dangerous: prefer --ca-file."),
        .toggle(.allowHTTPToken, \.allowHTTPToken, default: false, file: .none, flag: "--allow-http-token")
            .help("Send the token over plain http to a host that is not loopback. Anyone on the path can read it."),
        .path(.caFile, \.caFile, environment: "TASKS_CA_FILE", flag: "--ca-file")
            .help(
                "PEM bundle of CAs to trust besides the system roots; SSL_CERT_FILE and SSL_CERT_DIR are honoured too"),
        .toggle(
            .caFileOnly, \.caFileOnly, default: false, environment: .value("TASKS_CA_FILE_ONLY"),
            flag: "--ca-file-only"
        )
        .help("Trust only --ca-file, not the system roots."),
        .path(.clientCert, \.clientCert, environment: "TASKS_CLIENT_CERT", flag: "--client-cert")
            .help("PEM client certificate, for servers that ask for one."),
        .path(.clientKey, \.clientKey, environment: "TASKS_CLIENT_KEY", flag: "--client-key")
            .help("PEM key of --client-cert, mode 600 like the token file"),
        .proxy(.proxy, \.proxy, environment: "TASKS_PROXY", flag: "--proxy")
            .help("The proxy, http://[user:password@]host:port; else HTTPS_PROXY or HTTP_PROXY, with NO_PROXY"),
        .toggle(.color, \.color, default: true, environment: .presence("NO_COLOR", sets: false), flag: "--no-color")
            .help("No colours."),
        .toggle(.mouse, \.mouse, default: true, environment: .value("TASKS_MOUSE"), flag: "--no-mouse")
            .help("No mouse in the dashboard, so the terminal's own text selection works."),
        .choice(.notify, \.notify, default: .auto, environment: "TASKS_NOTIFY"),
        .toggle(
            .conditionalRequests, \.conditionalRequests, default: true,
            environment: .value("TASKS_CONDITIONAL_REQUESTS"), flag: "--no-conditional-requests"
        )
        .help("Never send If-None-Match / If-Modified-Since, for servers that answer them wrongly"),
        .cancelMethod(.cancelMethod, \.cancelMethod, environment: "TASKS_CANCEL_METHOD"),
        .cancelPath(.cancelPath, \.cancelPath, environment: "TASKS_CANCEL_PATH"),
        .timestampsZone(.timestampsZone, \.timestampsZone, environment: "TASKS_TIMESTAMPS_ZONE"),
        .choice(
            .hyperlinks, \.hyperlinks, default: HyperlinkMode.auto, environment: "TASKS_HYPERLINKS",
            flag: "--hyperlinks"
        )
        .help("URLs in the details pane as OSC 8 links; auto: in terminals known to show them"),
        .path(
            .logFile, \.logFile, inStateDirectory: "tasks-tui.log", environment: "TASKS_LOG_FILE", flag: "--log-file"
        )
        .help("Log file."),
        .path(
            .auditLog, \.auditLog, inStateDirectory: "audit.log", environment: "TASKS_AUDIT_LOG", flag: "--audit-log"
        )
        .help("Cancel audit log."),
        .name(.profile, \.profile, file: .topLevel("default_profile"), environment: "TASKS_PROFILE", flag: "--profile")
            .help("Profile of the config file to use."),
    ]

    /// The descriptor of `key`.
    public static func of(_ key: SettingKey) -> SettingDescriptor {
        all.first { $0.key == key }!
    }
}
