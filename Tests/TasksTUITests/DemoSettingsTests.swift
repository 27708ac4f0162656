import ArgumentParser
import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// `demo` reads only the settings it uses: a loose config file or two token
/// variables, which would stop every command that talks to a server (exit 64),
/// never stop the demo; and it takes the options its help lists.
@Suite("demo's settings: only what the demo uses")
struct DemoSettingsTests {
    /// A shell a user might have: a config file writable by others, two token sources, and display settings.
    static func shell() throws -> (environment: [String: String], home: String) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        let config = home + "/config/tasks-tui"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let file = config + "/config.json"
        try #"{"api_url": "https://api.example.com", "refresh_interval": 5}"#.write(
            toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o666)
        let environment = [
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
            "TASKS_CONFIG": file, "TASKS_API_TOKEN": "staging-token", "TASKS_API_TOKEN_FILE": home + "/prod-token",
            "TASKS_PROFILE": "production", "TASKS_API_URL": "https://api.example.com",
            "NO_COLOR": "1", "TASKS_REFRESH_INTERVAL": "45",
        ]
        return (environment, home)
    }

    @Test("a loose config file and two token variables: the demo still starts, with the display settings")
    func looseShell() throws {
        let (environment, home) = try Self.shell()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // What any server command would say: the two token sources are refused.
        #expect(throws: SettingsError.self) {
            try SettingsResolver.resolve(file: nil, filePath: nil, environment: environment, flags: [:], home: home)
        }
        #expect(throws: SettingsError.self) { try SettingsResolver.readConfigFile(environment["TASKS_CONFIG"]!) }
        let options = try GlobalOptions.parse(["--no-mouse"])
        let settings = try options.demoSettings(environment: environment, home: home)
        #expect(settings.color == false, "NO_COLOR is read")
        #expect(settings.mouse == false, "--no-mouse is taken")
        #expect(settings.refreshInterval == 45, "the environment's interval, not the config file's")
        #expect(settings.apiURL == nil && settings.tokenFile == nil && !settings.tokenFromEnvironment)
        #expect(settings.profile == nil)
    }

    @Test("demo takes --refresh-interval and --log-file, and says which options it takes")
    func options() throws {
        let demo = try DemoCommand.parse(["--refresh-interval", "45", "--log-file", "/tmp/x.log", "--read-only"])
        #expect(demo.display.refreshInterval == 45 && demo.display.logFile == "/tmp/x.log" && demo.display.readOnly)
        // Every setting demo reads that has a flag is taken as a flag too.
        for setting in SettingDescriptor.all where GlobalOptions.demoKeys.contains(setting.key) {
            guard let flag = setting.flag else { continue }
            let arguments = flag.sets == nil ? [flag.name, setting.key == .hyperlinks ? "off" : "40"] : [flag.name]
            #expect(throws: Never.self, "demo \(arguments)") { try DemoCommand.parse(arguments) }
        }
        let help = TasksTUICommand.helpMessage(for: DemoCommand.self, columns: 80)
        #expect(help.contains("no server, token, TLS, proxy,"))
        for setting in SettingDescriptor.all where GlobalOptions.demoKeys.contains(setting.key) {
            guard let variable = setting.environment?.name else { continue }
            #expect(help.contains(variable), "demo --help does not say it reads \(variable)")
        }
        #expect(
            TasksTUICommand.helpMessage(for: SimulateCommand.self, columns: 80).contains(
                "none of the clients' global options"))
        #expect(throws: (any Error).self) { try SimulateCommand.parse(["--profile", "production"]) }
    }
}
