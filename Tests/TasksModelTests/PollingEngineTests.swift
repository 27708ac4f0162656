import Foundation
import Testing

@testable import TasksModel

@Suite("Polling engine, on a fake clock")
struct PollingEngineTests {
    @Test("the list is fetched at start, every 30 s, on demand, and a response resets the timer")
    func listSchedule() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        harness.run(until: 65)
        let lists = server.requests(\.isRefresh).map { $0.timeIntervalSince(harness.start) }
        #expect(lists.count == 3)
        #expect(abs(lists[0]) < 0.01 && abs(lists[1] - 30.05) < 0.2 && abs(lists[2] - 60.1) < 0.3)
        harness.send(.refresh(harness.now))
        let afterRefresh = harness.now.timeIntervalSince(harness.start)
        harness.run(until: 100)
        let later = server.requests(\.isRefresh).map { $0.timeIntervalSince(harness.start) }
        #expect(later.count == 5)
        #expect(abs(later[3] - afterRefresh) < 0.01)
        #expect(abs(later[4] - (afterRefresh + 30.05)) < 0.2)
    }

    @Test("each active job is polled at its type's interval and never fresher than needed")
    func perTypeIntervals() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "store_scraping", created: harness.start))
        server.add(activeJob("a", type: "bulk_ad_generation", created: harness.start))
        server.add(activeJob("v", type: "video_generation", created: harness.start))
        server.add(activeJob("u", type: "who_knows", created: harness.start))
        harness.run(until: 120)
        for (id, interval) in [("s", 5.0), ("a", 6.0), ("v", 10.0), ("u", 10.0)] {
            let reads = harness.freshReads[JobID(id)]!.map { $0.timeIntervalSince(harness.start) }
            let gaps = zip(reads, reads.dropFirst()).map { $1 - $0 }
            #expect(gaps.allSatisfy { $0 <= interval + 1 }, "\(id): \(gaps)")
            // Never polled much faster than its interval: about 120 / interval reads, never twice as many.
            #expect(
                reads.count >= Int(120 / interval) && reads.count <= Int(120 / interval) + 6, "\(id): \(reads.count)")
        }
    }

    @Test("no request for a job the list just refreshed")
    func listRefreshCountsAsFresh() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.activeListLimit = 0  // the refresh alone (the active lists have their own tests)
        var harness = EngineHarness(configuration: configuration, server: server)
        server.add(activeJob("v", type: "video_generation", created: harness.start))
        harness.run(until: 9.5)
        #expect(server.requests { $0.jobID == "v" }.isEmpty)
        harness.run(until: 11)
        #expect(server.requests { $0.jobID == "v" }.count + server.requests(\.isCoalesced).count == 1)
    }

    @Test("finished jobs are never polled again; a failed job stops at once and keeps error_data")
    func finishedJobs() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        let start = harness.start
        server.add("f") { now in
            var job = activeJob("f", type: "scraping", created: start)
            if now.timeIntervalSince(start) > 12 {
                job.status = .failed
                job.error = JobError(message: "Target site returned 403", details: ["status": 403])
            }
            return job
        }
        server.add(Job(id: "done", status: .completed, type: "scraping", createdAt: start))
        harness.run(until: 200)
        let polls = server.requests { $0.jobID == "f" }.map { $0.timeIntervalSince(start) }
        #expect(polls.allSatisfy { $0 <= 16 })
        #expect(server.requests { $0.jobID == "done" }.isEmpty)
        let tracked = harness.engine["f"]!
        #expect(tracked.job.status == .failed)
        #expect(tracked.job.error?.message == "Target site returned 403")
        #expect(harness.engine.finishes["f"]?.status == .failed)
    }

    @Test("at most one request per job and a small bound overall, even with a slow server")
    func inFlightBounds() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.requestCost = 0  // requests cost nothing: single reads are always cheaper than a list
        var harness = EngineHarness(configuration: configuration, server: server)
        harness.latency = 7
        for index in 0..<20 { server.add(activeJob("j\(index)", type: "scraping", created: harness.start)) }
        var maxOverall = 0
        var perJobViolations = 0
        for step in 1...600 {
            harness.run(until: Double(step) * 0.1)
            maxOverall = max(maxOverall, harness.engine.inFlight.count)
            let ids = harness.pending.compactMap(\.request.jobID)
            if Set(ids).count != ids.count { perJobViolations += 1 }
        }
        #expect(maxOverall <= 4)
        #expect(maxOverall == 4)
        #expect(perJobViolations == 0)
    }

    @Test("jobs due together are read with one status-filtered list instead of many polls")
    func coalescing() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.activeListLimit = 0  // the coalescing rule alone, with its own limit
        var harness = EngineHarness(configuration: configuration, server: server)
        for index in 0..<10 { server.add(activeJob("v\(index)", type: "video_generation", created: harness.start)) }
        harness.run(until: 60)
        let individual = server.requests { $0.jobID != nil }
        let coalesced = server.log.filter { $0.request.isCoalesced }
        #expect(individual.isEmpty)
        #expect(coalesced.count >= 3 && coalesced.count <= 5)
        // Every job known and one more (an answer short of its limit holds them all).
        #expect(coalesced.allSatisfy { $0.request == .list(status: .processing, limit: 11) })
        for index in 0..<10 { #expect(harness.longestGap(JobID("v\(index)")) <= 11) }
    }

    @Test("an active job past its type's maximum duration is overdue: fast polling stops, the list still covers it")
    func overdue() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("old", type: "scraping", created: harness.start.addingTimeInterval(-11 * 60)))
        server.add(activeJob("young", type: "scraping", created: harness.start.addingTimeInterval(-60)))
        harness.run(until: 95)
        #expect(harness.engine["old"]!.isOverdue(at: harness.now))
        #expect(!harness.engine["young"]!.isOverdue(at: harness.now))
        #expect(server.requests { $0.jobID == "old" }.isEmpty)
        // The refreshes at 0, 30, 60, 90 and the active lists just after them.
        let reads = harness.freshReads["old"]!.map { $0.timeIntervalSince(harness.start) }
        #expect(reads.count >= 4 && reads.count <= 8, "\(reads)")
        #expect(zip(reads, reads.dropFirst()).allSatisfy { $1 - $0 <= 31 }, "\(reads)")
        #expect(server.requests { $0.jobID == "young" }.count > 10)
    }

    @Test("a job whose progress stops for the threshold is stalled, with how long; updated_at is used when sent")
    func stalled() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        let start = harness.start
        server.add("moving") { now in
            activeJob("moving", type: "research", created: start, percentage: now.timeIntervalSince(start) / 10)
        }
        server.add(activeJob("frozen", type: "research", created: start, percentage: 40, step: "Reading reviews"))
        server.add(
            activeJob(
                "server-says", type: "research", created: start, percentage: 40, step: "x",
                updated: start.addingTimeInterval(-400)))
        harness.run(until: 299)
        #expect(harness.engine.stalledFor("frozen", at: harness.now) == nil)
        harness.run(until: 301)
        #expect(harness.engine.stalledFor("moving", at: harness.now) == nil)
        let frozenFor = try! #require(harness.engine.stalledFor("frozen", at: harness.now))
        #expect(frozenFor >= 300 && frozenFor < 302)
        let serverSaid = try! #require(harness.engine.stalledFor("server-says", at: harness.now))
        #expect(serverSaid > 700)
    }

    @Test("a network error keeps the last data, marks it stale, backs off, and recovers; never 'failed'")
    func transportErrors() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start, percentage: 30))
        harness.run(until: 12)
        server.fault = { _, _ in .transport("connection refused") }
        harness.run(until: 40)
        guard case .retrying(let since, let next, _) = harness.engine.connection else {
            Issue.record("expected retrying, got \(harness.engine.connection)")
            return
        }
        #expect(since.timeIntervalSince(harness.start) > 12 && since.timeIntervalSince(harness.start) < 18)
        #expect(next > harness.now.addingTimeInterval(-0.2))
        #expect(harness.engine["s"]!.job.status == .processing)
        #expect(harness.engine["s"]!.job.progress.percentage == 30)
        #expect(harness.engine.isStale("s", at: harness.now))
        // Backoff: far fewer attempts than polls would have been.
        let attempts = server.log.filter { $0.at.timeIntervalSince(harness.start) > 15 }.count
        #expect(attempts < 10)
        server.fault = { _, _ in nil }
        harness.run(until: 110)
        #expect(harness.engine.connection == .connected)
        #expect(!harness.engine.isStale("s", at: harness.now))
    }

    @Test("429 with Retry-After: no request before it")
    func retryAfter() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start))
        harness.run(until: 4)
        var limitedAt: Date?
        server.fault = { _, now in
            if limitedAt == nil { limitedAt = now }
            return now.timeIntervalSince(limitedAt!) < 25 ? .server(status: 429, message: "", retryAfter: 25) : nil
        }
        harness.run(until: 60)
        let limited = try! #require(limitedAt)
        let during = server.log.filter { $0.at > limited && $0.at < limited.addingTimeInterval(25) }
        #expect(during.isEmpty, "\(during.map { $0.at.timeIntervalSince(limited) })")
        #expect(server.log.contains { $0.at >= limited.addingTimeInterval(25) })
        #expect(harness.engine.connection == .connected)
    }

    @Test("401 stops all polling with one message; refresh tries again")
    func unauthorized() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start))
        server.fault = { _, _ in .unauthorized(status: 401) }
        harness.run(until: 120)
        #expect(server.log.count == 1)
        guard case .unauthorized = harness.engine.connection else {
            Issue.record("expected unauthorized")
            return
        }
        #expect(harness.notices.filter { $0.text.contains("unauthorized") }.count == 1)
        // The engine says polling stopped; how to retry (the key) is the dashboard's to add.
        let stopped = harness.notices.filter { $0.kind == .pollingStopped }
        #expect(stopped.count == 1 && stopped.allSatisfy { HandTypedKeys().find(in: $0.text) == nil })
        #expect(stopped.first?.shownText.hasSuffix(", \(Keymap.key(for: .refresh, in: .table)) retries") == true)
        server.fault = { _, _ in nil }
        harness.send(.refresh(harness.now))
        harness.run(until: 130)
        #expect(harness.engine.connection == .connected)
        #expect(harness.engine["s"] != nil)
    }

    @Test("404 marks a job gone and stops polling it")
    func gone() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start))
        harness.run(until: 2)
        server.scripts["s"] = nil
        server.order.removeAll()
        harness.run(until: 29)
        #expect(harness.engine["s"]?.gone == true)
        #expect(server.requests { $0.jobID == "s" }.count == 1)
    }

    @Test("pause sends nothing; resume fetches at once")
    func pauseResume() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start))
        harness.run(until: 3)
        harness.send(.pause(harness.now))
        let before = server.log.count
        harness.run(until: 100)
        #expect(server.log.count == before)
        #expect(harness.engine.connection == .paused)
        #expect(!harness.engine.isStale("s", at: harness.now))
        harness.send(.resume(harness.now))
        #expect(server.log.last?.request.isRefresh == true)
        #expect(server.log.last?.at == harness.now)
    }

    @Test("the step history is kept per job, bounded")
    func history() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.historyLimit = 5
        var harness = EngineHarness(configuration: configuration, server: server)
        let start = harness.start
        server.add("s") { now in
            let page = Int(now.timeIntervalSince(start) / 5) + 1
            return activeJob(
                "s", type: "scraping", created: start, percentage: Double(page), step: "Scraping page \(page) of 99")
        }
        harness.run(until: 100)
        let history = harness.engine["s"]!.history
        #expect(history.count == 5)
        #expect(history.last?.step == "Scraping page 20 of 99" || history.last?.step == "Scraping page 21 of 99")
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.at < $1.at })
    }
}

@Suite("Engine wake-ups")
struct EngineWakeupTests {
    @Test("with every slot busy, or a probe out, the runner is told to wait for an answer, not to spin")
    func noSpin() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.requestCost = 0  // single reads only
        var harness = EngineHarness(configuration: configuration, server: server)
        for index in 0..<20 { server.add(activeJob("j\(index)", type: "scraping", created: harness.start)) }
        harness.latency = 0.05
        harness.run(until: 1)
        harness.latency = 30
        harness.run(until: 8)
        #expect(harness.engine.inFlight.count == 4)
        #expect(harness.engine.nextWakeup(after: harness.now) == nil)
    }

    @Test("the next wake-up is the earliest due poll, never in the past while nothing can be sent")
    func earliestDue() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        server.add(activeJob("s", type: "scraping", created: harness.start))
        harness.run(until: 1)
        let wake = harness.engine.nextWakeup(after: harness.now)!
        #expect(abs(wake.timeIntervalSince(harness.start) - 5.05) < 0.2)
    }
}
