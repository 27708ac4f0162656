import ArgumentParser
import Foundation
import JobsSimulator
import Logging
import TasksModel

/// `tasks-tui` (and `tasks-tui dashboard`): the dashboard on the configured server.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard on the configured jobs server (the default command).",
        discussion: """
            Examples:
              TASKS_API_URL=https://api.example.com TASKS_API_TOKEN_FILE=~/.config/tasks-tui/token tasks-tui
              tasks-tui --api-url http://127.0.0.1:8080 --read-only
              tasks-tui demo          # no server? try the built-in simulator
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let url = try connection.resolvedURL() else {
            Console.err(
                """
                tasks-tui: no jobs server configured.
                  Point it at one:  tasks-tui --api-url https://api.example.com   (or export TASKS_API_URL)
                  with a token:     export TASKS_API_TOKEN_FILE=~/.config/tasks-tui/token   (chmod 600)
                  or just try it:   tasks-tui demo
                """)
            throw ExitCode(2)
        }
        let token = try connection.resolvedToken()
        try connection.checkTransport(url: url, token: token)
        try await DashboardSession.run(
            url: url, token: token, connection: connection, label: ConnectionOptions.label(url), demo: false)
    }
}

/// `tasks-tui demo`: the dashboard on an in-process simulator.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a built-in simulated jobs server: no account needed.",
        discussion: """
            Starts the simulator (see `tasks-tui simulate --help`) on 127.0.0.1 with a free
            port and opens the dashboard on it, marked DEMO. Cancels go to the simulator only.

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

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 or more") }
    }

    func run() async throws {
        let simulation = Simulation(options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs))
        let server = try await SimulatorServer.start(simulation: simulation)
        var connection = try ConnectionOptions.parse([])
        connection.readOnly = readOnly
        connection.noColor = noColor
        do {
            try await DashboardSession.run(
                url: server.baseURL, token: nil, connection: connection, label: ConnectionOptions.label(server.baseURL),
                demo: true)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

/// Sets up the terminal, the client and the loop; always restores the terminal.
enum DashboardSession {
    static func run(url: URL, token: BearerToken?, connection: ConnectionOptions, label: String, demo: Bool)
        async throws
    {
        let logger = FileLogHandler.logger(path: FileLogHandler.defaultPath)
        let client = HTTPJobsAPI.makeClient(connectTimeout: min(10, connection.timeout), insecure: connection.insecure)
        let api = HTTPJobsAPI(
            configuration: .init(baseURL: url, token: token, timeout: connection.timeout), client: client)
        let options = DashboardState.Options(
            serverLabel: label, demo: demo, readOnly: connection.readOnly, insecure: connection.insecure)
        let noColor = !connection.wantsColor
        let audit = AuditLog(path: AuditLog.defaultPath)
        logger.info("dashboard start on \(label)")
        // The terminal and the loop live on one thread of their own (curses
        // is not thread-safe, and the loop blocks in poll()).
        let outcome: Result<DashboardLoop.Ending, Terminal.SetupError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let terminal: Terminal
                do {
                    terminal = try Terminal(noColor: noColor)
                } catch {
                    continuation.resume(returning: .failure(error as? Terminal.SetupError ?? .notATerminal))
                    return
                }
                var sessionOptions = options
                sessionOptions.profile = terminal.profile
                let state = DashboardState(options: sessionOptions, engine: PollingEngine(start: Date()), now: Date())
                let loop = DashboardLoop(terminal: terminal, state: state, api: api, logger: logger, audit: audit)
                let ending = loop.run()
                terminal.end()
                continuation.resume(returning: .success(ending))
            }
        }
        let ending: DashboardLoop.Ending
        switch outcome {
        case .success(let value):
            ending = value
            logger.info("dashboard end: \(ending)")
        case .failure(let error):
            try? await client.shutdown()
            Console.err("tasks-tui: \(error)")
            throw ExitCode(2)
        }
        try? await client.shutdown()
        if case .signal(let number) = ending { throw ExitCode(128 + number) }
    }
}
