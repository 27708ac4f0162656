import Foundation
import Synchronization
import Testing

@testable import JobsSimulator
@testable import TasksModel

@Suite("The engine against the simulator over real HTTP")
struct EngineAgainstSimulatorTests {
    @Test("jobs appear and progress, a cancel is verified, and no request is left hanging")
    func run() async throws {
        let options = SimulationOptions(seed: 11, speed: 200, initialJobs: 0)
        try await withSimulator(options: options) { server, api, client in
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
            var engine = PollingEngine(configuration: configuration, start: Date())
            let (events, continuation) = AsyncStream<EngineEvent>.makeStream()
            let executor = RequestExecutor(api: api) { continuation.yield($0) }
            var notices: [EngineNotice] = []
            func feed(_ event: EngineEvent) {
                let output = engine.update(event)
                notices += output.notices
                executor.submit(output.requests)
            }
            let ticker = Task {
                while !Task.isCancelled {
                    continuation.yield(.tick(Date()))
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            // At least 6 s (lists and polls to count), then until every outcome is in, or
            // 30 s on a loaded machine: a wait for the outcome, not a timing test.
            let minimum = Date().addingTimeInterval(6)
            let deadline = Date().addingTimeInterval(30)
            func settled() -> Bool {
                guard case .notHonoured? = engine["stubborn"]?.cancel else { return false }
                return engine["mover"]?.job.status == .completed && engine["victim"]?.job.status == .cancelled
            }
            var cancelled = false
            for await event in events {
                feed(event)
                if !cancelled, engine["victim"] != nil, engine["stubborn"] != nil {
                    feed(.cancel(id: "victim", at: Date()))
                    feed(.cancel(id: "stubborn", at: Date()))
                    cancelled = true
                }
                if Date() > deadline || (Date() > minimum && settled()) { break }
            }
            ticker.cancel()
            executor.cancelAll()
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
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.stats.inFlight == 0)
        }
    }
}
