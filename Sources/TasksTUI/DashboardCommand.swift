import ArgumentParser
import FoundationEssentials
import JobsSimulator
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

/// `tasks-tui demo`: the dashboard on an in-process simulator.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a built-in simulated jobs server: no account needed.",
        usage: "tasks-tui demo [--seed <seed>] [--speed <speed>] [<options>]",
        discussion: """
            Starts the simulator (see `tasks-tui simulate --help`) on 127.0.0.1 with a
            free port and opens the dashboard on it, marked DEMO. Cancels go to the
            simulator only, and are not written to the audit log.

            It takes the options below and no others: no server, token, TLS, proxy,
            profile or config file is read (a loose config file or two token
            variables cannot stop it). From the environment it reads NO_COLOR,
            TASKS_MOUSE, TASKS_NOTIFY, TASKS_HYPERLINKS, TASKS_READ_ONLY,
            TASKS_REFRESH_INTERVAL, TASKS_STALL_THRESHOLD and TASKS_LOG_FILE.

            Examples:
              tasks-tui demo
              tasks-tui demo --speed 60 --jobs 100
              tasks-tui demo --read-only
            """)

    @Option(help: "Seed of the simulated story.")
    var seed: UInt64 = 1
    @Option(help: "How much faster than real durations simulated jobs run.")
    var speed: Double = 10
    @Option(help: "Simulated jobs at start.")
    var jobs: Int = 24
    @Flag(name: .customLong("read-only"), help: "Never cancel anything.")
    var readOnly = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false
    @Flag(name: .customLong("no-mouse"), help: "No mouse, so the terminal's own text selection works.")
    var noMouse = false
    @Option(name: .customLong("refresh-interval"), help: "Seconds between list refreshes (default 30).")
    var refreshInterval: Double?
    @Option(name: .customLong("log-file"), help: "Log file (default: $XDG_STATE_HOME/tasks-tui/tasks-tui.log).")
    var logFile: String?

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 or more") }
    }

    func run() async throws {
        let simulation = Simulation(options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs))
        let server = try await SimulatorServer.start(simulation: simulation)
        var global = try GlobalOptions.parse([])
        global.readOnly = readOnly
        global.noColor = noColor
        global.noMouse = noMouse
        global.refreshInterval = refreshInterval
        global.logFile = logFile
        do {
            // Only what the demo uses: its own simulator is the server, with no token.
            var settings = try global.demoSettings(
                environment: ProcessInfo.processInfo.environment, home: GlobalOptions.home)
            settings.apiURL = server.baseURL
            let client = HTTPJobsAPI.makeClient(connectTimeout: 5)
            let api = HTTPJobsAPI(
                configuration: .init(baseURL: server.baseURL, token: nil, timeout: settings.timeout), client: client)
            let connection = GlobalOptions.Connection(
                settings: settings, url: server.baseURL, api: api, client: client,
                label: GlobalOptions.label(server.baseURL))
            try await runReportingErrors { try await DashboardSession.run(connection: connection, demo: true) }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

/// Sets up the terminal, the client and the loop; always restores the terminal.
enum DashboardSession {
    static func run(connection: GlobalOptions.Connection, demo: Bool) async throws {
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
        let audit = demo ? nil : AuditLog(path: settings.auditLog, server: label)
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
                    now: Date())
                let loop = DashboardLoop(terminal: terminal, state: state, api: api, logger: logger, audit: audit)
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
