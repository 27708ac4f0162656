import ArgumentParser
import Testing

@testable import TasksModel
@testable import TasksTUI

/// Each setting's flag is made from its descriptor: the name, and help that
/// names the variable that also sets it and its default. So `--help`, the
/// resolver and `config` cannot disagree about a setting.
@Suite("Setting flags: name, help, variable and default from the descriptor")
struct FlagHelpTests {
    /// The help a command prints, unwrapped, with runs of spaces made one.
    static func help(_ command: any ParsableCommand.Type) -> String {
        TasksTUICommand.helpMessage(for: command, columns: 10_000)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("every flag of the settings table is declared, with its descriptor's whole help")
    func everyFlagHasItsHelp() {
        let dashboard = Self.help(DashboardCommand.self)
        let list = Self.help(ListCommand.self)
        for setting in SettingDescriptor.all {
            guard let flag = setting.flag else { continue }
            let help = setting.key == .listLimit ? list : dashboard
            let words = setting.flagHelp.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(!setting.summary.isEmpty, "\(setting.key) has a flag but no help words")
            #expect(help.contains(flag.name), "\(flag.name) is not declared")
            #expect(help.contains(words), "\(flag.name)'s help is not its descriptor's: \(words)")
            if case .value(let variable)? = setting.environment {
                #expect(setting.flagHelp.contains(variable), "\(flag.name)'s help does not name \(variable)")
            }
        }
    }

    @Test("a default in the help is the resolver's default")
    func defaultsAreTheResolvers() throws {
        let defaults = try SettingsResolver.resolve(
            file: nil, filePath: nil, environment: [:], flags: [:], home: "/home/u")
        #expect(SettingDescriptor.of(.timeout).flagHelp.contains("default \(APIError.format(defaults.timeout))"))
        #expect(
            SettingDescriptor.of(.refreshInterval).flagHelp.contains(
                "default \(APIError.format(defaults.refreshInterval))"))
        #expect(SettingDescriptor.of(.listLimit).flagHelp.contains("default \(defaults.listLimit)"))
        #expect(SettingDescriptor.of(.hyperlinks).flagHelp.contains("default \(defaults.hyperlinks.rawValue)"))
        #expect(SettingDescriptor.of(.logFile).flagHelp.contains("default $XDG_STATE_HOME/tasks-tui/tasks-tui.log"))
        #expect(defaults.logFile.hasSuffix("/tasks-tui/tasks-tui.log"))
    }

    @Test("every flag given reaches the resolver: a value set by flag is the value in force")
    func everyFlagIsWired() throws {
        let options = try GlobalOptions.parse([])
        let given = Set(options.flagValues(listLimit: nil).keys)
        for setting in SettingDescriptor.all where setting.flag != nil {
            #expect(given.contains(setting.key), "\(setting.key)'s flag is not passed to the resolver")
        }
    }
}
