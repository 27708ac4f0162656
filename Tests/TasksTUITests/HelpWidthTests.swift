import ArgumentParser
import Testing

@testable import TasksTUI

/// Every command's `--help`, rendered for an 80-column terminal, fits it:
/// no line is longer, so nothing (a JSON example, a table of hooks, a usage
/// line) is broken mid-value by the terminal.
@Suite("Help fits 80 columns")
struct HelpWidthTests {
    static let commands: [any ParsableCommand.Type] =
        [TasksTUICommand.self] + TasksTUICommand.configuration.subcommands

    @Test("no line of any command's --help is longer than 80 columns", arguments: 0..<commands.count)
    func fits(index: Int) {
        let command = Self.commands[index]
        let help = TasksTUICommand.helpMessage(for: command, columns: 80)
        let long = help.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.count > 80 }
        #expect(long.isEmpty, "\(command._commandName): \(long.map { "\($0.count): \($0)" }.joined(separator: "\n"))")
        // Not re-wrapped either: every line of the discussion (a JSON example, a
        // table of hooks) is shown whole, never broken mid-value.
        let shown = Set(help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in command.configuration.discussion.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            #expect(shown.contains(text), "\(command._commandName): discussion line re-wrapped: \(text)")
        }
    }

    @Test("every command is checked")
    func everyCommand() {
        #expect(Self.commands.count == 10)
    }
}
