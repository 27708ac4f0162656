import Foundation
import Testing

@testable import TasksModel

/// Issue #12, point 6: time semantics. Older answers never overwrite newer
/// data; STALLED counts from the later of `updated_at` and the change the
/// client saw; a final job without `completed_at` has a frozen duration; the
/// server's clock (its `Date` header) is the "now" of elapsed, STALLED and OVERDUE.
@Suite("Time semantics: older answers, stalls, frozen durations, the server's clock")
struct TimeSemanticsTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    func engineHolding(_ jobs: [Job], at seconds: Double = 0) -> PollingEngine {
        var engine = PollingEngine(start: at(seconds))
        _ = engine.update(.tick(at(seconds)))
        answer(
            &engine, .list(status: .all, limit: 50), .list(.success(JobList(jobs: jobs))), sent: seconds,
            received: seconds)
        return engine
    }

    /// The engine's answer to `request`, sent at `sent` seconds and received at `received`.
    func answer(
        _ engine: inout PollingEngine, _ request: EngineRequest, _ result: EngineResult, sent: Double,
        received: Double
    ) {
        _ = engine.update(.completed(request, result, at: at(received), timing: ResponseTiming(sentAt: at(sent))))
    }

    func job(_ id: String, _ percentage: Double, status: JobStatus = .processing, updated: Date? = nil) -> Job {
        Job(
            id: JobID(id), status: status, type: "research", createdAt: start.addingTimeInterval(-60),
            updatedAt: updated,
            progress: JobProgress(percentage: percentage))
    }

    // MARK: Older answers

    @Test("a slow list sent before a single-job poll answers after it: it does not overwrite and is not fresh")
    func slowListAfterFreshPoll() {
        var engine = engineHolding([job("a", 10)])
        // The poll is sent at 10 s and answers at 11 s with 50%.
        answer(&engine, .job(id: "a"), .job(.success(job("a", 50))), sent: 10, received: 11)
        #expect(engine["a"]?.job.progress.percentage == 50)
        // A list sent at 8 s (before the poll) answers at 14 s with the 30% it saw then.
        answer(
            &engine, .list(status: .all, limit: 50), .list(.success(JobList(jobs: [job("a", 30)]))), sent: 8,
            received: 14)
        #expect(engine["a"]?.job.progress.percentage == 50)
        #expect(engine["a"]?.lastFresh == at(11))
        #expect(engine["a"]?.history.map(\.percentage) == [10, 50])
        // An active list sent before the poll does not either.
        answer(
            &engine, .list(status: .processing, limit: 500), .list(.success(JobList(jobs: [job("a", 20)]))), sent: 9,
            received: 15)
        #expect(engine["a"]?.job.progress.percentage == 50)
        #expect(engine["a"]?.lastFresh == at(11))
    }

    @Test("a slow single-job poll sent before a list answers after it: dropped")
    func slowPollAfterFreshList() {
        var engine = engineHolding([job("a", 10)])
        answer(
            &engine, .list(status: .all, limit: 50), .list(.success(JobList(jobs: [job("a", 60, status: .completed)]))),
            sent: 11, received: 12)
        answer(&engine, .job(id: "a"), .job(.success(job("a", 40))), sent: 5, received: 13)
        #expect(engine["a"]?.job.status == .completed)
        #expect(engine["a"]?.lastFresh == at(12))
        // A newer answer still goes in.
        answer(&engine, .job(id: "a"), .job(.success(job("a", 100, status: .completed))), sent: 19, received: 20)
        #expect(engine["a"]?.job.progress.percentage == 100)
    }

    @Test("a finished job a later poll saw is not dropped by an older list that misses it")
    func olderListDoesNotRemove() {
        var engine = engineHolding([job("a", 10)])
        answer(&engine, .job(id: "a"), .job(.success(job("a", 100, status: .completed))), sent: 11, received: 12)
        answer(&engine, .list(status: .all, limit: 50), .list(.success(JobList(jobs: []))), sent: 10, received: 13)
        #expect(engine["a"]?.job.status == .completed)
    }

    // MARK: STALLED

    @Test("STALLED counts from the later of updated_at and the last change the client saw")
    func stalledUsesClientSeenChange() {
        // The server never moves updated_at (an hour ago); the percentage moves.
        let updated = start.addingTimeInterval(-3600)
        var engine = engineHolding([job("a", 10, updated: updated)])
        // Seen first with an hour-old updated_at: stalled (a first sighting is not progress).
        #expect(engine.stalledFor("a", at: at(1)) != nil)
        answer(&engine, .job(id: "a"), .job(.success(job("a", 20, updated: updated))), sent: 99, received: 100)
        #expect(engine.stalledFor("a", at: at(200)) == nil)
        let threshold = engine.configuration.stallThreshold(for: engine["a"]!.policy)
        #expect(engine.stalledFor("a", at: at(100 + threshold + 1)) != nil)
        // And a later updated_at wins over an older change the client saw.
        answer(
            &engine, .job(id: "a"), .job(.success(job("a", 20, updated: at(100 + threshold)))),
            sent: 100 + threshold + 1, received: 100 + threshold + 2)
        #expect(engine.stalledFor("a", at: at(100 + threshold + 3)) == nil)
    }

    // MARK: Frozen durations

    @Test("a failed or cancelled job without completed_at has a duration frozen when first seen final")
    func frozenDuration() {
        let context = { (now: Date) in JobRow.Context(now: now, zone: LocalZone.utc, profile: .utf8) }
        for status in [JobStatus.failed, .cancelled] {
            let ended = Job(
                id: "f", status: status, type: "research", createdAt: start.addingTimeInterval(-120),
                progress: JobProgress(percentage: 30))
            var engine = engineHolding([job("f", 30)])
            answer(&engine, .job(id: "f"), .job(.success(ended)), sent: 59, received: 60)
            let tracked = engine["f"]!
            let early = JobRow(tracked, stalledFor: nil, isStale: false, context: context(at(61)))
            let late = JobRow(tracked, stalledFor: nil, isStale: false, context: context(at(7200)))
            #expect(early.elapsed == "3m00s")
            #expect(late.elapsed == early.elapsed)
            // The details pane shows the same frozen duration.
            let details = DetailsView.content(late, tracked: tracked, width: 100, context: context(at(7200)))
                .map { $0.spans.map(\.text).joined() }
            #expect(details.contains { $0.contains("elapsed") && $0.contains("3m00s") })
            // The CLI (no engine): updated_at when sent, never a time that grows.
            var withUpdate = ended
            withUpdate.updatedAt = start.addingTimeInterval(30)
            #expect(JobRow(job: withUpdate, context: context(at(7200))).elapsed == "2m30s")
            #expect(
                JobRow(job: ended, context: context(at(60))).elapsed
                    == JobRow(job: ended, context: context(at(7200))).elapsed)
            let listed = JobText.table(
                [withUpdate], width: 120, profile: .ascii, zone: LocalZone.utc, now: at(7200))
            #expect(listed.last?.contains("2m30s") == true)
        }
    }

    // MARK: The server's clock

    @Test("the server's clock: a robust median of Date samples, unreadable ones ignored")
    func serverClockEstimate() {
        var clock = ServerClock()
        let sent = start
        for (index, offset) in [120.0, 119, 121, 3000, 120].enumerated() {
            let sentAt = sent.addingTimeInterval(Double(index) * 10)
            clock.record(
                sentAt: sentAt, receivedAt: sentAt.addingTimeInterval(0.2),
                serverDate: sentAt.addingTimeInterval(0.1 + offset).roundedDownToSecond)
        }
        #expect(abs(clock.offset - 120) < 1, "\(clock.offset)")
        #expect(clock.shownSkew == 120)
        // A round trip too long to say anything, and an absurd date: no sample.
        let before = clock.samples.count
        clock.record(sentAt: sent, receivedAt: sent.addingTimeInterval(60), serverDate: sent)
        clock.record(sentAt: sent, receivedAt: sent, serverDate: .distantFuture)
        #expect(clock.samples.count == before)
        var small = ServerClock()
        small.record(sentAt: sent, receivedAt: sent.addingTimeInterval(0.1), serverDate: sent.addingTimeInterval(3))
        #expect(small.shownSkew == nil)
    }

    @Test("with the server's clock ahead, elapsed, OVERDUE and STALLED count on the server's clock; the header says so")
    func skewedServer() {
        let skew = 600.0
        // On the server's clock the job started 50 minutes ago: past video generation's 45.
        let serverNow = at(skew)
        let running = Job(
            id: "v", status: .processing, type: "video_generation", createdAt: serverNow.addingTimeInterval(-3000),
            startedAt: serverNow.addingTimeInterval(-3000), updatedAt: serverNow.addingTimeInterval(-400),
            progress: JobProgress(percentage: 10))
        var engine = PollingEngine(start: at(0))
        _ = engine.update(.tick(at(0)))
        _ = engine.update(
            .completed(
                .list(status: .all, limit: 50), .list(.success(JobList(jobs: [running]))), at: at(0.2),
                timing: ResponseTiming(sentAt: at(0), serverDate: serverNow)))
        #expect(engine.serverClock.shownSkew == 600)
        let tracked = engine["v"]!
        #expect(tracked.isOverdue(at: at(0.2)))
        // Updated 400 s ago on the server's clock: past the 300 s threshold.
        #expect(engine.stalledFor("v", at: at(0.2)) != nil)
        let row = JobRow(
            tracked, stalledFor: nil, isStale: false,
            context: JobRow.Context(now: at(0.2), zone: LocalZone.utc, profile: .utf8))
        #expect(row.elapsed == "50m")
        var state = DashboardState(
            options: .init(
                serverLabel: "api.example.com", demo: false, readOnly: false, profile: .utf8,
                timeZone: LocalZone.utc),
            engine: engine, now: at(1))
        _ = state.update(.resize(width: 120, height: 30))
        #expect(DashboardRenderer.render(state).text.contains("clock +10m"))
    }
}

extension Date {
    /// The whole second, as an HTTP `Date` header writes it.
    var roundedDownToSecond: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
