import Foundation
import Testing

@testable import TasksModel

/// The scheduler's choice between single reads and a `status=` list, by cost
/// (`PollingEngine.listChoice`): requests and bytes, priced from the sizes of
/// recent answers.
@Suite("Single reads or a list, by cost")
struct ListChoiceTests {
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    /// An engine holding `count` processing video jobs (10 s interval), `v0`
    /// the newest; `read(i)` says how many seconds ago job i was last read.
    /// The refresh and the active lists are not due, so a tick sends only polls.
    func makeEngine(count: Int, read: (Int) -> Double) -> PollingEngine {
        var engine = PollingEngine(start: t0)
        for index in 0..<count {
            let job = activeJob(
                "v\(index)", type: "video_generation", created: t0.addingTimeInterval(-Double(index) - 60))
            engine.merge(job, at: t0.addingTimeInterval(-read(index)), fromRefresh: false)
        }
        settle(&engine)
        return engine
    }

    func settle(_ engine: inout PollingEngine) {
        engine.lastListAt = t0.addingTimeInterval(-5)
        engine.nextListAt = t0.addingTimeInterval(25)
        engine.nextActiveAt = [.processing: t0.addingTimeInterval(25), .queued: t0.addingTimeInterval(25)]
        engine.connection = .connected
    }

    @Test("few jobs due among many fresh ones: single reads")
    func fewDue() {
        // v3 and v7 due now; the other eight were read 2 s ago.
        var engine = makeEngine(count: 10) { [3, 7].contains($0) ? 10 : 2 }
        #expect(engine.listChoice(for: .processing, at: t0) == nil)
        let requests = engine.update(.tick(t0)).requests
        #expect(Set(requests) == [.job(id: "v3"), .job(id: "v7")])
    }

    @Test("many jobs of one status due: one list, asking for one more than it knows (to see it holds them all)")
    func manyDue() {
        var engine = makeEngine(count: 10) { _ in 10 }
        #expect(engine.update(.tick(t0)).requests == [.list(status: .processing, limit: 11)])
        // The list stands for the polls: none goes while it is out.
        #expect(engine.update(.tick(t0.addingTimeInterval(0.5))).requests.isEmpty)
    }

    @Test("a list asks for no more jobs than it needs: the newest that are due, not the fresh ones behind them")
    func prefixOnly() {
        // The six newest due; the four oldest read 1 s ago.
        var engine = makeEngine(count: 10) { $0 < 6 ? 10 : 1 }
        let requests = engine.update(.tick(t0)).requests
        #expect(requests == [.list(status: .processing, limit: 6)])
        // A due job behind fresh ones is read on its own, not by stretching the list.
        var mixed = makeEngine(count: 10) { $0 < 6 || $0 == 9 ? 10 : 1 }
        #expect(Set(mixed.update(.tick(t0)).requests) == [.list(status: .processing, limit: 6), .job(id: "v9")])
    }

    @Test("a list stops before a job whose cancel is being verified: that job is read on its own")
    func verifyingCancel() {
        var engine = makeEngine(count: 10) { _ in 10 }
        engine.jobs["v4"]?.cancel = .requested(CancelVerification(acceptedAt: t0, pollLimit: 3))
        let requests = engine.update(.tick(t0)).requests
        #expect(requests.first == .list(status: .processing, limit: 4))
        #expect(requests.contains(.job(id: "v4")))
    }

    @Test("a job a list was sent to carry and did not is read on its own, never listed again: no list loop")
    func leftOut() {
        var engine = makeEngine(count: 10) { _ in 10 }
        // Lists cost nothing (answered 304): the strongest pull towards another list.
        teach(&engine, perListedJob: 0, perSingleRead: 600)
        let first = engine.update(.tick(t0)).requests
        #expect(first == [.list(status: .processing, limit: 11)])
        // v3 has moved on (the server's list no longer holds it).
        let listed = (0..<10).filter { $0 != 3 }.map {
            activeJob("v\($0)", type: "video_generation", created: t0.addingTimeInterval(-Double($0) - 60))
        }
        let answered = t0.addingTimeInterval(0.1)
        let next = engine.update(
            .completed(
                first[0], .list(.success(JobList(jobs: listed))), at: answered,
                timing: ResponseTiming(sentAt: t0, bodyBytes: 0)))
        #expect(next.requests == [.job(id: "v3")])
        #expect(engine.update(.tick(answered.addingTimeInterval(0.1))).requests.isEmpty)
    }

    /// Three of six due (v0, v2, v4); the others read 5 s ago (half their interval).
    func halfDue() -> PollingEngine { makeEngine(count: 6) { $0 % 2 == 0 ? 10 : 5 } }

    /// Two of six due (v0, v3); the others read 5 s ago.
    func twoDue() -> PollingEngine { makeEngine(count: 6) { $0 % 3 == 0 ? 10 : 5 } }

    @Test("the sizes of recent answers change the choice: the same due jobs, a list or single reads")
    func learnedSizes() {
        // Before any answer (a listed job weighs what a single read does):
        // three due of six, a list up to the last due job...
        var guessed = halfDue()
        #expect(guessed.update(.tick(t0)).requests == [.list(status: .processing, limit: 5)])
        // ... but answers taught it that lists weigh 3,000 bytes a job and
        // single reads 300: the same three, read one by one.
        var heavyLists = halfDue()
        teach(&heavyLists, perListedJob: 3000, perSingleRead: 300)
        #expect(heavyLists.answerSizes.perListedJob > 2500 && heavyLists.answerSizes.perSingleRead < 400)
        #expect(Set(heavyLists.update(.tick(t0)).requests) == [.job(id: "v0"), .job(id: "v2"), .job(id: "v4")])

        // Two due of six: single reads before any answer...
        var guessedTwo = twoDue()
        #expect(Set(guessedTwo.update(.tick(t0)).requests) == [.job(id: "v0"), .job(id: "v3")])
        // ... one list once lists proved light (100 bytes a job) and single reads heavy (3,000).
        var lightLists = twoDue()
        teach(&lightLists, perListedJob: 100, perSingleRead: 3000)
        #expect(lightLists.update(.tick(t0)).requests == [.list(status: .processing, limit: 4)])
    }

    @Test("lists answered 304 (no body) teach no size: the same due jobs get the same choice after them")
    func notModifiedLists() {
        var engine = twoDue()
        let before = engine.answerSizes
        // Before: two due of six, single reads.
        var fresh = twoDue()
        #expect(Set(fresh.update(.tick(t0)).requests) == [.job(id: "v0"), .job(id: "v3")])
        // Twenty `status=queued` lists of one job, each answered 304 from the cache: 0 body bytes.
        let q = Job(id: "q", status: .queued, type: "video_generation", createdAt: t0.addingTimeInterval(-30))
        let at = t0.addingTimeInterval(-1)
        for _ in 0..<20 {
            _ = engine.update(
                .completed(
                    .list(status: .queued, limit: 5), .list(.success(JobList(jobs: [q]))), at: at,
                    timing: ResponseTiming(sentAt: at, bodyBytes: 0)))
        }
        settle(&engine)
        #expect(engine.answerSizes == before)
        #expect(Set(engine.update(.tick(t0)).requests) == [.job(id: "v0"), .job(id: "v3")])
    }

    @Test("a request's own cost weighs too: free requests make single reads always the cheaper")
    func requestCost() {
        var engine = makeEngine(count: 10) { _ in 10 }
        engine.configuration.requestCost = 0
        #expect(engine.listChoice(for: .processing, at: t0) == nil)
        #expect(engine.update(.tick(t0)).requests.count == 4)  // maxInFlight single reads
    }

    /// Feeds the engine answers about a queued job `q` (not in the due set)
    /// whose bodies weigh as given: ten `status=queued` lists and ten single reads.
    func teach(_ engine: inout PollingEngine, perListedJob: Int, perSingleRead: Int) {
        let q = Job(id: "q", status: .queued, type: "video_generation", createdAt: t0.addingTimeInterval(-30))
        let at = t0.addingTimeInterval(-1)
        for _ in 0..<10 {
            let list = EngineRequest.list(status: .queued, limit: 5)
            _ = engine.update(
                .completed(
                    list, .list(.success(JobList(jobs: [q]))), at: at,
                    timing: ResponseTiming(sentAt: at, bodyBytes: 12 + perListedJob)))
            _ = engine.update(
                .completed(
                    .job(id: "q"), .job(.success(q)), at: at,
                    timing: ResponseTiming(sentAt: at, bodyBytes: perSingleRead)))
        }
        settle(&engine)
    }
}
