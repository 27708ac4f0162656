import ArgumentParser
import FoundationEssentials
import TasksModel

#if Simulator
    import JobsSimulator
#endif

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
    /// The dashboard's own options, declared once for every command.
    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 or more") }
    }

    func run() async throws {
        #if Simulator
            try await runOnSimulator()
        #else
            throw NoSimulator.refuse("demo")
        #endif
    }

    #if Simulator
        private func runOnSimulator() async throws {
            let simulation = Simulation(options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs))
            let server = try await SimulatorServer.start(simulation: simulation)
            var global = try GlobalOptions.parse([])
            global.display = display
            do {
                // Only what the demo uses: its own simulator is the server, with no token.
                var settings = try global.demoSettings(
                    environment: ProcessInfo.processInfo.environment, home: GlobalOptions.home)
                settings.apiURL = server.baseURL
                let client = HTTPJobsAPI.makeClient(connectTimeout: 5)
                let api = HTTPJobsAPI(
                    configuration: .init(baseURL: server.baseURL, token: nil, timeout: settings.timeout), client: client
                )
                let connection = Connection(
                    settings: settings, url: server.baseURL, api: api, client: client,
                    label: Connection.label(server.baseURL))
                try await runReportingErrors { try await DashboardSession.run(connection: connection, demo: true) }
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    #endif
}
