import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// Issue #12's proof over the real simulator and real HTTP: an old stuck job
/// behind many newer ones is found, polled and still read once OVERDUE; a
/// server that ignores `status=` is noticed; the server's clock is read from
/// its `Date` header.
@Suite("Active jobs and the server's clock, the engine against the simulator", .serialized)
struct ActiveJobsAgainstSimulatorTests {
    /// When fresh data for "old" arrived (seconds since the start), and by which request.
    static func oldReads(_ run: EngineRun) -> [(t: Double, request: EngineRequest)] {
        run.answers.compactMap { answer in
            let carried =
                switch answer.result {
                case .list(.success(let list)): list.jobs.contains { $0.id == "old" }
                case .job(.success(let job)): job.id == "old"
                default: false
                }
            return carried ? (answer.t, answer.request) : nil
        }
    }

    /// One processing job created two hours ago, then 80 newer finished ones.
    static func seed(_ simulation: Simulation) {
        let now = simulation.clock.now()
        simulation.inject(
            Job(
                id: "old", status: .processing, type: "video_generation", createdAt: now.addingTimeInterval(-7200),
                updatedAt: now, progress: JobProgress(percentage: 42, currentStep: "rendering")))
        for index in 0..<80 {
            let created = now.addingTimeInterval(Double(index) - 3600)
            var finished = Job(id: JobID("done\(index)"), status: .completed, type: "scraping", createdAt: created)
            finished.completedAt = created.addingTimeInterval(600)
            simulation.inject(finished)
        }
    }

    /// Video jobs polled every 0.5 s, overdue `overdueAfter` seconds from now
    /// (two hours after creation); the list every 2 s.
    static func configuration(overdueAfter: Double) -> EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.listInterval = 2
        configuration.rules = PollRules(
            rules: [
                PollRule(
                    match: ["video"],
                    policy: PollPolicy(name: "video", interval: 0.5, maximumDuration: 7200 + overdueAfter))
            ],
            fallback: PollPolicy(name: "other", interval: 5, maximumDuration: 600))
        return configuration
    }

    @Test(
        "an old processing job behind 80 newer finished ones: on screen within one refresh, polled at its interval, read by the active list once OVERDUE"
    )
    func oldJobFound() async throws {
        let clock = ManualSimClock(Date())
        try await withSimulator(options: SimulationOptions(seed: 3, initialJobs: 0), clock: clock) { server, api, _ in
            Self.seed(server.simulation)
            let run = await EngineRun.drive(
                api, clock: clock, configuration: Self.configuration(overdueAfter: 3), seconds: 8)
            let oldReads = Self.oldReads(run)
            // Not in the newest 50, so only the active list can have brought it.
            let first = try #require(oldReads.first)
            #expect(first.request == .list(status: .processing, limit: 500))
            // By the first active list, sent once the first refresh has answered: the second tick.
            #expect(first.t <= 0.05, "first read at \(first.t)s")
            #expect(run.engine["old"]?.job.progress.percentage == 42)
            #expect(run.engine["old"]?.carriedByLastList == false)
            // Polled at its interval (0.5 s) until OVERDUE at about 3 s: reads no more than ~0.5 s apart.
            let before = oldReads.map(\.t).filter { $0 < 2.5 }
            let gaps = zip(before, before.dropFirst()).map { $1 - $0 }
            // At its interval (0.5 s, to the next 50 ms tick), not at the list's (2 s).
            #expect(before.count >= 4, "\(before)")
            #expect((gaps.max() ?? 99) <= 0.55 + 1e-6, "gaps \(gaps)")
            // OVERDUE: no poll at its interval any more, but the active list still reads it every list
            // interval. When that list only replays 304s, the job gets one unconditional read of its own
            // per 10 intervals (5 s here) at most (issue 29: a 304 is not fresh for longer).
            #expect(run.engine["old"]?.isOverdue(at: clock.now()) == true)
            let singlePollsLate = run.sent.filter { $0.t > 3.6 && $0.request == .job(id: "old") }.map(\.t)
            let lateGaps = zip(singlePollsLate, singlePollsLate.dropFirst()).map { $1 - $0 }
            #expect(singlePollsLate.count <= 1 && lateGaps.allSatisfy { $0 >= 5 }, "\(singlePollsLate)")
            let lateReads = oldReads.filter { $0.t > 4 }
            #expect(lateReads.count >= 2, "\(oldReads.map(\.t))")
            #expect(
                lateReads.filter { $0.request == .list(status: .processing, limit: 500) }.count >= 2,
                "\(lateReads.map(\.request))")
            #expect(!run.engine.statusFilterIgnored)
        }
    }

    @Test("a server that ignores status=: the engine notices, falls back to the newest list and the header says so")
    func ignoredStatusFilter() async throws {
        let clock = ManualSimClock(Date())
        try await withSimulator(options: SimulationOptions(seed: 4, initialJobs: 0), clock: clock) {
            server, api, client in
            Self.seed(server.simulation)
            let (code, _) = try await post(client, server, "/_sim/faults", #"{"ignore_status_filter": true}"#)
            #expect(code == 200)
            let run = await EngineRun.drive(
                api, clock: clock, configuration: Self.configuration(overdueAfter: 60), seconds: 5)
            #expect(run.engine.statusFilterIgnored)
            #expect(run.notices.contains { $0.text.contains("ignores status=") })
            // Only the newest 50 are shown: the old job is not, and no finished job came in through the active list.
            #expect(run.engine["old"] == nil)
            #expect(run.engine.jobs.count == 50)
            let statusLists = run.sent.filter { if case .list(let s, _) = $0.request { s != .all } else { false } }
            #expect(statusLists.count <= 2, "\(statusLists.count)")
            var state = DashboardState(
                options: .init(
                    serverLabel: "sim", demo: false, readOnly: false, profile: .utf8,
                    timeZone: LocalZone.utc),
                engine: run.engine, now: clock.now())
            _ = state.update(.resize(width: 120, height: 30))
            let text = DashboardRenderer.render(state).text
            #expect(text.contains("ignores status="), "\(text.prefix(400))")
        }
    }

    @Test(
        "the server's clock comes from its Date header: a client clock 10 minutes fast shows the skew and counts elapsed on the server's clock"
    )
    func skewFromDateHeader() async throws {
        // The server's clock starts on a whole second; the client's is 10 minutes fast. Both move
        // only when the driver says, so each answer is sent and read at one instant of either.
        let serverClock = ManualSimClock()
        let clientNow: @Sendable () -> Date = { serverClock.now().addingTimeInterval(600) }
        try await withSimulator(options: SimulationOptions(seed: 5, initialJobs: 0), clock: serverClock) {
            server, api, _ in
            let start = serverClock.now()
            server.simulation.inject(
                Job(
                    id: "fresh", status: .processing, type: "research", createdAt: start.addingTimeInterval(-60),
                    updatedAt: start, progress: JobProgress(percentage: 5)))
            let run = await EngineRun.drive(
                EngineRun.SimDated(api: api, clock: serverClock), now: clientNow,
                advance: { serverClock.advance(by: 0.05) }, configuration: Self.configuration(overdueAfter: 60),
                seconds: 2)
            // A sample is the header (the server's second, cut down) plus the half second added back, minus
            // the client's time: -600 plus 0.5 minus the fraction cut, so within half a second of -600.
            let samples = run.engine.serverClock.samples
            #expect(samples.count >= 2)
            #expect(samples.allSatisfy { (-600.5 ... -599.5).contains($0) }, "\(samples)")
            #expect(run.engine.serverClock.shownSkew == -600, "\(run.engine.serverClock.offset)")
            let tracked = try #require(run.engine["fresh"])
            let row = JobRow(
                tracked, stalledFor: nil, isStale: false,
                context: JobRow.Context(now: clientNow(), zone: LocalZone.utc, profile: .utf8))
            // A minute and two seconds on the server's clock (60 s old at the start, then 2 s), not eleven minutes.
            #expect(row.elapsed == "1m02s", "\(row.elapsed), offset \(run.engine.serverClock.offset)")
            #expect(run.engine.stalledFor("fresh", at: clientNow()) == nil)
        }
    }
}
