import Foundation
import PropertyBased
import Testing

@testable import TasksModel

/// "Is this normal?", the part that judges ourselves: the first estimate the
/// dashboard shows for a job is scored against the job's real end, the
/// details pane says how the type's estimates have done and gives a range
/// from how they erred, and the order "slowest against typical" sorts by the
/// time run over the type's median. Checked against figures the tests work
/// out from the jobs themselves, not from the code's ratios.
@Suite("Estimates scored against the end; slowest against typical")
struct EstimateScoringTests {
    init() { #expect(utf8LocaleReady) }

    /// One list answer holding `jobs`, arriving at `at`.
    static func listed(_ state: inout DashboardState, _ jobs: [Job], at: Date) -> [DashboardEffect] {
        state.update(.engine(.completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: jobs))), at: at)))
    }

    static func samples(_ effects: [DashboardEffect]) -> [DurationSample] {
        effects.compactMap { if case .recordDuration(let sample) = $0 { sample } else { nil } }
    }

    /// A video job running for `ran` seconds at `now`, `percent` done.
    static func running(_ id: String, ran: Double, percent: Double, now: Date, type: String = "video_generation")
        -> Job
    {
        var job = Fixtures.job(id, .processing, type: type, minutesAgo: 0, percentage: percent)
        job.createdAt = now.addingTimeInterval(-ran - 2)
        job.startedAt = now.addingTimeInterval(-ran)
        return job
    }

    static func finished(_ job: Job, at end: Date) -> Job {
        var job = job
        job.status = .completed
        job.progress.percentage = 100
        job.completedAt = end
        return job
    }

    @Test("the first estimate shown is the one scored: later, better ones are not; the ratio is real over estimated")
    func firstShownIsScored() throws {
        var state = Fixtures.state([], width: 160, height: 40)
        let start = state.now
        // 300 s run at 25%: 900 s left by its progress rate.
        _ = Self.listed(&state, [Self.running("v1", ran: 300, percent: 25, now: start)], at: start)
        let shown = try #require(state.shownEstimates["v1"])
        #expect(shown.seconds == 900 && shown.at == start)
        #expect(state.window.lines.first?.row.eta == "≈15m")
        // Later, at 80%: a new estimate on screen, but the first is the one kept.
        let later = start.addingTimeInterval(600)
        var job = Self.running("v1", ran: 900, percent: 80, now: later)
        _ = Self.listed(&state, [job], at: later)
        #expect(state.shownEstimates["v1"] == shown)
        // It ends 1,200 s after the first estimate (900 s): it took 4/3 of what we said.
        job = Self.finished(job, at: start.addingTimeInterval(1200))
        let sample = try #require(Self.samples(Self.listed(&state, [job], at: start.addingTimeInterval(1201))).first)
        #expect(abs(sample.estimateRatio! - 1200.0 / 900.0) < 1e-9)
        #expect(state.shownEstimates["v1"] == nil, "scored and let go")
        #expect(DurationSample(line: sample.jsonLine)?.estimateRatio == 1.333333, "kept in the file, to 6 places")
    }

    @Test("no estimate shown, nothing scored: the server's own figure, a job never on screen, a cancelled job")
    func onlyOursAndOnlyShown() throws {
        var state = Fixtures.state([], width: 160, height: 40)
        let start = state.now
        var theirs = Self.running("srv", ran: 300, percent: 25, now: start)
        theirs.progress.estimatedSecondsRemaining = 60
        let cancelled = Self.running("gone", ran: 300, percent: 50, now: start)
        _ = Self.listed(&state, [theirs, cancelled], at: start)
        #expect(state.shownEstimates["srv"] == nil, "the server's figure is not ours to score")
        #expect(state.shownEstimates["gone"] != nil)
        var stopped = cancelled
        stopped.status = .cancelled
        _ = Self.listed(&state, [theirs, stopped], at: start.addingTimeInterval(5))
        #expect(state.shownEstimates["gone"] == nil, "a job no longer active lets its estimate go")
        // Filtered off screen (f: active, then finished), a running job's estimate is never shown.
        for _ in 0..<2 { _ = state.update(.key(.character("f"), at: state.now)) }
        #expect(state.filter == .finished)
        let hidden = Self.running("hidden", ran: 100, percent: 10, now: start.addingTimeInterval(10))
        _ = Self.listed(&state, [hidden], at: start.addingTimeInterval(10))
        #expect(state.shownEstimates["hidden"] == nil)
        let done = Self.finished(hidden, at: start.addingTimeInterval(500))
        let sample = try #require(Self.samples(Self.listed(&state, [done], at: start.addingTimeInterval(501))).first)
        #expect(sample.estimateRatio == nil)
    }

    @Test(
        "property: the score is the last 10 shown estimates within ±30% of the time really left; the range is their spread"
    )
    func scoreMatchesTheJobs() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var state = Fixtures.state([], width: 160, height: 40)
            var pairs: [(estimated: Double, actual: Double)] = []
            for index in 0..<Int.random(in: 1...16, using: &random) {
                let at = Fixtures.now.addingTimeInterval(Double(index) * 1_000_000)
                let ran = Double(Int.random(in: 10...3000, using: &random))
                let percent = Double(Int.random(in: 5...95, using: &random))
                let job = Self.running("p\(index)", ran: ran, percent: percent, now: at)
                _ = Self.listed(&state, [job], at: at)
                let estimated = ran * (100 - percent) / percent
                // Sometimes right, sometimes far off: 0.2 to 3 times the estimate, never less than a second.
                let actual = max(1, (estimated * Double.random(in: 0.2...3, using: &random)).rounded())
                pairs.append((estimated, actual))
                let end = Self.finished(job, at: at.addingTimeInterval(actual))
                _ = Self.listed(&state, [end], at: at.addingTimeInterval(actual + 1))
            }
            // Estimates under 10 s are not scored (a second either way is a huge ratio).
            pairs.removeAll { $0.estimated < 10 }
            let last = pairs.suffix(10)
            let within = last.filter { abs($0.estimated - $0.actual) <= 0.3 * $0.actual }.count
            let score = state.history.estimateScore("video_generation")
            #expect(score == (last.isEmpty ? nil : EstimateScore(within: within, of: last.count)), "\(pairs)")
            // The range an estimate is given: the 10th to 90th percentile of actual / estimated, once 10 are scored.
            let later = state.now.addingTimeInterval(1)
            _ = Self.listed(&state, [Self.running("next", ran: 600, percent: 50, now: later)], at: later)
            guard let estimate = state.window.lines.first(where: { $0.row.id == "next" })?.row.estimate else {
                Issue.record("no estimate for a job at 50%")
                return
            }
            let ratios = pairs.map { $0.actual / $0.estimated }.sorted()
            if ratios.count >= 10 {
                let rank = { (p: Double) in ratios[Int((p * Double(ratios.count)).rounded(.up)) - 1] }
                #expect(estimate.rangeScored)
                #expect(abs(estimate.low - 600 * rank(0.1)) < 1e-6 && abs(estimate.high - 600 * rank(0.9)) < 1e-6)
            } else {
                #expect(!estimate.rangeScored && estimate.low == 300 && estimate.high == 1200)
            }
        }
    }

    @Test("the details pane: the estimate with its range, the type's score, and how long this one has run against p50")
    func detailsPane() throws {
        var state = Fixtures.state([], width: 160, height: 40)
        let start = state.now
        // 20 completed video jobs of 600 s, 10 of whose first estimates (300 s) were shown:
        // 8 within ±30% (315 s to 420 s: ratios 1.05 to 1.4), then 900 s and 1,200 s (3 and 4).
        for index in 0..<20 {
            let at = start.addingTimeInterval(Double(index) * 10_000)
            let job = Self.running("d\(index)", ran: 300, percent: 50, now: at)
            if index < 10 { _ = Self.listed(&state, [job], at: at) }
            let actual: Double = index < 8 ? 315 + 15 * Double(index) : index == 8 ? 900 : 1200
            let end = Self.finished(job, at: at.addingTimeInterval(actual))
            var sample = end
            sample.startedAt = end.completedAt!.addingTimeInterval(-600)
            _ = Self.listed(&state, [sample], at: at.addingTimeInterval(actual + 1))
        }
        let now = start.addingTimeInterval(300_000)
        _ = Self.listed(&state, [Self.running("watch", ran: 900, percent: 75, now: now)], at: now)
        _ = state.update(.key(.character("g"), at: now))
        #expect(state.selectedID == "watch")
        _ = state.update(.key(.enter, at: now))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("≈5m00s, likely"), "\(text)")
        #expect(text.contains("(from its progress rate, as this type's estimates have erred; the server sent none)"))
        #expect(text.contains("estimates     within ±30% for 8 of the last 10 scored"))
        #expect(
            text.contains(
                "10m (p50), 10m (p90), from 20 completed video_generation jobs; this one has run 1.5× p50"))
        // Nearest rank of the 10 ratios: p10 the 1st (1.05), p90 the 9th (3.0), of the 300 s estimate.
        #expect(text.contains("likely 5m15s to 15m (from"))
    }

    @Test("property: sorted slowest against typical, active jobs fall in their time run over their type's median")
    func slowestOrder() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var state = Fixtures.state([], width: 160, height: 60)
            let types = ["video_generation", "scraping", "research", "ad_generation"]
            var durations: [String: [Double]] = [:]
            var jobs: [Job] = []
            // Completed history for the first three types only: ad_generation has no median.
            for index in 0..<Int.random(in: 3...30, using: &random) {
                let type = types[Int.random(in: 0...2, using: &random)]
                let seconds = Double(Int.random(in: 30...2000, using: &random))
                durations[type, default: []].append(seconds)
                var job = Fixtures.job("h\(index)", .completed, type: type, minutesAgo: 500)
                job.completedAt = job.startedAt!.addingTimeInterval(seconds)
                jobs.append(job)
            }
            for index in 0..<Int.random(in: 1...12, using: &random) {
                let type = types.randomElement(using: &random)!
                let ran = Double(Int.random(in: 1...5000, using: &random))
                jobs.append(Self.running("a\(index)", ran: ran, percent: 0, now: state.now, type: type))
            }
            _ = Self.listed(&state, jobs, at: state.now)
            while state.sort != .slowest { _ = state.update(.key(.character("s"), at: state.now)) }
            // The median by nearest rank, from the durations the test made.
            func median(_ type: String) -> Double? {
                guard let list = durations[type]?.sorted() else { return nil }
                return list[Int((0.5 * Double(list.count)).rounded(.up)) - 1]
            }
            let standing: [Double] = state.visible.map { id in
                let job = jobs.first { $0.id == id }!
                guard job.status == .processing, let p50 = median(job.type) else { return -1 }
                return state.now.timeIntervalSince(job.startedAt!) / p50
            }
            #expect(zip(standing, standing.dropFirst()).allSatisfy { $0 >= $1 }, "\(standing)")
            #expect(state.visible.count == jobs.count)
        }
    }

    @Test(
        "an estimate counts as shown only where it is drawn: not behind the help or a details pane of another job, not without the ETA column, not on a screen too small"
    )
    func shownOnlyWhereDrawn() throws {
        let start = Fixtures.now
        func noted(width: Int, height: Int, keys: [Key] = []) -> Bool {
            var state = Fixtures.state(
                [Self.running("other", ran: 60, percent: 50, now: start)], width: width, height: height)
            for key in keys { _ = state.update(.key(key, at: start)) }
            _ = Self.listed(&state, [Self.running("new", ran: 300, percent: 25, now: start)], at: start)
            return state.shownEstimates["new"] != nil
        }
        #expect(noted(width: 160, height: 40))
        #expect(!noted(width: 160, height: 40, keys: [.character("?")]), "behind the help")
        #expect(!noted(width: 160, height: 40, keys: [.enter]), "behind another job's details pane")
        #expect(!noted(width: 60, height: 24), "no ETA column at 60 columns")
        #expect(!noted(width: 20, height: 5), "too small to draw")
        #expect(!JobColumnWidths(width: 60).shows(.eta) && JobColumnWidths(width: 160).shows(.eta))
        // Its own details pane shows it, whatever the width.
        var state = Fixtures.state([Self.running("new", ran: 300, percent: 25, now: start)], width: 60, height: 24)
        #expect(state.shownEstimates["new"] == nil)
        _ = state.update(.key(.enter, at: start))
        #expect(state.shownEstimates["new"]?.seconds == 900)
    }

    @Test(
        "shown and ended are both on the server's clock: an estimate shown while the server runs 2 minutes ahead is scored on its time"
    )
    func serverClock() throws {
        var state = Fixtures.state([], width: 160, height: 40)
        let start = state.now
        let ahead = 120.0
        // Three answers whose Date header is 2 minutes ahead: the engine believes the server's clock.
        for step in 0..<3 {
            let at = start.addingTimeInterval(Double(step))
            let job = Self.running("v1", ran: 300 + Double(step), percent: 25, now: at.addingTimeInterval(ahead))
            _ = state.update(
                .engine(
                    .completed(
                        .list(status: .all, limit: 50), .list(.success(JobList(jobs: [job]))), at: at,
                        timing: ResponseTiming(sentAt: at, serverDate: at.addingTimeInterval(ahead)))))
        }
        let offset = try #require(state.engine["v1"]?.clockOffset)
        #expect(abs(offset - ahead) < 1, "the engine follows the server's clock")
        let shown = try #require(state.shownEstimates["v1"])
        // Shown when the server's clock read (local time + offset); 300 s run at 25%: 900 s left.
        #expect(abs(shown.at.timeIntervalSince(start) - ahead) < 3)
        #expect(abs(shown.seconds - 900) < 10)
        var job = Self.running("v1", ran: 1200, percent: 100, now: shown.at.addingTimeInterval(900))
        job = Self.finished(job, at: shown.at.addingTimeInterval(900))
        let sample = try #require(Self.samples(Self.listed(&state, [job], at: start.addingTimeInterval(901))).first)
        // Exactly what it said, on the server's clock; on the local one it would be off by the 2 minutes.
        #expect(abs(sample.estimateRatio! * shown.seconds - 900) < 0.01)
    }
}
