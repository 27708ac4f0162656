import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The simulated jobs backend: every job's story, new arrivals, cancels and
/// injected jobs, read at the injected clock's time.
///
/// Thread-safe (one lock); the HTTP layer in `SimulatorServer` is a thin
/// translation of its methods.
public final class Simulation: Sendable {
    public let options: SimulationOptions
    public let clock: any SimClock
    private let state: Locked<State>

    struct State {
        var random: SeededRandom
        var jobs: [String: SimulatedJob] = [:]
        /// Ids in creation order (oldest first).
        var order: [String] = []
        var nextArrival: Date?
        var counter: UInt64 = 0
    }

    /// The outcome of a cancel request.
    public enum CancelResult: Sendable, Equatable {
        /// Accepted; the job as it is now (it may not say cancelled yet).
        case accepted(Job)
        /// The job had already finished: 409.
        case alreadyFinished(Job)
        /// No such job: 404.
        case notFound
    }

    public init(options: SimulationOptions = SimulationOptions(), clock: any SimClock = SystemSimClock()) {
        self.options = options
        self.clock = clock
        let now = clock.now()
        var state = State(random: SeededRandom(seed: options.seed))
        Self.seedInitialJobs(&state, options: options, now: now)
        if options.arrivals {
            state.nextArrival = now.addingTimeInterval(Self.interarrival(&state.random, speed: options.speed))
        }
        self.state = Locked(state)
    }

    // MARK: Reading

    /// Jobs matching `status`, newest first, at most `limit`.
    public func list(status: StatusFilter = .all, limit: Int = 50) -> [Job] {
        let now = clock.now()
        return state.withLock { state in
            Self.advanceArrivals(&state, options: options, until: now)
            var result: [Job] = []
            for id in state.order.reversed() {
                guard result.count < max(0, limit) else { break }
                guard let job = state.jobs[id]?.state(at: now) else { continue }
                if status == .all || job.status.wireName == status.rawValue { result.append(job) }
            }
            return result
        }
    }

    /// One job, or nil.
    public func job(id: String) -> Job? {
        let now = clock.now()
        return state.withLock { state in
            Self.advanceArrivals(&state, options: options, until: now)
            return state.jobs[id]?.state(at: now)
        }
    }

    /// How many jobs exist.
    public var count: Int { state.withLock { $0.order.count } }

    // MARK: Changing

    /// Asks a job to cancel. Active jobs accept; most honour at once, some
    /// after a delay, a few never.
    public func cancel(id: String) -> CancelResult {
        let now = clock.now()
        return state.withLock { state in
            Self.advanceArrivals(&state, options: options, until: now)
            guard var job = state.jobs[id] else { return .notFound }
            let current = job.state(at: now)
            if current.status.isFinal { return .alreadyFinished(current) }
            job.requestCancel(at: now)
            state.jobs[id] = job
            return .accepted(job.state(at: now))
        }
    }

    /// Adds `job` exactly as given. It does not change unless `advanceSeconds`
    /// is set, in which case it runs from its percentage to completion over that time.
    /// An existing job with the same id is replaced.
    public func inject(_ job: Job, advanceSeconds: Double? = nil, cancel: CancelBehaviour = .honour) {
        let injected = InjectedJob(
            job: job, injectedAt: clock.now(), advanceSeconds: advanceSeconds, cancelBehaviour: cancel)
        state.withLock { state in
            if state.jobs[job.id.text] == nil { state.order.append(job.id.text) }
            state.jobs[job.id.text] = SimulatedJob(.injected(injected))
        }
    }

    /// Removes every job (for a test that wants only what it injects).
    public func removeAll() {
        state.withLock { state in
            state.jobs.removeAll()
            state.order.removeAll()
        }
    }

    /// Ids of jobs whose story has a stall (for tests).
    func stallingJobIDs() -> [String] {
        state.withLock { state in state.order.filter { state.jobs[$0]?.script?.stallAtFraction != nil } }
    }

    // MARK: The story

    private static func seedInitialJobs(_ state: inout State, options: SimulationOptions, now: Date) {
        let count = options.initialJobs
        guard count > 0 else { return }
        var made: [JobScript] = []
        for index in 0..<count {
            var script = makeScript(&state, options: options, createdAt: now)
            // Spread creation times so that some are done and some mid-way.
            let lifetime = script.queueDelay + script.runDuration + script.stallSeconds
            let age = Double.random(in: 0...(lifetime * 1.3), using: &state.random)
            script.createdAt = now.addingTimeInterval(-age)
            // A few guaranteed characters, so the demo shows every case at once.
            if count >= 6 {
                switch index {
                case 0:  // stalled: frozen for 7 minutes already, 30 in all
                    script = makeScript(&state, options: options, createdAt: now, family: .research)
                    script.outcome = .complete
                    script.stallAtFraction = 0.4
                    script.stallSeconds = 30 * 60
                    script.queueDelay = 0
                    script.createdAt = now.addingTimeInterval(-(0.4 * script.runDuration + 7 * 60))
                case 1:  // overrunning: a scraping job past its 10 minutes
                    script = makeScript(&state, options: options, createdAt: now, family: .scraping)
                    script.outcome = .complete
                    script.stallAtFraction = nil
                    script.runDuration = 25 * 60
                    script.queueDelay = 0
                    script.createdAt = now.addingTimeInterval(-11 * 60)
                case 2:  // waiting in the queue
                    script.queueDelay = 40
                    script.createdAt = now.addingTimeInterval(-5)
                case 3:  // will fail soon
                    let (message, details) = script.family.failure(using: &state.random)
                    script.outcome = .fail(atFraction: 0.6, message: message, details: details)
                    script.stallAtFraction = nil
                    script.queueDelay = 0
                    script.createdAt = now.addingTimeInterval(-0.4 * script.runDuration)
                case 4:  // just failed
                    let (message, details) = script.family.failure(using: &state.random)
                    script.outcome = .fail(atFraction: 0.3, message: message, details: details)
                    script.stallAtFraction = nil
                    script.createdAt = now.addingTimeInterval(-(script.queueDelay + script.runDuration * 0.3 + 20))
                case 5:  // running normally, early on
                    script.outcome = .complete
                    script.stallAtFraction = nil
                    script.queueDelay = 0
                    script.createdAt = now.addingTimeInterval(-0.1 * script.runDuration)
                default: break
                }
            }
            made.append(script)
        }
        for script in made.sorted(by: { $0.createdAt < $1.createdAt }) {
            state.jobs[script.id] = SimulatedJob(.scripted(script))
            state.order.append(script.id)
        }
    }

    private static func advanceArrivals(_ state: inout State, options: SimulationOptions, until now: Date) {
        while let next = state.nextArrival, next <= now {
            let script = makeScript(&state, options: options, createdAt: next)
            state.jobs[script.id] = SimulatedJob(.scripted(script))
            state.order.append(script.id)
            state.nextArrival = next.addingTimeInterval(interarrival(&state.random, speed: options.speed))
            trim(&state, options: options, now: now)
        }
    }

    private static func trim(_ state: inout State, options: SimulationOptions, now: Date) {
        guard state.order.count > options.retainedJobs else { return }
        var excess = state.order.count - options.retainedJobs
        var kept: [String] = []
        kept.reserveCapacity(state.order.count)
        for id in state.order {
            if excess > 0, let job = state.jobs[id], job.state(at: now).status.isFinal {
                state.jobs[id] = nil
                excess -= 1
            } else {
                kept.append(id)
            }
        }
        state.order = kept
    }

    /// Seconds to the next arrival: exponential, a job every 200 s at speed 1.
    private static func interarrival(_ random: inout SeededRandom, speed: Double) -> Double {
        let mean = 200 / speed
        let u = Double.random(in: 0.000_001..<1, using: &random)
        return -log(u) * mean
    }

    private static func makeScript(
        _ state: inout State, options: SimulationOptions, createdAt: Date, family chosen: JobFamily? = nil
    ) -> JobScript {
        var random = state.random
        defer { state.random = random }
        state.counter += 1
        let family = chosen ?? JobFamily.allCases[Int.random(in: 0..<JobFamily.allCases.count, using: &random)]
        let names = family.typeNames
        let type =
            Double.random(in: 0..<1, using: &random) < 0.5
            ? names[0] : names[Int.random(in: 0..<names.count, using: &random)]
        let titles = family.titles
        let title =
            Double.random(in: 0..<1, using: &random) < 0.85
            ? titles[Int.random(in: 0..<titles.count, using: &random)] : nil
        let steps = family.stepCount(using: &random)
        var runDuration = family.maximumDuration * Double.random(in: 0.1...0.6, using: &random) / options.speed
        let queueDelay =
            Double.random(in: 0..<1, using: &random) < 0.4
            ? Double.random(in: 3...30, using: &random) : Double.random(in: 0...1.5, using: &random)
        var outcome = JobScript.Outcome.complete
        if Double.random(in: 0..<1, using: &random) < 0.15 {
            let (message, details) = family.failure(using: &random)
            outcome = .fail(
                atFraction: Double.random(in: 0.2...0.9, using: &random), message: message, details: details)
        }
        var stallAt: Double?
        var stallSeconds = 0.0
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.08 {
            // Stalls last real minutes whatever the speed: that is what support staff hunt for.
            stallAt = Double.random(in: 0.3...0.7, using: &random)
            stallSeconds = Double.random(in: 8...25, using: &random) * 60
        } else if roll < 0.13 {
            // Overruns are measured against the real maximum, so they are not compressed.
            runDuration = family.maximumDuration * Double.random(in: 1.1...1.4, using: &random)
        }
        let cancelRoll = Double.random(in: 0..<1, using: &random)
        let cancel: CancelBehaviour =
            cancelRoll < 0.75
            ? .honour : cancelRoll < 0.95 ? .afterDelay(Double.random(in: 3...15, using: &random)) : .ignore
        let id = "job_" + String(random.next() & 0xFF_FFFF_FFFF, radix: 16).leftPadded(to: 10)
        return JobScript(
            id: id, family: family, type: type, title: title, createdAt: createdAt, queueDelay: queueDelay,
            runDuration: max(2, runDuration), steps: steps, outcome: outcome, stallAtFraction: stallAt,
            stallSeconds: stallSeconds, cancelBehaviour: cancel,
            result: family.result(title: title ?? type, steps: steps))
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
