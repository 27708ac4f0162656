import Foundation
import Testing

@testable import TasksModel

/// Differential tests: a `TruthServer` scripted to behave as real frameworks
/// do, the engine driven against it over real HTTP on a virtual clock, and
/// the screen compared with the server's ground truth after a bounded number
/// of intervals. Each failed on the code before issue 29's fixes.
@Suite("Server truth: the screen converges to what the server says", .serialized)
struct ServerTruthTests {
    /// Ad generation: polled every 6 s.
    static let type = "ad_generation"
    static let interval = 6.0
    /// How far the view may lag the truth: 10 intervals of replays trusted, one more to read, a list interval of slack.
    static let bound = 11 * interval + 30

    static func processing(_ id: String, _ start: Date, at: Double, _ percentage: Double, updated: Double) -> Job {
        Job(
            id: id, status: .processing, type: type, createdAt: start.addingTimeInterval(-30),
            updatedAt: start.addingTimeInterval(updated),
            progress: JobProgress(percentage: percentage, currentStep: "working"))
    }

    static func completed(_ id: String, _ start: Date, at: Double) -> Job {
        Job(
            id: id, status: .completed, type: type, createdAt: start.addingTimeInterval(-30),
            updatedAt: start.addingTimeInterval(at), completedAt: start.addingTimeInterval(at),
            progress: JobProgress(percentage: 100, currentStep: "done"))
    }

    /// A job at 40 % that, at its first single read after 20 s (time R), is
    /// found at 60 % (changed at R's whole second) and completes 0.3 s after R:
    /// the read and both changes fall in one second.
    static func sameSecondJob(_ start: Date, moment: Moment) -> TruthServer.Script {
        { time in
            let t = time.timeIntervalSince(start)
            guard let read = moment.date?.timeIntervalSince(start) else {
                return processing("a", start, at: t, 40, updated: 5)
            }
            if t >= read + 0.3 { return completed("a", start, at: read + 0.3) }
            if t >= read.rounded(.down) { return processing("a", start, at: t, 60, updated: read.rounded(.down)) }
            return processing("a", start, at: t, 40, updated: 5)
        }
    }

    static func sameSecondRun(cancel: Bool = false) async throws -> (TruthRun, Moment) {
        let moment = Moment()
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let run = try await TruthRun.make(
            .lastModifiedSeconds,
            onRequest: { method, path, now in
                if method == "GET", now.timeIntervalSince(start) >= 20, path == "/api/v1/jobs/a" {
                    moment.setOnce(now)
                }
            }, start: start)
        run.server.add("a", sameSecondJob(start, moment: moment))
        // Fifty newer finished jobs: the newest list never carries job a, so
        // only the active list and reads of its own can say it finished.
        for index in 0..<50 {
            let job = Job(
                id: "done\(index)", status: .completed, type: Self.type,
                createdAt: start.addingTimeInterval(Double(index) * 0.1 - 10),
                completedAt: start.addingTimeInterval(-6),
                progress: JobProgress(percentage: 100))
            run.server.add(job.id.text) { _ in job }
        }
        return (run, moment)
    }

    @Test("1-second Last-Modified: a job that changes twice within one second is not frozen by 304s")
    func lastModifiedSeconds() async throws {
        var (run, moment) = try await Self.sameSecondRun()
        var late: [String] = []
        await run.run(for: 200) { run in
            guard let read = moment.date, run.now.timeIntervalSince(read) > Self.bound else { return }
            late += run.differences(within: Self.bound, only: ["a"])
        }
        await run.stop()
        #expect(moment.date != nil)
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(run.engine.finishes["a"]?.status == .completed)
        // No If-Modified-Since was sent on a Last-Modified under 60 s before the answer's Date.
        #expect(!run.server.seen.contains { $0.conditional && $0.path == "/api/v1/jobs/a" })
    }

    @Test("a 409 on cancel reads the job again at once, unconditionally: never 'processing CANCEL FAILED'")
    func conflictRereads() async throws {
        var (run, moment) = try await Self.sameSecondRun()
        // Up to the read R and a moment past the completion.
        await run.run(for: 20.5)
        while moment.date == nil { await run.run(for: 0.5) }
        // The engine may not have read it since the completion (0.3 s after R): cancel now.
        await run.run(for: 0.5)
        if run.engine["a"]?.job.status.isActive == true {
            await run.feed(.cancel(id: "a", at: run.now))
            #expect(run.notices.contains { $0.text.contains("cannot cancel a") })
        }
        await run.run(for: 1)
        await run.stop()
        // The cancel went out (the engine still showed the job active), got its 409, and the read after it
        // shows the job as the server has it.
        #expect(run.server.seen.contains { $0.method == "POST" })
        #expect(run.engine["a"]?.job.status == .completed)
        // Every read of the job after the cancel went without validators.
        if let cancelAt = run.server.seen.firstIndex(where: { $0.method == "POST" }) {
            let after = run.server.seen[(cancelAt + 1)...].filter { $0.method == "GET" }
            #expect(!after.isEmpty)
            #expect(!after.contains { $0.conditional })
        }
    }

    @Test("a list ETag computed without the query string never freezes a job or takes it back in time")
    func queryBlindETag() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make(.queryBlindETag, start: start)
        // The old job: progresses 5 % every 5 s, completes at 100 s.
        run.server.add("old") { time in
            let t = time.timeIntervalSince(start)
            if t >= 100 { return Self.completed("old", start, at: 100) }
            let step = (t / 5).rounded(.down) * 5
            return Self.processing("old", start, at: t, 10 + step * 0.8, updated: step)
        }
        // Fifty newer finished jobs: the newest list never changes, nor does its ETag.
        for index in 0..<50 {
            let job = Job(
                id: "done\(index)", status: .completed, type: Self.type,
                createdAt: start.addingTimeInterval(Double(index) - 20), completedAt: start.addingTimeInterval(-1),
                progress: JobProgress(percentage: 100))
            run.server.add(job.id.text) { _ in job }
        }
        var late: [String] = []
        var backwards: [String] = []
        var last: Double = 0
        await run.run(for: 260) { run in
            if let shown = run.engine["old"]?.job.progress.percentage {
                if shown < last { backwards.append("\(run.t)s: \(last)% back to \(shown)%") }
                last = shown
            }
            if run.t > Self.bound { late += run.differences(within: Self.bound, only: ["old"]) }
        }
        await run.stop()
        #expect(backwards.isEmpty, "\(backwards.prefix(3))")
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(run.engine["old"]?.job.status == .completed)
    }

    @Test("a weak ETag (W/) is never sent back: progress the server calls 'equivalent' still shows")
    func weakETag() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make(.weakETag, start: start)
        run.server.add("w") { time in
            let t = time.timeIntervalSince(start)
            let step = min(95, (t / 3).rounded(.down))
            return Self.processing("w", start, at: t, step, updated: step * 3)
        }
        var late: [String] = []
        await run.run(for: 200) { run in
            if run.t > Self.bound { late += run.differences(within: Self.bound) }
        }
        await run.stop()
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(!run.server.seen.contains { $0.conditional })
    }

    @Test("a server that refuses limit=500 (FastAPI le=100, 422): lists fall back to 100 and the header says so")
    func refusedLimit() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make(.refusesLimitOver100, start: start)
        // 80 active jobs: more than the newest 50, fewer than 100.
        for index in 0..<80 {
            let id = "p\(index)"
            run.server.add(id) { time in
                let t = time.timeIntervalSince(start)
                let step = (t / 20).rounded(.down)
                return Job(
                    id: id, status: .processing, type: Self.type,
                    createdAt: start.addingTimeInterval(Double(index) - 200),
                    updatedAt: start.addingTimeInterval(step * 20),
                    progress: JobProgress(percentage: step, currentStep: "working"))
            }
        }
        var late: [String] = []
        await run.run(for: 150) { run in
            if run.t > Self.bound { late += run.differences(within: Self.bound) }
        }
        await run.stop()
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(run.engine.limitFallback == PollingEngine.LimitFallback(refused: 500, using: 100))
        #expect(run.notices.contains { $0.text.contains("refuses limit=500") })
        #expect(run.engine.jobs.count == 80)
        var state = DashboardState(
            options: .init(
                serverLabel: "api.example.com", demo: false, readOnly: false, profile: .utf8,
                timeZone: LocalZone.utc),
            engine: run.engine, now: run.now)
        _ = state.update(.resize(width: 200, height: 30))
        #expect(DashboardRenderer.render(state).text.contains("limit 500 refused: 100"))
    }

    @Test("a server that ignores status=: an overdue job pushed out of the newest 50 is still read, slowly, to its end")
    func ignoredStatus() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make(.ignoresStatus, start: start)
        // Ad generation (30 min at most), created 40 minutes ago: OVERDUE from the start; ends at 150 s.
        run.server.add("late") { time in
            let t = time.timeIntervalSince(start)
            if t >= 150 {
                var done = Self.completed("late", start, at: 150)
                done.createdAt = start.addingTimeInterval(-2400)
                return done
            }
            var job = Self.processing("late", start, at: t, 50, updated: 0)
            job.createdAt = start.addingTimeInterval(-2400)
            return job
        }
        // Ten newer finished jobs now; fifty more created at 40 s push it out of the newest 50.
        for index in 0..<60 {
            let created =
                index < 10
                ? start.addingTimeInterval(Double(index) - 600) : start.addingTimeInterval(40 + Double(index) * 0.1)
            let job = Job(
                id: "n\(index)", status: .completed, type: Self.type, createdAt: created, completedAt: created,
                progress: JobProgress(percentage: 100))
            run.server.add(job.id.text) { time in time >= created ? job : nil }
        }
        var late: [String] = []
        var unreadShown = false
        await run.run(for: 300) { run in
            if run.t > 150 + 2 * TrackedJob.slowReadInterval + 10 {
                late += run.differences(within: 70, only: ["late"])
            }
            if run.engine.unreadFor("late", at: run.now) != nil { unreadShown = true }
        }
        await run.stop()
        #expect(run.engine.statusFilterIgnored)
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(run.engine.finishes["late"]?.status == .completed || run.engine["late"]?.job.status == .completed)
        // Read within the budget: never two minutes unread.
        #expect(!unreadShown)
        // Slow reads: no more than one per 30 s while it was overdue and carried by no list.
        let reads = run.requests.filter { $0.request == .job(id: "late") && $0.at > 50 }.map(\.at)
        let gaps = zip(reads, reads.dropFirst()).map { $1 - $0 }
        #expect(!reads.isEmpty)
        #expect(gaps.allSatisfy { $0 >= TrackedJob.slowReadInterval - 0.5 }, "\(reads)")
    }

    @Test("a 404 on the cancel route while GET still answers: no cancel endpoint, not GONE")
    func missingCancelRoute() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make(.missingCancelRoute, start: start)
        run.server.add("m") { time in Self.processing("m", start, at: time.timeIntervalSince(start), 30, updated: 0) }
        await run.run(for: 5)
        await run.feed(.cancel(id: "m", at: run.now))
        await run.run(for: 30)
        await run.stop()
        let tracked = try #require(run.engine["m"])
        #expect(!tracked.gone)
        #expect(tracked.cancel == .failed("no cancel endpoint"))
        #expect(run.notices.contains { $0.text.contains("this server has no cancel endpoint") })
        #expect(
            run.notices.contains {
                if case .cancelOutcome(_, _, .unknownJob) = $0.kind { return true }
                return false
            } == false)
        // Still polled, still the truth.
        #expect(run.differences(within: Self.bound).isEmpty)
    }

    @Test("cancel_method DELETE and cancel_path reach a server whose route differs")
    func cancelRouteSetting() async throws {
        let (server, _) = try await ScriptedServer.start { seen, _ in
            if seen.method == "DELETE", seen.path == "/api/v1/jobs/j1" { return jsonResponse(.accepted, "") }
            return jsonResponse(.notFound, "{\"detail\": \"Not Found\"}")
        }
        let (api, _) = server.api()
        var configuration = api.configuration
        configuration.cancelMethod = "DELETE"
        configuration.cancelPath = "{base}/api/v1/jobs/{id}"
        let client = HTTPClientBox()
        let deleting = HTTPJobsAPI(configuration: configuration, client: client.client)
        let acceptance = try await deleting.cancel(id: "j1")
        #expect(acceptance.status == 202)
        await client.shutdown()
        await server.stop()
    }

    @Test("cancelled after 'not honoured': a second audit line with the time, and the footer says so")
    func lateCancel() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let cancelledAt = start.addingTimeInterval(60)
        var run = try await TruthRun.make(
            [],
            onCancel: { id, job, _ in
                // Accepted; the server stops the job 40 s later.
                (
                    202,
                    { time in
                        guard time >= cancelledAt else { return job }
                        var done = job
                        done.status = .cancelled
                        done.completedAt = cancelledAt
                        done.updatedAt = cancelledAt
                        return done
                    }
                )
            }, start: start)
        run.server.add("c") { time in Self.processing("c", start, at: time.timeIntervalSince(start), 30, updated: 0) }
        await run.run(for: 20)
        await run.feed(.cancel(id: "c", at: run.now))
        await run.run(for: 80)
        await run.stop()
        let outcomes = run.notices.compactMap { notice -> CancelOutcome? in
            if case .cancelOutcome(_, _, let outcome) = notice.kind { return outcome }
            return nil
        }
        #expect(outcomes.contains(.notHonoured))
        #expect(outcomes.last == .cancelledAfterAll(at: cancelledAt))
        #expect(outcomes.last?.description == "cancelled after all, at \(CancelOutcome.clock(cancelledAt))")
        #expect(run.notices.last?.text.contains("cancelled after all") == true)
        #expect(run.engine["c"]?.job.status == .cancelled)
    }
}

@Suite("Server clock sanity")
struct ServerClockSanityTests {
    @Test("a Date header 3 years ahead or 2 hours behind is ignored and said; under an hour and stable it is used")
    func farOffIgnored() {
        let sent = Date(timeIntervalSince1970: 1_767_225_600)
        for (offset, text) in [
            (3 * 365.25 * 86_400, "server clock +3y?: ignored"), (-7200, "server clock −2h?: ignored"),
        ] {
            var clock = ServerClock()
            for index in 0..<5 {
                let at = sent.addingTimeInterval(Double(index) * 10)
                clock.record(sentAt: at, receivedAt: at, serverDate: at.addingTimeInterval(offset))
            }
            #expect(clock.offset == 0)
            #expect(clock.ignoredText == text)
            #expect(clock.shownSkew == nil)
        }
        var near = ServerClock()
        near.record(sentAt: sent, receivedAt: sent, serverDate: sent.addingTimeInterval(600))
        #expect(abs(near.offset - 600.5) < 0.01)
        #expect(near.ignoredText == nil)
        // Samples that jump about by minutes are not believed either.
        var jumpy = ServerClock()
        for (index, offset) in [0.0, 900, 0, 900].enumerated() {
            let at = sent.addingTimeInterval(Double(index) * 10)
            jumpy.record(sentAt: at, receivedAt: at, serverDate: at.addingTimeInterval(offset))
        }
        #expect(jumpy.offset == 0)
        #expect(jumpy.ignoredText != nil)
    }

    @Test("a server clock 3 years ahead stops no single read: every job follows the truth")
    func skewedDateKeepsReading() async throws {
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var run = try await TruthRun.make([], start: start)
        run.serverSkew = 3 * 365.25 * 86_400
        for index in 0..<3 {
            let id = "s\(index)"
            run.server.add(id) { time in
                let t = time.timeIntervalSince(start)
                if t >= 40 + Double(index) * 10 {
                    return ServerTruthTests.completed(id, start, at: 40 + Double(index) * 10)
                }
                return ServerTruthTests.processing(id, start, at: t, (t / 2).rounded(.down), updated: t)
            }
        }
        var late: [String] = []
        await run.run(for: 120) { run in
            if run.t > 30 { late += run.differences(within: 15) }
        }
        await run.stop()
        #expect(late.isEmpty, "\(late.prefix(3))")
        #expect(run.engine.serverClock.ignoredText == "server clock +3y?: ignored")
        #expect(run.requests.contains { if case .job = $0.request { true } else { false } })
    }
}

@Suite("Conditional cache: strong validators, full URL, bounded replays")
struct ConditionalCacheTruthTests {
    static let date = "Wed, 02 Dec 2026 10:00:00 GMT"

    @Test("a weak ETag is not kept; a strong one is")
    func weakETag() {
        let cache = ConditionalCache()
        cache.store(url: "u", etag: "W/\"1\"", lastModified: nil, date: Self.date, body: Data("{}".utf8))
        #expect(cache.validators(for: "u").isEmpty)
        cache.store(url: "u", etag: "\"1\"", lastModified: nil, date: Self.date, body: Data("{}".utf8))
        #expect(cache.validators(for: "u").map(\.value) == ["\"1\""])
    }

    @Test("a Last-Modified under 60 s before the answer's Date is weak; 60 s or more is strong; no Date, not kept")
    func lastModifiedAge() {
        let cache = ConditionalCache()
        cache.store(
            url: "u", etag: nil, lastModified: "Wed, 02 Dec 2026 09:59:01 GMT", date: Self.date, body: Data("{}".utf8))
        #expect(cache.validators(for: "u").isEmpty)
        cache.store(
            url: "u", etag: nil, lastModified: "Wed, 02 Dec 2026 09:59:00 GMT", date: Self.date, body: Data("{}".utf8))
        #expect(cache.validators(for: "u").map(\.name) == ["If-Modified-Since"])
        cache.store(
            url: "v", etag: nil, lastModified: "Wed, 02 Dec 2026 09:00:00 GMT", date: nil, body: Data("{}".utf8))
        #expect(cache.validators(for: "v").isEmpty)
    }

    @Test("the full URL is the key, query included; after 9 replays in a row the next request is unconditional")
    func fullURLAndReplays() {
        let cache = ConditionalCache()
        let processing = "http://h/api/v1/jobs?status=processing&limit=500"
        let all = "http://h/api/v1/jobs?status=all&limit=50"
        cache.store(url: processing, etag: "\"p\"", lastModified: nil, date: Self.date, body: Data("p".utf8))
        #expect(cache.validators(for: all).isEmpty)
        cache.store(url: all, etag: "\"p\"", lastModified: nil, date: Self.date, body: Data("a".utf8))
        #expect(cache.replay(url: processing) == Data("p".utf8))
        #expect(cache.replay(url: all) == Data("a".utf8))
        for _ in 1..<9 { _ = cache.replay(url: processing) }
        #expect(cache.validators(for: processing).isEmpty)
        #expect(!cache.validators(for: all).isEmpty)
        cache.store(url: processing, etag: "\"q\"", lastModified: nil, date: Self.date, body: Data("q".utf8))
        #expect(!cache.validators(for: processing).isEmpty)
    }

    @Test(
        "a replay counts as fresh for at most 10 intervals after the answer it replays, and never replaces newer data")
    func replayTrust() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var engine = PollingEngine(start: start)
        let request = EngineRequest.list(status: .all, limit: EngineConfiguration().listLimit)
        func job(_ percentage: Double) -> Job {
            Job(
                id: "r", status: .processing, type: "ad_generation", createdAt: start,
                progress: JobProgress(percentage: percentage))
        }
        _ = engine.update(.tick(start))
        _ = engine.update(
            .completed(
                request, .list(.success(JobList(jobs: [job(10)]))), at: start,
                timing: ResponseTiming(sentAt: start, bodyBytes: 100)))
        // A single read sent later: 50 %.
        let later = start.addingTimeInterval(5)
        _ = engine.update(
            .completed(
                .job(id: "r"), .job(.success(job(50))), at: later, timing: ResponseTiming(sentAt: later, bodyBytes: 90))
        )
        // The list replayed (304): still 10 % in the held body. Never back to 10 %.
        let replayAt = start.addingTimeInterval(30)
        _ = engine.update(
            .completed(
                request, .list(.success(JobList(jobs: [job(10)]))), at: replayAt,
                timing: ResponseTiming(sentAt: replayAt, bodyBytes: 0)))
        #expect(engine["r"]?.job.progress.percentage == 50)
        #expect(engine["r"]?.needsConfirmation == true)
        // Replays 61 s after the full answer (10 intervals of 6 s) are not fresh.
        var fresh = PollingEngine(start: start)
        _ = fresh.update(
            .completed(
                request, .list(.success(JobList(jobs: [job(10)]))), at: start,
                timing: ResponseTiming(sentAt: start, bodyBytes: 100)))
        let soon = start.addingTimeInterval(30)
        _ = fresh.update(
            .completed(
                request, .list(.success(JobList(jobs: [job(10)]))), at: soon,
                timing: ResponseTiming(sentAt: soon, bodyBytes: 0)))
        #expect(fresh["r"]?.lastFresh == soon)
        let tooLate = start.addingTimeInterval(61)
        _ = fresh.update(
            .completed(
                request, .list(.success(JobList(jobs: [job(10)]))), at: tooLate,
                timing: ResponseTiming(sentAt: tooLate, bodyBytes: 0)))
        #expect(fresh["r"]?.lastFresh == soon)
        #expect(fresh["r"]?.needsConfirmation == true)
        #expect(fresh["r"]?.isPolled(at: tooLate) == true)
    }
}
