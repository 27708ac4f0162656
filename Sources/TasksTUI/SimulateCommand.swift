import ArgumentParser
import FoundationEssentials
import TasksModel

#if Simulator
    import JobsSimulator
#endif

/// `tasks-tui simulate`: a local jobs server that behaves like the real one.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a local jobs server that behaves like the real one.",
        usage: "tasks-tui simulate [--host <host>] [--port <port>] [<options>]",
        discussion: """
            Serves the jobs API of docs/api.md on loopback, with jobs of every type that
            queue, progress, stall, overrun, fail and cancel. Logs one line per request.
            Stops cleanly on Ctrl-C or SIGTERM. It is the server, not a client: it takes
            the options below and none of the clients' global options, and reads no
            config file or TASKS_* variable.

            Test hooks, never part of the real API:
              GET  /_sim/stats        requests and bytes, per route and per job
              POST /_sim/stats/reset  zero the counters
              POST /_sim/jobs         add a Job (or an array) verbatim; with
                                      "_sim": {"advance_seconds": N,
                                               "cancel": "ignore" | SECONDS}
                                      it moves or resists a cancel
              DELETE /_sim/jobs       remove every job
              POST /_sim/faults       set faults on the API routes only; {} clears
                                      them; an unknown key or a value out of
                                      range is refused (400) and changes nothing:
            \(faultLines)
              GET  /_sim/faults       the faults in force

            Examples:
              tasks-tui simulate --port 8080
              curl -s 'http://127.0.0.1:8080/api/v1/jobs?status=processing&limit=5'
              curl -s -X POST http://127.0.0.1:8080/api/v1/jobs/JOB_ID/cancel
              tasks-tui simulate --jobs 0 --port 9000  # empty; fill it via /_sim/jobs
              tasks-tui simulate --seed 7 --speed 60    # another story, faster
              tasks-tui simulate --token-file ~/.config/tasks-tui/sim-token
            """
    )

    /// One line per fault of `Faults.catalogue`, so the help lists every fault the simulator takes.
    static var faultLines: String {
        #if Simulator
            Faults.catalogue.map { fault in
                "    " + fault.key.rightPadded(to: 24) + fault.meaning
            }.joined(separator: "\n")
        #else
            "    (this build has no simulator: " + NoSimulator.buildCommand + ")"
        #endif
    }

    @Option(help: "Address to listen on. Loopback unless you ask for another.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "Seed of the story: the same seed gives the same jobs.")
    var seed: UInt64 = 1

    @Option(help: "How much faster than the reference's durations jobs run.")
    var speed: Double = 10

    @Option(help: "Jobs present at start; 0 starts empty, with no arrivals.")
    var jobs: Int = 24

    @Option(help: "Require this file's token as a bearer token on every request.")
    var tokenFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 or more") }
    }

    func run() async throws {
        #if Simulator
            try await serve()
        #else
            throw NoSimulator.refuse("simulate")
        #endif
    }

    #if Simulator
        private func serve() async throws {
            var token: String?
            if let tokenFile {
                // Checked as the client checks it: a file the client would refuse is refused here too.
                do {
                    token = String(
                        try TokenFile.read(HomeDirectory.expand(tokenFile, home: GlobalOptions.home)).headerValue
                            .dropFirst(
                                "Bearer ".count))
                } catch {
                    throw ValidationError(error.description)
                }
            }
            let simulation = Simulation(
                options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs, token: token))
            let server: SimulatorServer
            do {
                server = try await SimulatorServer.start(
                    simulation: simulation, host: host, port: port,
                    requestLog: { line in Console.out(line) }, stopOnSignals: true)
            } catch let error as SimulatorError {
                Console.err("tasks-tui: \(error.description)")
                throw ExitCode(ExitStatus.usage.rawValue)
            } catch {
                Console.err(
                    "tasks-tui: cannot listen on \(LoopbackHTTPServer.authority(host: host, port: port)): \(error)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            let scope = Loopback.isLoopback(host: host) ? "" : "  (not loopback: reachable from other machines)"
            Console.out(
                "jobs simulator on \(server.baseURL.absoluteString)\(scope): \(jobs) jobs, seed \(seed), speed \(speed)x"
                    + (token == nil ? "" : ", bearer token required"))
            Console.out("try: curl -s '\(server.baseURL.absoluteString)/api/v1/jobs?status=all&limit=5'")
            // The server's service group turns SIGINT and SIGTERM into a graceful shutdown.
            await server.waitUntilStopping()
            Console.out("stopping")
            await server.stop()
        }
    #endif
}
