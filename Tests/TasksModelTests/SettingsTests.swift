import Foundation
import Testing

@testable import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Configuration: precedence, profiles, validation, token file")
struct SettingsTests {
    let file: JSONValue = [
        "api_url": "https://file.example.com",
        "timeout": 20,
        "list_limit": 80,
        "read_only": false,
        "poll_rules": [["match": ["store_scrap"], "interval": 15, "max_duration": 3600]],
        "default_profile": "staging",
        "profiles": [
            "staging": ["api_url": "https://staging.example.com", "refresh_interval": 45],
            "production": ["api_url": "https://api.example.com", "read_only": true, "token_file": "~/prod-token"],
        ],
    ]

    func resolve(
        file: JSONValue? = nil, environment: [String: String] = [:], flags: [SettingKey: any SettingFlagValue] = [:]
    ) throws -> Settings {
        try SettingsResolver.resolve(
            file: file, filePath: file == nil ? nil : "/cfg/config.json", environment: environment, flags: flags,
            home: "/home/u")
    }

    @Test("defaults when nothing is configured")
    func defaults() throws {
        let settings = try resolve()
        #expect(settings.apiURL == nil)
        #expect(settings.timeout == 10 && settings.refreshInterval == 30 && settings.listLimit == 50)
        #expect(settings.logFile == "/home/u/.local/state/tasks-tui/tasks-tui.log")
        #expect(settings.auditLog == "/home/u/.local/state/tasks-tui/audit.log")
        #expect(Settings.keys.allSatisfy { settings.sources[$0] == .defaultValue })
        #expect(
            SettingsResolver.defaultConfigPath(environment: ["XDG_CONFIG_HOME": "/x"], home: "/h")
                == "/x/tasks-tui/config.json")
    }

    @Test("file < profile < environment < flags, each value with its source")
    func precedence() throws {
        var settings = try resolve(file: file)
        #expect(settings.apiURL?.absoluteString == "https://staging.example.com")
        #expect(settings.sources["api_url"] == .profile("staging", file: "/cfg/config.json"))
        #expect(settings.timeout == 20 && settings.sources["timeout"] == .file("/cfg/config.json"))
        #expect(settings.refreshInterval == 45)
        #expect(settings.pollRules.policy(for: "store_scraping").interval == 15)
        #expect(settings.pollRules.policy(for: "product_scraping").interval == 5)

        settings = try resolve(
            file: file, environment: ["TASKS_API_URL": "https://env.example.com", "TASKS_TIMEOUT": "30"])
        #expect(settings.apiURL?.absoluteString == "https://env.example.com")
        #expect(settings.sources["api_url"] == .environment("TASKS_API_URL"))
        #expect(settings.timeout == 30)

        let flags: [SettingKey: any SettingFlagValue] = [
            .apiURL: "https://flag.example.com", .timeout: 5.0, .profile: "production",
        ]
        settings = try resolve(file: file, environment: ["TASKS_API_URL": "https://env.example.com"], flags: flags)
        #expect(settings.apiURL?.absoluteString == "https://flag.example.com")
        #expect(settings.sources["api_url"] == .flag("--api-url"))
        #expect(settings.timeout == 5 && settings.sources["timeout"] == .flag("--request-timeout"))
        #expect(settings.readOnly && settings.sources["read_only"] == .profile("production", file: "/cfg/config.json"))
        #expect(settings.tokenFile == "/home/u/prod-token")
        #expect(settings.profile == "production")
        #expect(settings.refreshInterval == 30)  // staging's value does not leak into production
    }

    @Test("TASKS_PROFILE selects a profile; NO_COLOR turns colours off; TASKS_API_TOKEN is 'set' and never shown")
    func environment() throws {
        let secret = "tok-\(UUID().uuidString)"
        let settings = try resolve(
            file: file, environment: ["TASKS_PROFILE": "staging", "NO_COLOR": "1", "TASKS_API_TOKEN": secret])
        #expect(settings.profile == "staging")
        #expect(!settings.color && settings.sources["color"] == .environment("NO_COLOR"))
        #expect(settings.tokenFromEnvironment)
        let described = SettingsResolver.describe(settings)
        #expect(described.first { $0.key == "token" }?.value == "set")
        #expect(!described.contains { $0.value.contains(secret) || $0.source.contains(secret) })
        #expect(try resolve().sources["token"] == .defaultValue)
        #expect(SettingsResolver.describe(try resolve()).first { $0.key == "token" }?.value == "not set")
    }

    @Test(
        "a token file named by a flag, a profile or TASKS_API_TOKEN_FILE and TASKS_API_TOKEN both: an error naming what to drop",
        arguments: [
            (["TASKS_PROFILE": "production"], [:], "token_file of profile \"production\""),
            ([:], [SettingKey.tokenFile: "/t/tok"], "--token-file"),
            (["TASKS_API_TOKEN_FILE": "/t/tok"], [:], "TASKS_API_TOKEN_FILE"),
        ] as [([String: String], [SettingKey: String], String)])
    func tokenClash(environment: [String: String], flags: [SettingKey: String], named: String) throws {
        var env = environment
        env["TASKS_API_TOKEN"] = "staging-token"
        let error = #expect(throws: SettingsError.self) {
            try resolve(file: file, environment: env, flags: flags)
        }
        #expect(error?.description.contains("unset TASKS_API_TOKEN") == true)
        #expect(error?.description.contains("drop \(named)") == true)
        // Without the exported token, the named file is the token's source.
        let settings = try resolve(file: file, environment: environment, flags: flags)
        #expect(!settings.tokenFromEnvironment && settings.tokenFile != nil)
        #expect(SettingsResolver.describe(settings).first { $0.key == "token" }?.source != "default")
        #expect(settings.sources["token"] == settings.sources["token_file"])
    }

    @Test("TASKS_API_TOKEN beats a token_file at the config file's top level, and config says so")
    func tokenOverFileDefault() throws {
        var top = file
        if case .object(var object) = top {
            object["token_file"] = "~/default-token"
            top = .object(object)
        }
        let settings = try resolve(file: top, environment: ["TASKS_API_TOKEN": "t"])
        #expect(settings.tokenFromEnvironment)
        #expect(settings.sources["token"] == .environment("TASKS_API_TOKEN"))
    }

    @Test(
        "every validation names the key, the source and the problem",
        arguments: [
            (["TASKS_API_URL": "ftp://x"], "api_url from environment TASKS_API_URL"),
            (["TASKS_API_URL": "https://user:pw@host"], "must not carry credentials"),
            (["TASKS_API_URL": "not a url"], "api_url"),
            (["TASKS_TIMEOUT": "0"], "timeout from environment TASKS_TIMEOUT: must be a number from 0.1 to 600.0"),
            (["TASKS_TIMEOUT": "soon"], "timeout"),
            (["TASKS_REFRESH_INTERVAL": "1"], "refresh_interval"),
            (["TASKS_LIST_LIMIT": "0"], "list_limit"),
            (["TASKS_STALL_THRESHOLD": "-5"], "stall_threshold"),
            (["TASKS_READ_ONLY": "maybe"], "read_only from environment TASKS_READ_ONLY: must be true or false"),
            (["TASKS_PROFILE": "nope"], "profile \"nope\" asked for, but there is no config file"),
        ])
    func validations(environment: [String: String], expected: String) {
        #expect {
            _ = try resolve(environment: environment)
        } throws: { error in
            (error as? SettingsError)?.description.contains(expected) == true
        }
    }

    @Test("file validations: unknown keys, unknown profiles, bad rules")
    func fileValidations() {
        let cases: [(JSONValue, String)] = [
            (["api_ur": "x"], "unknown key \"api_ur\""),
            (
                ["profiles": ["a": [:]], "default_profile": "b"],
                "profile \"b\" is not in /cfg/config.json (profiles: a)"
            ),
            (["poll_rules": [["match": "x", "interval": 0, "max_duration": 60]]], "rule 0: interval"),
            (["poll_rules": [["interval": 5, "max_duration": 60]]], "rule 0: match"),
            (["poll_rules": "fast"], "poll_rules"),
            (
                ["poll_rules": [["match": "x", "intervl": 5, "interval": 5, "max_duration": 60]]],
                "rule 0: unknown key \"intervl\""
            ),
            (["profiles": ["p": ["read_olny": true]]], "profile p"),
            (["profiles": ["p": ["read_olny": true]]], "unknown key \"read_olny\""),
            (.array([]), "must be a JSON object"),
        ]
        for (file, expected) in cases {
            #expect {
                _ = try resolve(file: file)
            } throws: { error in
                (error as? SettingsError)?.description.contains(expected) == true
            }
        }
    }

    func tokenFile(_ contents: String, mode: mode_t) throws -> String {
        let path = NSTemporaryDirectory() + "token-\(UUID().uuidString)"
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    @Test("a token file must be the user's own and unreadable by others, as ssh requires of keys")
    func tokenFilePermissions() throws {
        let good = try tokenFile("secret-token\n", mode: 0o600)
        #expect(try TokenFile.read(good).headerValue == "Bearer secret-token")
        for mode: mode_t in [0o644, 0o640, 0o604, 0o660] {
            let loose = try tokenFile("secret-token\n", mode: mode)
            #expect {
                _ = try TokenFile.read(loose)
            } throws: { error in
                let text = (error as? SettingsError)?.description ?? ""
                return text.contains("readable by its group or by others") && text.contains("chmod 600 \(loose)")
                    && !text.contains("secret-token")
            }
        }
        let empty = try tokenFile("  \n", mode: 0o600)
        #expect(throws: SettingsError.self) { try TokenFile.read(empty) }
        let twoLines = try tokenFile("one\ntwo\n", mode: 0o600)
        #expect(throws: SettingsError.self) { try TokenFile.read(twoLines) }
        #expect(throws: SettingsError.self) { try TokenFile.read("/nonexistent/token") }
        #expect(throws: SettingsError.self) { try TokenFile.read(NSTemporaryDirectory()) }
        if getuid() == 0 {
            let foreign = try tokenFile("x", mode: 0o600)
            chown(foreign, 65_534, 65_534)
            #expect {
                _ = try TokenFile.read(foreign)
            } throws: { error in
                (error as? SettingsError)?.description.contains("owned by another user") == true
            }
        }
    }
    @Test("a profile's value is validated exactly as the same value at the top level")
    func profilesValidatedLikeTopLevel() {
        let values: [(String, JSONValue)] = [
            ("timeout", 0), ("timeout", "soon"), ("api_url", "ftp://x"), ("list_limit", 0), ("read_only", "maybe"),
            ("insecure", "yes"), ("readonly", true), ("refresh_interval", 1), ("stall_threshold", -5),
        ]
        for (key, value) in values {
            let top = #expect(throws: SettingsError.self) { try resolve(file: .object([key: value])) }
            let inProfile = #expect(throws: SettingsError.self) {
                try resolve(file: ["default_profile": "p", "profiles": ["p": .object([key: value])]])
            }
            // The same complaint; only the place differs.
            func reason(_ error: SettingsError?) -> String? {
                guard let text = error?.description, let end = text.range(of: "/cfg/config.json")?.upperBound
                else { return nil }
                return String(text[end...].prefix { $0 != "(" })
            }
            #expect(
                reason(top) != nil && reason(top) == reason(inProfile),
                "\(String(describing: top)) / \(String(describing: inProfile))")
            #expect(inProfile?.description.contains("profile p") == true)
        }
    }

    @Test("a token file that is a symbolic link, or not a regular file, is refused with words, unread")
    func tokenFileLinks() throws {
        let target = try tokenFile("secret-token\n", mode: 0o600)
        let link = NSTemporaryDirectory() + "token-link-\(UUID().uuidString)"
        #expect(symlink(target, link) == 0)
        let error = #expect(throws: SettingsError.self) { try TokenFile.read(link) }
        #expect(error?.description.contains("\(link) is a symbolic link (to \(target))") == true)
        #expect(error?.description.contains("secret-token") == false)
        // A FIFO in the token file's place: refused at once (the open does not wait for a writer).
        let fifo = NSTemporaryDirectory() + "token-fifo-\(UUID().uuidString)"
        #expect(mkfifo(fifo, 0o600) == 0)
        let notRegular = #expect(throws: SettingsError.self) { try TokenFile.read(fifo) }
        #expect(notRegular?.description.contains("is not a regular file") == true)
        // The client key is held to the same rule.
        #expect(throws: SettingsError.self) { try PrivateFile.check(link, what: "the client key") }
    }

    @Test("a config file group or others can write is refused with the chmod that fixes it")
    func configFilePermissions() throws {
        let path = NSTemporaryDirectory() + "config-\(UUID().uuidString).json"
        try #"{"api_url": "https://example.com"}"#.write(toFile: path, atomically: false, encoding: .utf8)
        for mode: mode_t in [0o600, 0o644, 0o640, 0o400] {
            chmod(path, mode)
            #expect(try SettingsResolver.readConfigFile(path) == ["api_url": "https://example.com"])
        }
        for mode: mode_t in [0o664, 0o646, 0o622, 0o666, 0o777] {
            chmod(path, mode)
            let error = #expect(throws: SettingsError.self) { try SettingsResolver.readConfigFile(path) }
            #expect(error?.description.contains("writable by its group or by others") == true)
            #expect(error?.description.hasSuffix("fix it with: chmod go-w \(path)") == true)
        }
        // A link is allowed for the config file (dotfile managers), the file it names is what is checked.
        chmod(path, 0o600)
        let link = path + ".link"
        #expect(symlink(path, link) == 0)
        #expect(try SettingsResolver.readConfigFile(link) == ["api_url": "https://example.com"])
        chmod(path, 0o666)
        #expect(throws: SettingsError.self) { try SettingsResolver.readConfigFile(link) }
        #expect(throws: SettingsError.self) { try SettingsResolver.readConfigFile(NSTemporaryDirectory()) }
    }
}
