import TasksModel
import Testing

@testable import TasksTUI

@Suite("short error messages")
struct ShortErrorTests {
    static let commands = ["dashboard", "demo", "list", "show", "cancel", "watch", "config", "simulate"]

    @Test("a mistyped command is named, with the nearest one, and no usage text")
    func mistypedCommand() {
        let full =
            "Error: Unexpected argument 'lsit'\nUsage: tasks-tui [dashboard] [<options>]\n  See 'tasks-tui dashboard --help' for more information."
        #expect(
            ShortError.text(full: full, arguments: ["lsit"], commands: Self.commands)
                == "tasks-tui: unknown command 'lsit'; did you mean 'list'? See tasks-tui --help")
        #expect(
            ShortError.text(
                full: "Error: Unexpected argument 'frobnicate'", arguments: ["frobnicate"], commands: Self.commands)
                == "tasks-tui: unknown command 'frobnicate'. See tasks-tui --help")
        #expect(ShortError.closest(to: "wacth", in: Self.commands) == "watch")
        #expect(
            ShortError.text(
                full: "Error: Unexpected argument 'list'", arguments: ["--read-only", "list"], commands: Self.commands
            )
            .contains("the command comes first"))
    }

    @Test(
        "a command after options: the hint with the line reordered, for any number of words after it",
        arguments: [
            (["--read-only", "list"], "tasks-tui list --read-only"),
            (["--profile", "production", "cancel", "x"], "tasks-tui cancel --profile production x"),
            (["--profile", "production", "cancel", "x", "y", "z"], "tasks-tui cancel --profile production x y z"),
            (
                ["--api-url", "http://h:1", "watch", "job 1", "--timeout", "5"],
                "tasks-tui watch --api-url http://h:1 'job 1' --timeout 5"
            ),
        ])
    func commandAfterOptions(arguments: [String], reordered: String) {
        let words = arguments.drop { !Self.commands.contains($0) }
        // swift-argument-parser's words: one form for a single word, another for several.
        // (An option of the command after it is an unknown option of the dashboard's: reported first.)
        let message =
            if let option = words.first(where: { $0.hasPrefix("-") }) {
                "Error: Unknown option '\(option)'"
            } else if words.count == 1 {
                "Error: Unexpected argument '\(words.first!)'"
            } else {
                "Error: \(words.count) unexpected arguments: \(words.map { "'\($0)'" }.joined(separator: ", "))"
            }
        let full = message + "\nSee 'tasks-tui dashboard --help' for more information."
        let text = ShortError.text(full: full, arguments: arguments, commands: Self.commands)
        #expect(
            text
                == "tasks-tui: the command comes first, then its options: \(reordered). See tasks-tui \(words.first!) --help"
        )
        #expect(!text.contains("dashboard --help"))
    }

    @Test("a mistyped command with words after it is still named")
    func mistypedWithWords() {
        let text = ShortError.text(
            full: "Error: 2 unexpected arguments: 'wacth', 'job_1'", arguments: ["wacth", "job_1"],
            commands: Self.commands)
        #expect(text == "tasks-tui: unknown command 'wacth'; did you mean 'watch'? See tasks-tui --help")
    }

    @Test("a bad setting or option: the message and where to read more, without the usage line")
    func validation() {
        let full =
            "Error: --limit must be 1...10000\nUsage: tasks-tui list [--config <config>] [--profile <profile>] [--api-url <api-url>] <many more>\n  See 'tasks-tui list --help' for more information."
        let text = ShortError.text(full: full, arguments: ["list", "--limit", "0"], commands: Self.commands)
        #expect(text == "tasks-tui: --limit must be 1...10000\nSee 'tasks-tui list --help' for more information.")
        #expect(!text.contains("Usage"))
    }

    @Test("an unknown word for an enumerated option names every value, from the enum itself")
    func enumeratedValues() throws {
        for (arguments, values) in [
            (["list", "--status", "nope"], StatusFilter.allCases.map(\.rawValue)),
            (["--hyperlinks", "maybe"], HyperlinkMode.allCases.map(\.rawValue)),
        ] {
            var message = ""
            do {
                _ = try TasksTUICommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(TasksTUICommand.exitCode(for: error).rawValue == 64)
                message = ShortError.text(
                    full: TasksTUICommand.fullMessage(for: error), arguments: arguments, commands: Self.commands)
            }
            for value in values { #expect(message.contains("'\(value)'"), "\(message)") }
            #expect(message.split(separator: "\n").count <= 3 && !message.contains("Usage"), "\(message)")
        }
    }
}
