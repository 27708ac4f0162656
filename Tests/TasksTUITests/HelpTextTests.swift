import ArgumentParser
import Foundation
import JobsSimulator
import Testing

@testable import TasksModel
@testable import TasksTUI

/// What `--help` says, held against the code and the README it must agree with.
@Suite("Help text: names, usage, faults, exit statuses, settings")
struct HelpTextTests {
    static func help(_ command: any ParsableCommand.Type) -> String {
        TasksTUICommand.helpMessage(for: command, columns: 80)
    }

    /// The README's exit table: code → the commands its "Returned by" cell names (`all` for every one).
    static func readmeReturnedBy() throws -> [Int32: String] {
        try readmeExitRows().compactMapValues { $0.count >= 2 ? $0[1] : nil }
    }

    @Test("cancel's argument reads <job-ids>, never <job-i-ds>")
    func jobIDsName() {
        let help = Self.help(CancelCommand.self)
        #expect(help.contains("USAGE: tasks-tui cancel [<options>] [<job-ids> ...]"))
        #expect(!help.contains("job-i-ds"))
    }

    @Test("list's usage names its own options")
    func listUsage() throws {
        let usage = try #require(
            Self.help(ListCommand.self).components(separatedBy: "\n").first { $0.hasPrefix("USAGE:") })
        #expect(usage != "USAGE: tasks-tui list <options>")
        for option in ["--status <status>", "--limit <limit>", "--json", "[<options>]"] {
            #expect(usage.contains(option), "\(usage)")
        }
    }

    @Test("simulate --help lists every fault the simulator takes, and GET /_sim/faults")
    func simulateFaults() {
        let help = Self.help(SimulateCommand.self)
        // The catalogue is every fault there is: the keys Faults reports are exactly its keys.
        guard case .object(let reported) = Faults().json else {
            Issue.record("Faults.json is not an object")
            return
        }
        #expect(Set(reported.keys) == Set(Faults.catalogue.map(\.key)))
        #expect(Faults.keys.contains("ignore_status_filter"))
        for key in Faults.keys {
            #expect(help.contains("    \(key) "), "simulate --help omits \(key)")
        }
        #expect(help.contains("GET  /_sim/faults"))
    }

    @Test(
        "cancel and watch --help give every exit status the README says they return",
        arguments: [("cancel", CancelCommand.self), ("watch", WatchCommand.self)]
            as [(String, any ParsableCommand.Type)])
    func exitStatuses(name: String, command: any ParsableCommand.Type) throws {
        let help = Self.help(command)
        let start = try #require(help.range(of: "Exit status:"))
        let paragraph = String(help[start.lowerBound...]).components(separatedBy: "\n\n")[0]
        let returned = try Self.readmeReturnedBy().filter {
            $0.value.contains("`\(name)`") || $0.value.hasPrefix("all")
        }
        #expect(returned.keys.contains(10) && returned.keys.contains(11))
        for code in returned.keys.sorted() {
            // The code as a definition ("10 TLS failed"), not inside a list of codes ("5, 10, 11").
            let defined = paragraph.range(of: "(?<![0-9])\(code) [a-zA-Z(]", options: .regularExpression) != nil
            #expect(defined, "\(name) --help does not explain exit \(code)")
        }
    }

    @Test("root --help lists every environment variable of the settings table and where the options are")
    func rootHelp() {
        let help = Self.help(TasksTUICommand.self)
        for setting in SettingDescriptor.all {
            guard let variable = setting.environment?.name else { continue }
            #expect(help.contains("  \(variable) "), "root --help omits \(variable)")
        }
        #expect(help.contains("TASKS_CONFIG"))
        #expect(help.contains("`tasks-tui dashboard --help`"))
        // The pointer is true: the dashboard's help has every global flag of the table.
        let dashboard = Self.help(DashboardCommand.self)
        for setting in SettingDescriptor.all {
            guard let flag = setting.flag?.name, setting.key != .listLimit else { continue }
            #expect(dashboard.contains(flag), "dashboard --help omits \(flag)")
        }
    }
}
