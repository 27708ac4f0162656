import Foundation

/// Where a setting's value came from, for `tasks-tui config`.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    case defaultValue
    case file(String)
    case profile(String, file: String)
    case environment(String)
    case flag(String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path): "config file \(path)"
        case .profile(let name, let path): "profile \(name) in \(path)"
        case .environment(let name): "environment \(name)"
        case .flag(let name): "flag \(name)"
        }
    }
}

/// The effective configuration: every key, its value, and where it came from.
///
/// Precedence, lowest to highest: defaults, the config file's top level, the
/// selected profile in it, environment variables, flags. Hand-written rather
/// than on swift-configuration because `config` must say, per key, which
/// layer won, and profiles are a layer of their own; see README.
public struct Settings: Sendable {
    public var apiURL: URL?
    public var tokenFile: String?
    /// Set when TASKS_API_TOKEN is; never printed.
    public var tokenFromEnvironment: Bool
    public var timeout: Double = 10
    public var refreshInterval: Double = 30
    public var listLimit: Int = 50
    public var stallThreshold: Double?
    public var pollRules: PollRules = .reference
    public var readOnly = false
    public var insecure = false
    public var color = true
    public var logFile: String
    public var auditLog: String
    public var profile: String?
    public var configFile: String?
    /// Key to source, for every key.
    public var sources: [String: SettingSource] = [:]

    /// The keys in display order.
    public static let keys = [
        "api_url", "token", "token_file", "timeout", "refresh_interval", "list_limit", "stall_threshold",
        "poll_rules", "read_only", "insecure", "color", "log_file", "audit_log", "profile",
    ]

    /// The engine configuration these settings give.
    public var engineConfiguration: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.listInterval = refreshInterval
        configuration.listLimit = listLimit
        configuration.stallThreshold = stallThreshold
        configuration.rules = pollRules
        return configuration
    }
}

/// A bad configuration value: says which key, from where, and why.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Flag values given on the command line (nil: not given).
public struct SettingFlags: Sendable {
    public var configFile: String?
    public var profile: String?
    public var apiURL: String?
    public var tokenFile: String?
    public var timeout: Double?
    public var refreshInterval: Double?
    public var listLimit: Int?
    public var stallThreshold: Double?
    public var readOnly = false
    public var insecure = false
    public var noColor = false
    public var logFile: String?
    public var auditLog: String?

    public init() {}
}

public enum SettingsResolver {
    /// The default config file: `$XDG_CONFIG_HOME/tasks-tui/config.json`, else `~/.config/tasks-tui/config.json`.
    public static func defaultConfigPath(environment: [String: String], home: String) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return base + "/tasks-tui/config.json"
    }

    /// The default state directory: `$XDG_STATE_HOME/tasks-tui`, else `~/.local/state/tasks-tui`.
    public static func defaultStateDirectory(environment: [String: String], home: String) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + "/tasks-tui"
    }

    /// Resolves every setting. `file` is the parsed config file (nil when there is none) at `filePath`.
    public static func resolve(
        file: JSONValue?, filePath: String?, environment: [String: String], flags: SettingFlags, home: String
    ) throws(SettingsError) -> Settings {
        let state = defaultStateDirectory(environment: environment, home: home)
        var settings = Settings(
            apiURL: nil, tokenFile: nil, tokenFromEnvironment: false, logFile: state + "/tasks-tui.log",
            auditLog: state + "/audit.log")
        settings.configFile = filePath
        for key in Settings.keys { settings.sources[key] = .defaultValue }

        // The layers, lowest first: (source, lookup).
        var layers: [(SettingSource, (String) -> JSONValue?)] = []
        if let file, let filePath {
            guard case .object(let top) = file else {
                throw SettingsError("\(filePath): the config file must be a JSON object")
            }
            let known = Set(Settings.keys + ["profiles", "default_profile"]).subtracting([
                "token", "profile", "insecure",
            ])
            for key in top.keys where !known.contains(key) {
                throw SettingsError(
                    "\(filePath): unknown key \"\(key)\" (known: \(known.sorted().joined(separator: ", ")))")
            }
            layers.append((.file(filePath), { top[$0] }))
            let profileName =
                flags.profile ?? environment["TASKS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? top["default_profile"]?.stringValue
            if let profileName {
                guard case .object(let profiles)? = top["profiles"], case .object(let profile)? = profiles[profileName]
                else {
                    let names =
                        (top["profiles"].flatMap { value -> [String]? in
                            if case .object(let profiles) = value { return profiles.keys.sorted() }
                            return nil
                        } ?? [])
                    throw SettingsError(
                        "profile \"\(profileName)\" is not in \(filePath)"
                            + (names.isEmpty
                                ? " (it has no profiles)" : " (profiles: \(names.joined(separator: ", ")))"))
                }
                settings.profile = profileName
                settings.sources["profile"] =
                    flags.profile != nil
                    ? .flag("--profile")
                    : environment["TASKS_PROFILE"] != nil ? .environment("TASKS_PROFILE") : .file(filePath)
                layers.append((.profile(profileName, file: filePath), { profile[$0] }))
            }
        } else if let profileName = flags.profile ?? environment["TASKS_PROFILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            throw SettingsError(
                "profile \"\(profileName)\" asked for, but there is no config file (\(filePath ?? "none"))")
        }

        // Environment, as a layer of strings.
        let envNames: [String: String] = [
            "api_url": "TASKS_API_URL", "token_file": "TASKS_API_TOKEN_FILE", "timeout": "TASKS_TIMEOUT",
            "refresh_interval": "TASKS_REFRESH_INTERVAL", "list_limit": "TASKS_LIST_LIMIT",
            "stall_threshold": "TASKS_STALL_THRESHOLD", "read_only": "TASKS_READ_ONLY", "log_file": "TASKS_LOG_FILE",
            "audit_log": "TASKS_AUDIT_LOG",
        ]
        for (key, name) in envNames.sorted(by: { $0.key < $1.key }) {
            guard let value = environment[name], !value.isEmpty else { continue }
            layers.append((.environment(name), { $0 == key ? .string(value) : nil }))
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            layers.append((.environment("NO_COLOR"), { $0 == "color" ? .bool(false) : nil }))
        }

        // Flags, highest.
        var flagValues: [(String, String, JSONValue)] = []
        if let value = flags.apiURL { flagValues.append(("api_url", "--api-url", .string(value))) }
        if let value = flags.tokenFile { flagValues.append(("token_file", "--token-file", .string(value))) }
        if let value = flags.timeout { flagValues.append(("timeout", "--request-timeout", .number(value))) }
        if let value = flags.refreshInterval {
            flagValues.append(("refresh_interval", "--refresh-interval", .number(value)))
        }
        if let value = flags.listLimit { flagValues.append(("list_limit", "--limit", .number(Double(value)))) }
        if let value = flags.stallThreshold {
            flagValues.append(("stall_threshold", "--stall-threshold", .number(value)))
        }
        if flags.readOnly { flagValues.append(("read_only", "--read-only", .bool(true))) }
        if flags.insecure { flagValues.append(("insecure", "--insecure", .bool(true))) }
        if flags.noColor { flagValues.append(("color", "--no-color", .bool(false))) }
        if let value = flags.logFile { flagValues.append(("log_file", "--log-file", .string(value))) }
        if let value = flags.auditLog { flagValues.append(("audit_log", "--audit-log", .string(value))) }
        for (key, name, value) in flagValues { layers.append((.flag(name), { $0 == key ? value : nil })) }

        // Apply, lowest to highest.
        for (source, lookup) in layers {
            for key in Settings.keys {
                guard let raw = lookup(key), !raw.isNull else { continue }
                try apply(key, raw, from: source, to: &settings, home: home)
                settings.sources[key] = source
            }
        }
        if let token = environment["TASKS_API_TOKEN"], !token.isEmpty {
            settings.tokenFromEnvironment = true
            settings.sources["token"] = .environment("TASKS_API_TOKEN")
        } else if settings.tokenFile != nil {
            settings.sources["token"] = settings.sources["token_file"]
        }
        if settings.profile == nil { settings.sources["profile"] = .defaultValue }
        return settings
    }

    private static func apply(
        _ key: String, _ raw: JSONValue, from source: SettingSource, to settings: inout Settings, home: String
    )
        throws(SettingsError)
    {
        func fail(_ why: String) -> SettingsError { SettingsError("\(key) from \(source): \(why)") }
        func number(_ range: ClosedRange<Double>) throws(SettingsError) -> Double {
            let value: Double?
            switch raw {
            case .number(let number): value = number
            case .string(let text): value = Double(text.trimmingCharacters(in: .whitespaces))
            default: value = nil
            }
            guard let value, value.isFinite, range.contains(value) else {
                throw fail("must be a number from \(range.lowerBound) to \(range.upperBound), got \(raw.encoded())")
            }
            return value
        }
        func bool() throws(SettingsError) -> Bool {
            switch raw {
            case .bool(let value): return value
            case .string(let text):
                switch text.lowercased() {
                case "1", "true", "yes", "on": return true
                case "0", "false", "no", "off": return false
                default: break
                }
            default: break
            }
            throw fail("must be true or false, got \(raw.encoded())")
        }
        func path() throws(SettingsError) -> String {
            guard let text = raw.stringValue, !text.isEmpty else { throw fail("must be a path") }
            return text.hasPrefix("~/") ? home + text.dropFirst(1) : text
        }
        switch key {
        case "api_url":
            guard let text = raw.stringValue else { throw fail("must be a URL string") }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme),
                let host = url.host, !host.isEmpty
            else { throw fail("must look like https://host[:port][/prefix], got \(text)") }
            guard url.user == nil, url.password == nil else {
                throw fail("must not carry credentials; use TASKS_API_TOKEN or a token file")
            }
            settings.apiURL = url
        case "token_file": settings.tokenFile = try path()
        case "timeout": settings.timeout = try number(0.1...600)
        case "refresh_interval": settings.refreshInterval = try number(2...3600)
        case "list_limit": settings.listLimit = Int(try number(1...10_000))
        case "stall_threshold": settings.stallThreshold = try number(10...86_400)
        case "read_only": settings.readOnly = try bool()
        case "insecure": settings.insecure = try bool()
        case "color": settings.color = try bool()
        case "log_file": settings.logFile = try path()
        case "audit_log": settings.auditLog = try path()
        case "poll_rules":
            guard case .array(let entries) = raw else {
                throw fail("must be an array of {match, interval, max_duration}")
            }
            var rules: [PollRule] = []
            for (index, entry) in entries.enumerated() {
                let matches: [String]
                switch entry["match"] {
                case .string(let one)?: matches = [one]
                case .array(let many)?: matches = many.compactMap(\.stringValue)
                default: throw fail("rule \(index): match must be a string or an array of strings")
                }
                guard !matches.isEmpty, matches.allSatisfy({ !$0.isEmpty }) else {
                    throw fail("rule \(index): empty match")
                }
                guard case .number(let interval)? = entry["interval"], (1...3600).contains(interval) else {
                    throw fail("rule \(index): interval must be 1...3600 seconds")
                }
                guard case .number(let maximum)? = entry["max_duration"], (10...604_800).contains(maximum) else {
                    throw fail("rule \(index): max_duration must be 10...604800 seconds")
                }
                rules.append(
                    PollRule(
                        match: matches,
                        policy: PollPolicy(
                            name: matches.joined(separator: "|"), interval: interval, maximumDuration: maximum)))
            }
            // Configured rules come first; the reference table still covers the rest.
            settings.pollRules = PollRules(
                rules: rules + PollRules.reference.rules, fallback: PollRules.reference.fallback)
        default:
            break
        }
    }

    /// `tasks-tui config`: every key, its value and its source; the token only as set or not set.
    public static func describe(_ settings: Settings) -> [(key: String, value: String, source: String)] {
        Settings.keys.map { key in
            let value: String
            switch key {
            case "api_url": value = settings.apiURL?.absoluteString ?? "(not set)"
            case "token": value = settings.tokenFromEnvironment || settings.tokenFile != nil ? "set" : "not set"
            case "token_file": value = settings.tokenFile ?? "(none)"
            case "timeout": value = "\(APIError.format(settings.timeout)) s"
            case "refresh_interval": value = "\(APIError.format(settings.refreshInterval)) s"
            case "list_limit": value = "\(settings.listLimit)"
            case "stall_threshold":
                value = settings.stallThreshold.map { "\(APIError.format($0)) s" } ?? "max(5 min, 10 intervals)"
            case "poll_rules":
                value = settings.pollRules.rules.map {
                    "\($0.match.joined(separator: "|"))=\(APIError.format($0.policy.interval))s/\(TimeText.duration($0.policy.maximumDuration))"
                }.joined(separator: ", ")
            case "read_only": value = "\(settings.readOnly)"
            case "insecure": value = "\(settings.insecure)"
            case "color": value = "\(settings.color)"
            case "log_file": value = settings.logFile
            case "audit_log": value = settings.auditLog
            case "profile": value = settings.profile ?? "(none)"
            default: value = ""
            }
            return (key, value, settings.sources[key]?.description ?? "default")
        }
    }
}
