import Foundation
import Testing

@testable import TasksModel

@Suite("Cancels through the engine")
struct EngineCancelTests {
    /// A server whose job "c" cancels `after` seconds after the request (nil: never).
    func server(start: Date, honourAfter after: Double?) -> FakeJobsServer {
        let server = FakeJobsServer()
        var cancelledAt: Date?
        server.add("c") { now in
            var job = activeJob("c", type: "video_generation", created: start)
            if let cancelledAt, let after, now >= cancelledAt.addingTimeInterval(after) {
                job.status = .cancelled
                job.completedAt = cancelledAt.addingTimeInterval(after)
            }
            return job
        }
        server.onCancel = { id, now in
            guard id == "c" else { return .failure(.notFound("job \(id)")) }
            cancelledAt = cancelledAt ?? now
            return .success(CancelAcceptance(status: 202, job: nil))
        }
        return server
    }

    @Test("an accepted cancel is verified by polling until the job says cancelled")
    func honoured() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = server(start: start, honourAfter: 12)
        var harness = EngineHarness(server: server)
        harness.run(until: 3)
        harness.send(.cancel(id: "c", at: harness.now))
        #expect(server.log.last?.request == .cancel(id: "c"))
        harness.run(until: 4)
        guard case .requested = harness.engine["c"]!.cancel else {
            Issue.record("expected requested, got \(harness.engine["c"]!.cancel)")
            return
        }
        harness.run(until: 40)
        #expect(harness.engine["c"]!.job.status == .cancelled)
        #expect(harness.engine["c"]!.cancel == .none)
        #expect(
            harness.notices.contains {
                $0.kind == .cancelOutcome(jobID: "c", type: "video_generation", outcome: .cancelled)
            })
        #expect(server.requests(\.isCancel).count == 1)
    }

    @Test("a cancel the server accepts but ignores is flagged after 3 polls")
    func notHonoured() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = server(start: start, honourAfter: nil)
        var harness = EngineHarness(server: server)
        harness.run(until: 3)
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 25)
        #expect(harness.engine["c"]!.cancel != .none)
        harness.run(until: 45)
        guard case .notHonoured = harness.engine["c"]!.cancel else {
            Issue.record("expected not honoured, got \(harness.engine["c"]!.cancel)")
            return
        }
        #expect(harness.notices.contains { $0.text.contains("NOT honoured") })
    }

    @Test("cancel verification polls even an overdue job")
    func overdueVerification() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = FakeJobsServer()
        server.add(activeJob("o", type: "scraping", created: start.addingTimeInterval(-3600)))
        server.onCancel = { _, _ in .success(CancelAcceptance(status: 202, job: nil)) }
        var harness = EngineHarness(server: server)
        harness.run(until: 2)
        harness.send(.cancel(id: "o", at: harness.now))
        harness.run(until: 20)
        #expect(server.requests { $0 == .job(id: "o") }.count == 3)
    }

    @Test("nothing is sent for a finished job; 409, 404 and a reset (outcome unknown) are reported, never retried")
    func refusals() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = FakeJobsServer()
        server.add(Job(id: "done", status: .completed, type: "scraping", createdAt: start))
        server.add(activeJob("raced", type: "scraping", created: start))
        server.add(activeJob("ghost", type: "scraping", created: start))
        server.add(activeJob("net", type: "scraping", created: start))
        server.onCancel = { id, _ in
            switch id {
            case "raced": .failure(.conflict("job already completed"))
            case "ghost": .failure(.notFound("job ghost"))
            default: .failure(.transport("connection reset"))
            }
        }
        var harness = EngineHarness(server: server)
        harness.run(until: 1)
        harness.send(.cancel(id: "done", at: harness.now))
        #expect(server.requests(\.isCancel).isEmpty)
        #expect(harness.notices.last?.text.contains("nothing sent") == true)
        for id in ["raced", "ghost", "net"] { harness.send(.cancel(id: id, at: harness.now)) }
        harness.run(until: 1.5)
        #expect(harness.engine["ghost"]!.gone)
        harness.run(until: 60)
        #expect(server.requests(\.isCancel).count == 3)
        #expect(harness.engine["raced"]!.cancel == .failed("already finished"))
        #expect(harness.engine["ghost"]!.cancel == .failed("unknown job"))
        // A reset after the POST went out: the server may have cancelled it.
        guard case .unknown(let reason) = harness.engine["net"]!.cancel else {
            Issue.record("expected unknown")
            return
        }
        #expect(reason.contains("connection reset"))
        let outcomes = harness.notices.compactMap { notice -> String? in
            if case .cancelOutcome(_, _, let outcome) = notice.kind { return outcome.description }
            return nil
        }
        #expect(outcomes.contains("already finished (409)"))
        #expect(outcomes.contains("unknown job (404)"))
        #expect(outcomes.contains { $0.hasPrefix("sent, outcome unknown: ") })
    }

    @Test("a cancel waits for the job's in-flight poll: never two requests for one job")
    func waitsForInFlight() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = server(start: start, honourAfter: 0)
        var harness = EngineHarness(server: server)
        harness.latency = 2
        // Step until a poll of c is in flight (the first one's time is the engine's to choose).
        var inFlightPoll = false
        var until = 0.05
        while !inFlightPoll, until < 60 {
            harness.run(until: until)
            inFlightPoll = harness.pending.contains { $0.request == .job(id: "c") }
            until += 0.05
        }
        harness.send(.cancel(id: "c", at: harness.now))
        // The setup must really have a poll in flight, or the case is not tested.
        #expect(inFlightPoll)
        #expect(!harness.pending.contains { $0.request == .cancel(id: "c") })
        // Long enough for the cancel and one verifying poll (2 s each) after the in-flight one.
        harness.run(until: until + 20)
        #expect(server.requests(\.isCancel).count == 1)
        #expect(harness.engine["c"]!.job.status == .cancelled)
    }
}

@Suite("Cancels through the engine: verdicts from any read")
struct EngineCancelVerdictTests {
    @Test("a 200 whose job already says completed ends the cancel at once as 'finished as completed'")
    func acceptanceCarriesFinishedJob() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = FakeJobsServer()
        server.add(activeJob("f", type: "video_generation", created: start))
        server.onCancel = { _, _ in
            .success(
                CancelAcceptance(status: 200, job: Job(id: "f", status: .completed, type: "video_generation")))
        }
        var harness = EngineHarness(server: server)
        harness.run(until: 3)
        harness.send(.cancel(id: "f", at: harness.now))
        harness.run(until: 5)
        #expect(harness.engine["f"]!.cancel == .none)
        #expect(
            harness.notices.contains {
                $0.kind == .cancelOutcome(jobID: "f", type: "video_generation", outcome: .finishedAs(.completed))
            })
    }

    @Test("a cancel confirmed by the list refresh (not by a poll) is reported, not left 'requested'")
    func confirmedByListRefresh() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = FakeJobsServer()
        var cancelledAt: Date?
        server.add("c") { now in
            var job = activeJob("c", type: "video_generation", created: start)
            if let cancelledAt, now >= cancelledAt.addingTimeInterval(3) { job.status = .cancelled }
            return job
        }
        server.onCancel = { _, now in
            cancelledAt = cancelledAt ?? now
            return .success(CancelAcceptance(status: 202, job: nil))
        }
        var harness = EngineHarness(server: server)
        // Accepted at 25: its first verification poll would be at 35, but the refresh at 30 carries it.
        harness.run(until: 25)
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 31)
        #expect(server.requests { $0 == .job(id: "c") }.allSatisfy { $0.timeIntervalSince(start) < 25 })
        #expect(harness.engine["c"]!.job.status == .cancelled)
        #expect(harness.engine["c"]!.cancel == .none)
        #expect(
            harness.notices.contains {
                $0.kind == .cancelOutcome(jobID: "c", type: "video_generation", outcome: .cancelled)
            })
    }
}
