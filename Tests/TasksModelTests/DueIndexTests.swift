import Foundation
import PropertyBased
import Testing

@testable import TasksModel

/// The due index against the walk it replaced: at every step of random runs
/// (jobs queued, processing, in an unknown status, finishing, vanishing,
/// overdue; faults, 429s, pauses, refreshes, cancels, opens by id; a server
/// clock that moves; our clock stepping back), the
/// jobs the index gives as due are exactly those a walk over every job finds,
/// in the same order, and the wake-up it gives is never later than the walk's.
@Suite("Due index: the jobs due, found without walking every job")
struct DueIndexTests {
    /// What the scheduler used to compute on every tick, by walking every unsettled job.
    static func walkDue(_ engine: PollingEngine, at now: Date) -> [JobID] {
        engine.jobs.unsettled.values
            .filter { PollingEngine.canGo($0, at: now) && $0.nextDue <= now }
            .sorted { ($0.nextDue, $0.job.id) < ($1.nextDue, $1.job.id) }
            .map(\.job.id)
    }

    /// The walk's earliest wake-up for jobs: plain due times, and due times with slow reads held to the budget.
    static func walkWakeup(_ engine: PollingEngine, at now: Date) -> (plain: Date, budgeted: Date)? {
        let ready = engine.jobs.unsettled.values.filter { PollingEngine.canGo($0, at: now) }
        guard let plain = ready.map(\.nextDue).min() else { return nil }
        let slowFree = engine.slowReadFreeAt(now)
        let budgeted = ready.map { $0.isSlowRead(at: now) ? max($0.nextDue, slowFree) : $0.nextDue }.min()!
        return (plain, budgeted)
    }

    /// One random run; every mismatch is recorded with its step.
    static func run(seed: UInt64, steps: Int) -> [String] {
        var random = SeededRandom(seed: seed)
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.listLimit = 1 + Int(random.next() % 30)
        configuration.activeListLimit = Int(random.next() % 3) == 0 ? 0 : 1 + Int(random.next() % 20)
        configuration.maxInFlight = 1 + Int(random.next() % 6)
        // One run in four spends the slow-read budget: many overdue jobs in a status
        // no list carries, a short list and no active lists.
        let budgetRun = random.next() % 4 == 0
        if budgetRun {
            configuration.listLimit = 5
            configuration.activeListLimit = 0
            configuration.maxInFlight = 6
        }
        configuration.rules = PollRules(
            rules: [
                PollRule(match: ["fast"], policy: PollPolicy(name: "fast", interval: 0.5, maximumDuration: 30)),
                PollRule(match: ["slow"], policy: PollPolicy(name: "slow", interval: 3, maximumDuration: 20)),
            ],
            fallback: PollPolicy(name: "other", interval: 1.5, maximumDuration: 600))
        var harness = EngineHarness(configuration: configuration, server: server)
        harness.latency = [0.05, 0.3, 1.2][Int(random.next() % 3)]
        // Some runs with a server clock that wanders (the jobs follow its estimate).
        if random.next() % 2 == 0 { harness.serverClockAhead = 0 }
        let start = harness.start
        let types = ["fast", "slow", "other"]
        var failing = Set<Int>()
        for window in 0..<30 where random.next() % 4 == 0 { failing.insert(window) }
        for index in 0..<(budgetRun ? 45 : 5 + Int(random.next() % 60)) {
            let type = budgetRun ? "slow" : types[Int(random.next() % 3)]
            let created = start.addingTimeInterval(-Double(random.next() % 60) - (budgetRun ? 60 : 0))
            let finishAt = Double(random.next() % 200)
            let vanishAt = random.next() % 5 == 0 ? Double(random.next() % 200) : Double.infinity
            // Queued for a while, or in a status we cannot read, before processing.
            let queuedUntil = random.next() % 3 == 0 ? Double(random.next() % 60) : 0
            let unknownStatus = budgetRun || random.next() % 6 == 0
            // In a budget run the jobs appear one by one, so each newer one pushes an
            // older one out of the short list: held, overdue and carried by no list.
            let appearsAt = budgetRun ? Double(index) * 0.5 : -Double.infinity
            server.add(JobID("j\(index)")) { now in
                let t = now.timeIntervalSince(start)
                if t > vanishAt || t < appearsAt { return nil }
                var job = activeJob("j\(index)", type: type, created: created, percentage: min(99, max(0, t)))
                if t < queuedUntil { job.status = .queued }
                if unknownStatus { job.status = .unknown("running") }
                if t > finishAt {
                    job.status = index % 3 == 0 ? .failed : .completed
                    job.completedAt = start.addingTimeInterval(finishAt)
                }
                return job
            }
        }
        server.fault = { [failing] request, now in
            let second = Int(now.timeIntervalSince(start))
            guard failing.contains(second / 10) else { return nil }
            switch second % 3 {
            case 0: return .server(status: 503, message: "busy", retryAfter: nil)
            case 1: return .server(status: 429, message: "slow down", retryAfter: 2)
            default: return request.jobID == nil ? nil : .notFound("gone")
            }
        }
        server.onCancel = { id, _ in .success(CancelAcceptance(status: 202, job: nil)) }
        var problems: [String] = []
        var steppedBack = false
        for step in 0..<steps {
            let now = harness.now
            // The index against the walk, on a copy: taking is destructive.
            var copy = harness.engine
            if let latest = copy.latestNow, now < latest { copy.jobs.noteAllDue() }
            let taken = copy.takeDue(at: now).map(\.job.id)
            let walked = walkDue(harness.engine, at: now)
            if taken != walked { problems.append("step \(step) t=\(harness.t): index \(taken) walk \(walked)") }
            // Never later than the walk (earlier is one idle tick: a job may have become overdue since).
            // (Not right after a step back: the engine learns of it at its next update.)
            if !steppedBack, let walk = walkWakeup(harness.engine, at: now) {
                let first = harness.engine.jobs.due.earliest?.at
                if first == nil || first! > walk.budgeted {
                    problems.append("step \(step) t=\(harness.t): wake \(String(describing: first)) walk \(walk)")
                }
            }
            // Never a busy loop: after a tick, a wake-up due already means the next tick sends something.
            var ticked = harness.engine
            _ = ticked.update(.tick(now))
            if let wake = ticked.nextWakeup(after: now), wake <= now, ticked.update(.tick(now)).requests.isEmpty {
                let first = ticked.jobs.due.earliest
                let job = first.flatMap { ticked.jobs[$0.id] }
                problems.append(
                    "step \(step) t=\(harness.t): wakes at once with nothing to send; now \(now) wake \(wake) list \(ticked.nextListAt) active \(ticked.nextActiveAt) first \(String(describing: first)) job \(String(describing: job.map { ($0.nextDue, $0.job.status, $0.isSlowRead(at: now), $0.inFlight, $0.awaitingList) })) inflight \(ticked.inFlight) slow \(ticked.slowReadsSent.count) retry \(String(describing: ticked.globalRetryAt))"
                )
            }
            // The next input.
            let roll = random.next() % 100
            let id = JobID("j\(random.next() % 70)")
            switch roll {
            case 0..<2: harness.send(.pause(now))
            case 2..<5: harness.send(.resume(now))
            case 5..<7: harness.send(.refresh(now))
            case 7..<9: harness.send(.open(id: id, at: now))
            case 9..<11: harness.send(.cancel(id: id, at: now))
            // The clock steps back (NTP, a resumed VM), or the server's moves.
            case 11..<12:
                harness.now = now.addingTimeInterval(-Double(1 + random.next() % 30))
                steppedBack = true
                continue
            case 12..<14 where harness.serverClockAhead != nil:
                harness.serverClockAhead = Double(Int(random.next() % 61) - 30)
            default: break
            }
            harness.run(until: harness.t + [0.05, 0.1, 0.5, 2][Int(random.next() % 4)])
            steppedBack = false
        }
        return problems
    }

    @Test("60 random runs of 200 steps: the index gives exactly the walk's due jobs, wakes no later, never spins")
    func indexMatchesWalk() async {
        await propertyCheck(count: 60, input: Gen.uint64()) { seed in
            let problems = Self.run(seed: seed, steps: 200)
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(3))")
        }
    }

    /// Found by the property above (about one run in 5,000): a slow read held by
    /// the spent budget, then changed by an answer, was noted again at its due
    /// time, already past; the runner woke at once for a tick that sent nothing.
    @Test("a slow read held by the budget does not wake the runner before the budget allows (seed 200696)")
    func heldSlowReadDoesNotWake() {
        #expect(Self.run(seed: 200_696, steps: 200).isEmpty)
    }

    @Test("our clock stepping back an hour holds slow reads for the budget's 30 s, not for the hour")
    func slowReadBudgetAfterClockStepsBack() {
        var engine = PollingEngine(start: Date(timeIntervalSince1970: 1_000_000))
        let sent = Date(timeIntervalSince1970: 1_000_000)
        engine.slowReadsSent = Array(repeating: sent, count: PollingEngine.slowReadBudget)
        #expect(engine.slowReadFreeAt(sent) == sent.addingTimeInterval(30))
        let back = sent.addingTimeInterval(-3600)
        #expect(engine.slowReadFreeAt(back) == back.addingTimeInterval(30))
        #expect(engine.slowReadFreeAt(sent.addingTimeInterval(31)) == sent.addingTimeInterval(31))
    }

    @Test("with 10,000 active jobs, a tick takes only the due jobs out of the index")
    func tickTouchesDueOnly() {
        let server = FakeJobsServer()
        var configuration = EngineConfiguration()
        configuration.maxInFlight = 4
        let harness = EngineHarness(configuration: configuration, server: server)
        var engine = harness.engine
        let now = harness.start
        for index in 0..<10_000 {
            var tracked = TrackedJob(
                job: activeJob("a\(index)", type: "research", created: now),
                policy: configuration.rules.policy(for: "research"),
                at: now)
            // One job due now; the others later, in turn.
            tracked.lastFresh = now.addingTimeInterval(index == 0 ? -3600 : Double(index))
            engine.jobs[JobID("a\(index)")] = tracked
        }
        let before = engine.jobs.due.count
        let due = engine.takeDue(at: now)
        #expect(due.map(\.job.id) == [JobID("a0")])
        // One entry out; the 9,999 not due are still there, untouched.
        #expect(engine.jobs.due.count == before - 1)
    }
}
