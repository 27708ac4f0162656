import Foundation
import Testing

@testable import TasksModel

/// "Is this normal?": completed jobs' durations by type, the SLOW flag, our
/// own estimate, and the details pane's "typical".
@Suite("Duration history: percentiles, SLOW, estimates, bounded")
struct DurationHistoryTests {
    init() { #expect(utf8LocaleReady) }

    static func completed(_ id: String, _ type: String = "video_generation", seconds: Double) -> Job {
        var job = Fixtures.job(id, .completed, type: type, minutesAgo: 100)
        job.startedAt = Fixtures.now.addingTimeInterval(-5000)
        job.completedAt = job.startedAt!.addingTimeInterval(seconds)
        return job
    }

    static func history(_ seconds: [Double], type: String = "video_generation") -> DurationHistory {
        var history = DurationHistory()
        for (index, value) in seconds.enumerated() { _ = history.record(completed("h\(index)", type, seconds: value)) }
        return history
    }

    @Test("p50 and p90 by nearest rank; too few samples are no ground for SLOW; another type knows nothing")
    func percentiles() throws {
        let history = Self.history((1...20).map { Double($0 * 10) })
        let typical = try #require(history.typical("video_generation"))
        #expect(typical.p50 == 100 && typical.p90 == 180 && typical.count == 20 && typical.isSure)
        #expect(history.typical("scraping") == nil)
        let few = Self.history([10, 20, 30])
        #expect(few.typical("video_generation")?.isSure == false)
        var running = Fixtures.job("r", .processing, type: "video_generation", minutesAgo: 60)
        running.startedAt = Fixtures.now.addingTimeInterval(-3600)
        #expect(few.slowPast(running, runningFor: 3600) == nil)
        #expect(history.slowPast(running, runningFor: 181) == 180)
        #expect(history.slowPast(running, runningFor: 180) == nil)
        running.type = "scraping"
        #expect(history.slowPast(running, runningFor: 10_000) == nil)
    }

    @Test("each job once, only completed ones with times, the last 500 a type; a failed job is no sample")
    func bounded() {
        var history = DurationHistory()
        #expect(history.record(Self.completed("a", seconds: 5)) != nil)
        #expect(history.record(Self.completed("a", seconds: 5)) == nil, "a job is counted once")
        #expect(history.record(Fixtures.job("f", .failed, minutesAgo: 3)) == nil)
        var undated = Self.completed("u", seconds: 5)
        undated.completedAt = nil
        #expect(history.record(undated) == nil)
        for index in 0..<700 { _ = history.record(Self.completed("b\(index)", seconds: Double(index + 1))) }
        #expect(history.byType["video_generation"]?.count == 500)
        #expect(history.byType["video_generation"]?.first?.id == "b200", "the oldest go first")
        // A dropped job read again counts again: it is no longer held.
        #expect(history.record(Self.completed("b0", seconds: 1)) != nil)
        let reloaded = DurationHistory(samples: history.samples)
        #expect(reloaded.samples == history.samples)
    }

    @Test("a sample's line round-trips; a line that is not one is nil")
    func lines() {
        let sample = DurationSample(Self.completed("job_cafe\u{301}", seconds: 12.5))!
        #expect(DurationSample(line: sample.jsonLine) == sample)
        #expect(!sample.jsonLine.contains("result") && !sample.jsonLine.contains("\n"))
        for bad in [
            "", "{}", "{\"type\":\"t\",\"job_id\":\"x\",\"seconds\":-1,\"ended_at\":\"2026-12-02T10:00:00Z\"}", "x",
        ] {
            #expect(DurationSample(line: bad) == nil, "\(bad)")
        }
    }

    @Test("our estimate: from progress after 5%, else the type's median; never with the server's own, never stalled")
    func estimates() {
        let history = Self.history(Array(repeating: 600, count: 20))
        var job = Fixtures.job("e", .processing, type: "video_generation", minutesAgo: 5, percentage: 25)
        #expect(history.estimate(job, runningFor: 300)?.seconds == 900)
        job.progress.percentage = 2
        #expect(history.estimate(job, runningFor: 300)?.seconds == 300)
        job.progress.estimatedSecondsRemaining = 42
        #expect(history.estimate(job, runningFor: 300) == nil)
        // In the table: the server's figure is "~", ours "≈".
        var state = Fixtures.state(
            [Fixtures.job("x", .processing, type: "video_generation", minutesAgo: 5, percentage: 50)], width: 120,
            height: 30)
        #expect(state.jobRow(state.engine["x"]!).eta.hasPrefix("≈"))
        state = Fixtures.state(
            [Fixtures.job("x", .processing, type: "video_generation", minutesAgo: 5, percentage: 50, eta: 30)],
            width: 120, height: 30)
        #expect(state.jobRow(state.engine["x"]!).eta == "~30s")
    }

    @Test(
        "completed jobs in a list feed the history once each, as effects to append; SLOW shows, counts and sorts into !"
    )
    func throughTheDashboard() throws {
        let finished = (0..<25).map { Self.completed("c\($0)", seconds: 60) }
        var slow = Fixtures.job("slow1", .processing, type: "video_generation", title: "Long one", minutesAgo: 15)
        slow.startedAt = Fixtures.now.addingTimeInterval(-900)
        var state = Fixtures.state([], width: 160, height: 40)
        let list = JobList(jobs: finished + [slow])
        let effects = state.update(
            .engine(.completed(.list(status: .all, limit: 50), .list(.success(list)), at: state.now)))
        let recorded = effects.compactMap { if case .recordDuration(let sample) = $0 { sample.id } else { nil } }
        #expect(recorded.count == 25)
        let again = state.update(
            .engine(.completed(.list(status: .all, limit: 50), .list(.success(list)), at: state.now)))
        #expect(!again.contains { if case .recordDuration = $0 { true } else { false } })
        let row = state.jobRow(try #require(state.engine["slow1"]))
        #expect(row.flags.contains("SLOW"))
        #expect(state.statistics.attention == 1)
        _ = state.update(.key(.character("!"), at: state.now))
        #expect(state.visible == ["slow1"])
        _ = state.update(.key(.enter, at: state.now))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("typical       1m00s (p50), 1m00s (p90), from 25 completed video_generation jobs"))
        #expect(text.contains("this one has run 15.0× p50, past p90"))
    }
}
