import ArgumentParser
import Foundation
import JobsSimulator

/// `tasks-tui simulate`: a local jobs server that behaves like the real one.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a local jobs server that behaves like the real one.",
        discussion: """
            Serves the jobs API of docs/api.md on loopback, with jobs of every type that
            queue, progress, stall, overrun, fail and cancel. Logs one line per request.
            Stops cleanly on Ctrl-C or SIGTERM.

            Test hooks, never part of the real API:
              GET  /_sim/stats          requests and response bytes, per route and per job
              POST /_sim/stats/reset    zero the counters
              POST /_sim/jobs           add a Job (or an array) verbatim; "_sim": {"advance_seconds": N,
                                        "cancel": "ignore" | SECONDS} makes it move or resist a cancel
              DELETE /_sim/jobs         remove every job
              POST /_sim/faults         {"latency_ms", "error_rate", "error_status", "rate_limit_retry_after",
                                         "malformed_rate", "malformed_list_element", "hang_rate", "drop_rate"};
                                        {} clears them

            Examples:
              tasks-tui simulate --port 8080
              curl -s 'http://127.0.0.1:8080/api/v1/jobs?status=processing&limit=5'
              curl -s -X POST http://127.0.0.1:8080/api/v1/jobs/JOB_ID/cancel
              tasks-tui simulate --jobs 0 --port 9000          # empty; fill it through /_sim/jobs
              tasks-tui simulate --seed 7 --speed 60            # another story, much faster
              tasks-tui simulate --token-file ~/.config/tasks-tui/sim-token
            """
    )

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
        var token: String?
        if let tokenFile {
            let path = (tokenFile as NSString).expandingTildeInPath
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read --token-file \(tokenFile)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if token?.isEmpty == true { throw ValidationError("--token-file \(tokenFile) is empty") }
        }
        let simulation = Simulation(
            options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs, token: token))
        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(
                simulation: simulation, host: host, port: port,
                requestLog: { line in Console.out(line) }, stopOnSignals: true)
        } catch {
            throw ValidationError("cannot listen on \(host):\(port): \(error)")
        }
        let scope = Self.isLoopback(host) ? "" : "  (not loopback: reachable from other machines)"
        Console.out(
            "jobs simulator on \(server.baseURL.absoluteString)\(scope): \(jobs) jobs, seed \(seed), speed \(speed)x"
                + (token == nil ? "" : ", bearer token required"))
        Console.out("try: curl -s '\(server.baseURL.absoluteString)/api/v1/jobs?status=all&limit=5'")
        // The server's service group turns SIGINT and SIGTERM into a graceful shutdown.
        await server.waitUntilStopping()
        Console.out("stopping")
        await server.stop()
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
