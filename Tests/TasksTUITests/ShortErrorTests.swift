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

    @Test("a bad setting or option: the message and where to read more, without the usage line")
    func validation() {
        let full =
            "Error: --limit must be 1...10000\nUsage: tasks-tui list [--config <config>] [--profile <profile>] [--api-url <api-url>] <many more>\n  See 'tasks-tui list --help' for more information."
        let text = ShortError.text(full: full, arguments: ["list", "--limit", "0"], commands: Self.commands)
        #expect(text == "tasks-tui: --limit must be 1...10000\nSee 'tasks-tui list --help' for more information.")
        #expect(!text.contains("Usage"))
    }
}
