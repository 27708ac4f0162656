import ArgumentParser
import CNcurses
import FoundationEssentials
import Glibc

/// `tasks-tui`: watch and control background jobs from a terminal.
@main
struct TasksTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks-tui",
        abstract: "Watch and control long-running background jobs from a terminal.",
        discussion: RootHelp.discussion,
        version: "0.1.0",
        subcommands: [
            DashboardCommand.self, DemoCommand.self, ListCommand.self, ShowCommand.self, CancelCommand.self,
            WatchCommand.self, AuditCommand.self, ConfigCommand.self, SimulateCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Runs the command; a bad option, setting or command name prints one short
    /// message (no usage text) and exits with the documented status (64).
    static func main() async {
        tt_use_one_malloc_arena()
        // Before the token is read: no core file may ever hold it.
        if case .failed(let code) = CoreDumps.disable(environment: ProcessInfo.processInfo.environment) {
            Console.err("tasks-tui: warning: core dumps could not be turned off (\(String(cString: strerror(code))))")
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let names = configuration.subcommands.compactMap { $0.configuration.commandName }
            Console.err(ShortError.text(full: fullMessage(for: error), arguments: arguments, commands: names))
            Glibc.exit(code.rawValue)
        }
    }
}
