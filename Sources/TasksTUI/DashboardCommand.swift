import ArgumentParser
import FoundationEssentials
import Logging
import TasksModel

/// `tasks-tui` (and `tasks-tui dashboard`): the dashboard on the configured server.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard on the configured jobs server (the default command).",
        usage: "tasks-tui [dashboard] [<options>]",
        discussion: """
            Examples:
              export TASKS_API_TOKEN_FILE=~/.config/tasks-tui/token
              TASKS_API_URL=https://api.example.com tasks-tui
              tasks-tui --api-url http://127.0.0.1:8080 --read-only
              tasks-tui demo          # no server? try the built-in simulator
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await runReportingErrors {
            let connection = try global.connect()
            try await DashboardSession.run(connection: connection, demo: false)
        }
    }
}

/// Sets up the terminal, the client and the loop; always restores the terminal.
enum DashboardSession {
    static func run(connection: Connection, demo: Bool) async throws {
        let settings = connection.settings
        let logger = FileLogHandler.logger(path: settings.logFile)
        let client = connection.client
        let api = connection.api
        let label = connection.label
        let engineConfiguration = settings.engineConfiguration
        var sessionOptionsBase = DashboardState.Options(
            serverLabel: label, demo: demo, readOnly: settings.readOnly, insecure: settings.insecure,
            timeZone: .system)
        sessionOptionsBase.profileName = settings.profile
        sessionOptionsBase.mouse = settings.mouse
        sessionOptionsBase.notifier = TerminalNotifier.choose(
            settings.notify, environment: ProcessInfo.processInfo.environment)
        let options = sessionOptionsBase
        let noColor = !settings.color
        let mouse = settings.mouse
        let environment = ProcessInfo.processInfo.environment
        let hyperlinks = HyperlinkSupport.enabled(
            settings.hyperlinks, environment: environment,
            tmuxFeatures: settings.hyperlinks == .auto && HyperlinkSupport.asksTmux(environment)
                ? tmuxFeatures() : nil)
        // A demo's cancels hit its own simulator only: they do not belong in the user's audit log.
        let audit = demo ? nil : AuditLog(path: settings.auditLog, server: label, profile: settings.profile)
        // Beside the audit log, one file per server; the demo keeps its history in memory only.
        let historyFile = demo ? nil : HistoryFile(directory: LogFile.parentDirectory(settings.auditLog), server: label)
        let history = historyFile?.load() ?? DurationHistory()
        logger.info("dashboard start on \(label)")
        // The terminal and the loop live on one thread of their own (curses
        // is not thread-safe, and the loop blocks in poll()).
        let outcome: Result<DashboardLoop.Ending, Terminal.SetupError> = await withCheckedContinuation { continuation in
            let started = DetachedThread.start {
                let terminal: Terminal
                do {
                    terminal = try Terminal(noColor: noColor, mouse: mouse, hyperlinks: hyperlinks)
                } catch {
                    continuation.resume(returning: .failure(error as? Terminal.SetupError ?? .notATerminal))
                    return
                }
                var sessionOptions = options
                sessionOptions.profile = terminal.profile
                let state = DashboardState(
                    options: sessionOptions, engine: PollingEngine(configuration: engineConfiguration, start: Date()),
                    now: Date(), history: history)
                let loop = DashboardLoop(
                    terminal: terminal, state: state, api: api, logger: logger, audit: audit, history: historyFile)
                let ending = loop.run()
                terminal.end()
                continuation.resume(returning: .success(ending))
            }
            if !started { continuation.resume(returning: .failure(.noThread)) }
        }
        let ending: DashboardLoop.Ending
        switch outcome {
        case .success(let value):
            ending = value
            logger.info("dashboard end: \(ending)")
        case .failure(let error):
            try? await client.shutdown()
            Console.err("tasks-tui: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        try? await client.shutdown()
        if case .signal(let number) = ending { throw ExitCode(128 + number) }
    }

    /// What tmux says its client terminal supports (`#{client_termfeatures}`,
    /// e.g. `256,clipboard,hyperlinks,...`), or nil if tmux does not answer within a second.
    static func tmuxFeatures() -> String? {
        ChildProcess.output(["tmux", "display-message", "-p", "#{client_termfeatures}"], timeout: .seconds(1))
    }
}
