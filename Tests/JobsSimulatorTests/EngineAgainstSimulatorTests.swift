import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

@Suite("The engine against the simulator over real HTTP")
struct EngineAgainstSimulatorTests {
    @Test("jobs appear and progress, a cancel is verified, and no request is left hanging")
    func run() async throws {
        let options = SimulationOptions(seed: 11, speed: 200, initialJobs: 0)
        let clock = ManualSimClock(Date())
        try await withSimulator(options: options, clock: clock) { server, api, client in
            // Two moving jobs and one that ignores cancels, all in the contract's form.
            let jobs = [
                #"{"job_id":"mover","status":"processing","type":"store_scraping","progress_data":{"percentage":0},"_sim":{"advance_seconds":3}}"#,
                #"{"job_id":"victim","status":"processing","type":"scraping","progress_data":{"percentage":5}}"#,
                #"{"job_id":"stubborn","status":"processing","type":"scraping","_sim":{"cancel":"ignore"}}"#,
            ]
            for job in jobs { try await post(client, server, "/_sim/jobs", job) }

            var configuration = EngineConfiguration()
            configuration.listInterval = 2
            configuration.rules = PollRules(
                rules: [], fallback: PollPolicy(name: "fast", interval: 0.5, maximumDuration: 600))
            // Cancel both once both are shown.
            var cancelled = false
            func cancels(_ engine: PollingEngine, _ now: Date) -> [EngineEvent] {
                guard !cancelled, engine["victim"] != nil, engine["stubborn"] != nil else { return [] }
                cancelled = true
                return [.cancel(id: "victim", at: now), .cancel(id: "stubborn", at: now)]
            }
            // At least 6 s (lists and polls to count), then until every outcome is in (60 s at most).
            func settled(_ run: EngineRun, _ t: Double) -> Bool {
                guard t >= 6, case .notHonoured? = run.engine["stubborn"]?.cancel else { return false }
                return run.engine["mover"]?.job.status == .completed && run.engine["victim"]?.job.status == .cancelled
            }
            let run = await EngineRun.drive(
                api, clock: clock, configuration: configuration, seconds: 60, step: 0.1, inject: cancels,
                done: settled)
            let engine = run.engine
            let notices = run.notices
            #expect(engine["mover"]?.job.status == .completed)
            #expect((engine["mover"]?.history.count ?? 0) >= 3)
            #expect(engine["victim"]?.job.status == .cancelled)
            #expect(server.simulation.job(id: "victim")?.status == .cancelled)
            guard case .notHonoured? = engine["stubborn"]?.cancel else {
                Issue.record("stubborn: \(String(describing: engine["stubborn"]?.cancel))")
                return
            }
            #expect(notices.contains { $0.text.contains("NOT honoured") })
            #expect(engine.connection == .connected)
            let stats = server.stats
            #expect(stats.cancelsByJob["victim"] == 1 && stats.cancelsByJob["stubborn"] == 1)
            #expect((stats.requestsByRoute["GET /api/v1/jobs"] ?? 0) >= 3)
            // The finished mover is not polled after it finished.
            let moverPolls = stats.requestsByJob["mover"] ?? 0
            #expect(moverPolls <= 8)
            // Every request was answered before the run ended; the server's own count follows within moments.
            for _ in 0..<100 where server.stats.inFlight > 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(server.stats.inFlight == 0)
        }
    }
}
