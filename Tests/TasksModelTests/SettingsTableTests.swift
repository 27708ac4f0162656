import Foundation
import Testing

@testable import TasksModel

/// The settings table is the single source: every layer, every check and the
/// `config` output come from it, so these tests walk the table rather than
/// list settings, and a setting added to the table is covered here at once.
@Suite("Configuration: one table drives every layer, every check and config")
struct SettingsTableTests {
    static let path = "/cfg/config.json"

    func resolve(
        file: JSONValue? = nil, environment: [String: String] = [:], flags: [SettingKey: any SettingFlagValue] = [:]
    ) throws -> Settings {
        try SettingsResolver.resolve(
            file: file, filePath: file == nil ? nil : Self.path, environment: environment, flags: flags,
            home: "/home/u")
    }

    /// A good value for each setting a user can set, and how `config` shows it. (NO_COLOR turns colour
    /// off whatever its value, so "false" there reads oddly but is right.)
    static let good: [SettingKey: (text: String, shown: String)] = [
        .apiURL: ("https://set.example.com", "https://set.example.com"), .token: ("tok", "set"),
        .tokenFile: ("/t", "/t"), .timeout: ("7", "7 s"), .refreshInterval: ("7", "7 s"), .listLimit: ("7", "7"),
        .stallThreshold: ("70", "70 s"), .readOnly: ("true", "true"), .insecure: ("true", "true"),
        .color: ("false", "false"), .conditionalRequests: ("false", "false"), .logFile: ("/l", "/l"),
        .mouse: ("false", "false"),
        .auditLog: ("/a", "/a"), .profile: ("p", "p"),
        .allowHTTPToken: ("true", "true"), .caFile: ("/ca.pem", "/ca.pem"), .caFileOnly: ("true", "true"),
        .clientCert: ("/c.pem", "/c.pem"), .clientKey: ("/k.pem", "/k.pem"),
        .proxy: ("http://u:secret@proxy.corp:3128", "http://***@proxy.corp:3128"),
        .hyperlinks: ("on", "on"),
        .notify: ("bell", "bell"),
        .cancelMethod: ("delete", "DELETE"), .cancelPath: ("{base}/api/v1/jobs/{id}", "{base}/api/v1/jobs/{id}"),
        .timestampsZone: ("-05:00", "UTC−5"),
    ]

    /// A bad value for each setting the config file can hold (the same value is tried at every layer that can express it).
    static let bad: [SettingKey: JSONValue] = [
        .apiURL: "ftp://x", .tokenFile: "", .timeout: 0, .refreshInterval: 1, .listLimit: 0, .stallThreshold: 5,
        .pollRules: "fast", .readOnly: "maybe", .color: "maybe", .conditionalRequests: "maybe", .logFile: "",
        .mouse: "maybe",
        .auditLog: "", .profile: "",
        .caFile: "", .caFileOnly: "maybe", .clientCert: "", .clientKey: "", .proxy: "ftp://proxy",
        .hyperlinks: "sometimes",
        .notify: "loud",
        .cancelMethod: "GET", .cancelPath: "/api/v1/jobs/cancel", .timestampsZone: "EST",
    ]

    /// A config file that has the profile `p` the samples select.
    static let fileWithProfile: JSONValue = ["profiles": ["p": [:]]]

    @Test("the table holds every setting once, in the order config prints them")
    func tableIsComplete() throws {
        #expect(SettingDescriptor.all.map(\.key) == SettingKey.allCases)
        #expect(Settings.keys == SettingKey.allCases.map(\.rawValue))
        let described = SettingsResolver.describe(try resolve())
        #expect(described.map(\.key) == SettingDescriptor.all.map(\.key.rawValue))
        let environments = SettingDescriptor.all.compactMap(\.environment?.name)
        let flags = SettingDescriptor.all.compactMap(\.flag?.name)
        #expect(Set(environments).count == environments.count && Set(flags).count == flags.count)
        #expect(flags.allSatisfy { $0.hasPrefix("--") })
    }

    @Test("every environment variable in the table is honoured, and config names it as the source")
    func everyEnvironmentVariable() throws {
        for descriptor in SettingDescriptor.all {
            guard let variable = descriptor.environment else { continue }
            let sample = try #require(Self.good[descriptor.key], "no sample for \(descriptor.key)")
            let settings = try resolve(file: Self.fileWithProfile, environment: [variable.name: sample.text])
            let row = SettingsResolver.describe(settings).first { $0.key == descriptor.key.rawValue }
            #expect(settings.sources[descriptor.key.rawValue] == .environment(variable.name))
            #expect(row?.value == sample.shown, "\(variable.name)")
            #expect(row?.source == "environment \(variable.name)")
            // An empty variable is no value at all.
            let unset = try resolve(file: Self.fileWithProfile, environment: [variable.name: ""])
            #expect(unset.sources[descriptor.key.rawValue] == .defaultValue, "\(variable.name)")
        }
    }

    @Test("every flag in the table is honoured, and config names it as the source")
    func everyFlag() throws {
        for descriptor in SettingDescriptor.all {
            guard let flag = descriptor.flag else { continue }
            let sample = try #require(Self.good[descriptor.key], "no sample for \(descriptor.key)")
            let value: any SettingFlagValue = flag.sets == nil ? sample.text : true
            let settings = try resolve(file: Self.fileWithProfile, flags: [descriptor.key: value])
            let row = SettingsResolver.describe(settings).first { $0.key == descriptor.key.rawValue }
            #expect(settings.sources[descriptor.key.rawValue] == .flag(flag.name))
            #expect(row?.value == sample.shown, "\(flag.name)")
            // Numbers arrive typed from the command-line parser, and mean the same.
            if flag.sets == nil, let number = Double(sample.text) {
                let typed = try resolve(file: Self.fileWithProfile, flags: [descriptor.key: number])
                #expect(
                    SettingsResolver.describe(typed).map(\.value) == SettingsResolver.describe(settings).map(\.value))
            }
            // A switch not given, or an option left out, leaves the default.
            let off = try resolve(file: Self.fileWithProfile, flags: [descriptor.key: false])
            #expect(off.sources[descriptor.key.rawValue] == .defaultValue, "\(flag.name)")
        }
    }

    @Test("every file key is honoured at the top level and, where allowed, in a profile")
    func everyFileKey() throws {
        for descriptor in SettingDescriptor.all {
            guard let name = descriptor.fileKey else { continue }
            let sample = descriptor.key == .pollRules ? Self.rule : try #require(Self.good[descriptor.key])
            var layers: [(SettingSource, JSONValue)] = [
                (.file(Self.path), .object([name: .string(sample.text), "profiles": ["p": [:]]]))
            ]
            if descriptor.file == .everywhere {
                let profile: JSONValue = .object([name: .string(sample.text)])
                layers.append((.profile("p", file: Self.path), ["profiles": ["p": profile], "default_profile": "p"]))
            }
            for (source, file) in layers {
                let settings = try resolve(file: descriptor.key == .pollRules ? rulesFile(file) : file)
                let row = SettingsResolver.describe(settings).first { $0.key == descriptor.key.rawValue }
                #expect(settings.sources[descriptor.key.rawValue] == source, "\(name)")
                #expect(row?.value.hasPrefix(sample.shown) == true, "\(name): \(row?.value ?? "")")
            }
        }
    }

    /// A poll rule, as the file holds it, and the start of how `config` shows it.
    static let rule = (text: "zz", shown: "zz=9s/1m00s, ")

    /// `file` with the rule's text replaced by the rule itself.
    func rulesFile(_ file: JSONValue) -> JSONValue {
        let rules: JSONValue = [["match": "zz", "interval": 9, "max_duration": 60]]
        switch file {
        case .object(let object):
            return .object(object.mapValues { $0 == .string(Self.rule.text) ? rules : rulesFile($0) })
        default: return file
        }
    }

    /// The layers at which `value` can be given for `descriptor`, with the source an error must name.
    func layers(of descriptor: SettingDescriptor, value: JSONValue) -> [(SettingSource, () throws -> Settings)] {
        var layers: [(SettingSource, () throws -> Settings)] = []
        if let name = descriptor.fileKey {
            layers.append((.file(Self.path), { try resolve(file: .object([name: value])) }))
        }
        if descriptor.file == .everywhere, let name = descriptor.fileKey {
            let file: JSONValue = ["profiles": ["p": .object([name: value])], "default_profile": "p"]
            layers.append((.profile("p", file: Self.path), { try resolve(file: file) }))
        }
        if case .value(let variable)? = descriptor.environment, let text = value.stringValue ?? numberText(value),
            !text.isEmpty
        {
            layers.append(
                (.environment(variable), { try resolve(file: Self.fileWithProfile, environment: [variable: text]) }))
        }
        if let flag = descriptor.flag, flag.sets == nil {
            let given: (any SettingFlagValue)? = value.stringValue ?? numberValue(value)
            if let given {
                layers.append(
                    (.flag(flag.name), { try resolve(file: Self.fileWithProfile, flags: [descriptor.key: given]) }))
            }
        }
        return layers
    }

    func numberValue(_ value: JSONValue) -> Double? { if case .number(let n) = value { n } else { nil } }
    func numberText(_ value: JSONValue) -> String? { numberValue(value).map { APIError.format($0) } }

    @Test("a bad value is refused the same way at every layer: the key, the layer, the same reason")
    func sameValidationAtEveryLayer() throws {
        for descriptor in SettingDescriptor.all where descriptor.file != .none {
            let value = try #require(Self.bad[descriptor.key], "no bad sample for \(descriptor.key)")
            let layers = layers(of: descriptor, value: value)
            #expect(layers.count >= (descriptor.file == .everywhere ? 2 : 1))
            var reasons: Set<String> = []
            for (source, resolve) in layers {
                let prefix = "\(descriptor.key.rawValue) from \(source): "
                do {
                    _ = try resolve()
                    Issue.record("\(prefix)accepted \(value.encoded())")
                } catch let error as SettingsError {
                    #expect(error.description.hasPrefix(prefix), "\(error.description)")
                    let reason = error.description.dropFirst(prefix.count)
                    reasons.insert(String(reason.prefix { $0 != "," }))
                }
            }
            #expect(reasons.count == 1, "\(descriptor.key): \(reasons)")
        }
    }

    @Test(
        "an unknown key in any profile is an error naming the key and the profile",
        arguments: ["tmeout", "insecure", "token", "profile", "default_profile", "profiles"])
    func unknownKeyInProfile(key: String) {
        let files: [JSONValue] = [
            ["profiles": ["p": .object([key: 1])], "default_profile": "p"],
            ["profiles": ["p": [:], "q": .object([key: 1])], "default_profile": "p"],
            ["profiles": ["q": .object([key: 1])]],
        ]
        for file in files {
            #expect {
                _ = try resolve(file: file)
            } throws: { error in
                let text = (error as? SettingsError)?.description ?? ""
                return text.hasPrefix("profile ") && text.contains(" in \(Self.path): unknown key \"\(key)\" (known: ")
            }
        }
        #expect(throws: SettingsError.self) { _ = try resolve(file: ["profiles": ["p": 3]]) }
    }

    @Test("the README's configuration table lists every setting's file key, variable and flag")
    func readmeListsTheTable() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        let start = try #require(readme.range(of: "## Configuration"))
        let table = readme[start.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("## ") }
            .filter { $0.hasPrefix("|") }
        for descriptor in SettingDescriptor.all {
            let names =
                [descriptor.fileKey.map { "`\($0)`" }, descriptor.environment.map { "`\($0.name)`" }]
                .compactMap { $0 } + [descriptor.flag.map { "\($0.name)`" }].compactMap { $0 }
            let row = table.first { line in names.allSatisfy { line.contains($0) } }
            #expect(row != nil, "README has no row with \(names)")
        }
    }
}
