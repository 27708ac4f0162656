import Foundation
import Testing

@testable import TasksModel

@Suite("Every active job, whatever its age: the active lists")
struct ActiveListTests {
    /// 80 finished jobs newer than one processing job created two hours earlier.
    func oldRunner(server: FakeJobsServer, start: Date) {
        server.add("old") { _ in
            activeJob("old", type: "video_generation", created: start.addingTimeInterval(-7200), percentage: 42)
        }
        for index in 0..<80 {
            server.add(
                Job(
                    id: JobID("done\(index)"), status: .completed, type: "scraping",
                    createdAt: start.addingTimeInterval(-3600 + Double(index)),
                    completedAt: start.addingTimeInterval(-3000 + Double(index))))
        }
    }

    @Test("an old processing job behind 80 newer finished ones is on screen within one refresh, and read while OVERDUE")
    func oldActiveJobFound() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        oldRunner(server: server, start: harness.start)
        harness.run(until: 1)
        #expect(harness.engine["old"]?.job.progress.percentage == 42)
        #expect(harness.engine["old"]?.carriedByLastList == false)
        #expect(harness.engine["old"]?.carriedByActiveList == true)
        // Two hours old: past video generation's 45 minutes, so OVERDUE and not polled on its own.
        #expect(harness.engine["old"]?.isOverdue(at: harness.now) == true)
        harness.run(until: 125)
        #expect(server.requests { $0.jobID == "old" }.isEmpty)
        // Still read, by the active list, every list interval.
        let gap = harness.longestGap("old", from: 0, to: 125)
        #expect(gap > 0 && gap <= 31, "gap \(gap)")
        let processingLists = server.requests {
            if case .list(.processing, let limit) = $0 { limit == 500 } else { false }
        }
        #expect(processingLists.count >= 4 && processingLists.count <= 6, "\(processingLists.count)")
    }

    @Test("an overdue job that finishes leaves the active list and is read once to learn how it ended")
    func overdueJobFinishing() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        let start = harness.start
        oldRunner(server: server, start: start)
        server.add("old") { now in
            var job = activeJob("old", type: "video_generation", created: start.addingTimeInterval(-7200))
            if now.timeIntervalSince(start) > 40 {
                job.status = .failed
                job.completedAt = start.addingTimeInterval(40)
            }
            return job
        }
        harness.run(until: 100)
        #expect(harness.engine["old"]?.job.status == .failed || harness.engine["old"] == nil)
        #expect(server.requests { $0.jobID == "old" }.count == 1)
    }

    @Test("a server that ignores status=: the engine notices, falls back to the newest list and says so")
    func ignoredFilter() {
        let server = FakeJobsServer()
        server.ignoresStatusFilter = true
        var harness = EngineHarness(server: server)
        oldRunner(server: server, start: harness.start)
        harness.run(until: 95)
        #expect(harness.engine.statusFilterIgnored)
        #expect(harness.notices.contains { $0.text.contains("ignores status=") })
        // No finished job from the ignored answer is merged as if it were active.
        #expect(harness.engine.jobs.count == 50)
        // No more status lists after the first answers.
        let statusLists = server.requests(\.isCoalesced)
        #expect(statusLists.count <= 2, "\(statusLists.count)")
    }

    @Test("an active list that comes back full says at least N")
    func fullActiveList() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.activeListLimit = 5
        var harness = EngineHarness(configuration: configuration, server: server)
        for index in 0..<7 {
            server.add(activeJob("a\(index)", type: "research", created: harness.start.addingTimeInterval(-600)))
        }
        harness.run(until: 1)
        #expect(harness.engine.activeListFull[.processing] == 5)
        #expect(harness.engine.activeListFull[.queued] == nil)
    }

    @Test("a full active list with many more overdue jobs behind it sends no burst of single reads")
    func fullActiveListNoFlood() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.activeListLimit = 5
        var harness = EngineHarness(configuration: configuration, server: server)
        // 60 processing research jobs, two hours old: past research's 50 minutes (OVERDUE), so
        // each active list is sent awaited by all of them and comes back full (5).
        for index in 0..<60 {
            server.add(activeJob("a\(index)", type: "research", created: harness.start.addingTimeInterval(-7200)))
        }
        harness.run(until: 95)
        #expect(harness.engine.activeListFull[.processing] == 5)
        // The jobs beyond the list's limit were not left out by it: no single read for each, every interval.
        let singles = server.requests { if case .job = $0 { true } else { false } }
        #expect(singles.isEmpty, "\(singles.count) single reads")
    }

    @Test("an answer about another job is an error, never merged")
    func wrongID() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("a", type: "research", created: harness.start))
        harness.run(until: 1)
        let output = harness.engine.update(
            .completed(
                .job(id: "a"), .job(.success(activeJob("phantom", type: "research", created: harness.start))),
                at: harness.now))
        #expect(harness.engine["phantom"] == nil)
        #expect(harness.engine["a"]?.failures == 1)
        #expect(output.requests.allSatisfy { $0.jobID != "a" })
    }
}
