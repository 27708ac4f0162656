import FoundationEssentials

/// The polling engine: the list refresh, per-type polling of active jobs,
/// coalescing, backoff, stall and overdue detection, and cancel verification.
///
/// A value type with one entry point, `update(_:)`: an event in, the requests
/// to send and the notices to show out. It never reads a clock and never does
/// I/O, so every rule is tested with made-up times and a scripted API.
///
/// This file holds the state, the queries and `update`; the rules live in
/// extensions: `+Scheduling` (what to send now), `+Results` (folding answers
/// in), `+Cancel` (cancels, the `CancelQueue` and `CancelVerification`) and
/// `+Failures` (backoff, by `ErrorClass`, kept in `FailureState`). The
/// one-shot commands follow the same rules through `FollowSchedule` and
/// `CancelVerification`.
public struct PollingEngine: Sendable {
    public var configuration: EngineConfiguration
    /// Every job the engine knows, by id (quiet finished ones held compactly: `JobTable`).
    public internal(set) var jobs = JobTable()
    public internal(set) var connection: ConnectionState = .connecting
    public internal(set) var paused = false
    /// When the last list refresh answered.
    public internal(set) var lastListAt: Date?
    /// When the next list refresh is due.
    public internal(set) var nextListAt: Date
    /// Jobs the last list response could not read.
    public internal(set) var skippedInLastList: [JobList.Skipped] = []
    /// Requests in flight.
    public internal(set) var inFlight: Set<EngineRequest> = []
    /// Finished jobs seen in the activity window: id to (finish time, status).
    public internal(set) var finishes: [JobID: Finish] = [:]
    /// The earliest time in `finishes`, or earlier (`pruneActivity`).
    var oldestFinish: Date?
    /// The server answered a `status=` list with jobs of other statuses:
    /// active lists are off, the newest list is all there is.
    public internal(set) var statusFilterIgnored = false
    /// Whether the dashboard was told that a list answer was cut to its limit (said once).
    var answerCutNoticed = false
    /// Active lists that came back full: status to the number of jobs they held
    /// ("at least N").
    public internal(set) var activeListFull: [StatusFilter: Int] = [:]
    /// The server refused a list's `limit` (422 or 400 naming `limit`): the
    /// limit it refused and the one lists ask for now (100, then 50).
    public internal(set) var limitFallback: LimitFallback?
    /// The server's clock, from the `Date` headers of its answers.
    public internal(set) var serverClock = ServerClock()
    /// The zone of the server's zoneless timestamps (`timestamps_zone`, else inferred).
    public internal(set) var naiveZone = NaiveZone(setting: nil)
    /// What recent answers weighed: the scheduler's prices (`listChoice`).
    public internal(set) var answerSizes = AnswerSizes()

    public struct LimitFallback: Sendable, Hashable {
        public var refused: Int
        public var using: Int
    }

    public struct Finish: Sendable, Hashable {
        public var at: Date
        public var status: JobStatus
    }

    // The engine's own bookkeeping. Internal, not private, only so that the
    // engine's extensions (scheduling, results, cancels, failures), each in
    // its own file, can use it; nothing outside the engine changes it (its
    // tests read some of it). The failure state and the cancel queue are
    // values of their own, changed only through their methods.

    /// The global backoff, the probe, the list refresh's backoff and the backoff jitter.
    var failures: FailureState
    /// When the global backoff allows the next request (`FailureState.retryAt`),
    /// read by the engine's tests.
    var globalRetryAt: Date? { failures.retryAt }
    /// Jobs asked for by id (`EngineEvent.open`) whose first answer has not come:
    /// the answer pins them.
    public internal(set) var opening: Set<JobID> = []
    /// Jobs whose confirmed cancel waits for its job's read in flight to answer.
    var pendingCancels = CancelQueue()
    /// When each active list (`status=processing`, `status=queued`) is next due.
    var nextActiveAt: [StatusFilter: Date] = [:]
    /// Per request, when the last full (not 304-replayed) answer to it was
    /// sent: a replay carries data that old.
    var fullAnswerSentAt: [EngineRequest: Date] = [:]
    /// When each recent slow read (`TrackedJob.isSlowRead`) was sent: at most
    /// `slowReadBudget` per `TrackedJob.slowReadInterval`.
    var slowReadsSent: [Date] = []
    /// Slow reads due but held back by the budget: due on every tick until sent
    /// (a list may carry them), noted in the index for when the budget allows.
    var heldSlowReads: Set<JobID> = []
    /// The latest time `update` was given: an earlier one means the clock stepped back.
    var latestNow: Date?
    /// Slow reads allowed per `TrackedJob.slowReadInterval`; the rest wait, and show `UNREAD` after 2 minutes.
    public static let slowReadBudget = 20
    /// Notices found while folding data in (`merge`), said at the end of `update`.
    var laterNotices: [EngineNotice] = []
    /// A 304 replay counts as fresh for at most this many of the job's intervals
    /// after the full answer it replays.
    public static let replayTrust: Double = 10

    public init(configuration: EngineConfiguration = EngineConfiguration(), start: Date, seed: UInt64 = 0x7A5C) {
        naiveZone = NaiveZone(setting: configuration.timestampsZone)
        self.configuration = configuration
        nextListAt = start
        failures = FailureState(seed: seed)
    }

    /// What `update` asks for.
    public struct Output: Sendable {
        public var requests: [EngineRequest] = []
        public var notices: [EngineNotice] = []
    }

    // MARK: Queries

    /// The tracked job with this id.
    public subscript(id: JobID) -> TrackedJob? { jobs[id] }

    /// Stalled for how long, if stalled.
    public func stalledFor(_ id: JobID, at now: Date) -> Double? {
        guard let tracked = jobs[id] else { return nil }
        return tracked.stalledFor(at: now, threshold: configuration.stallThreshold(for: tracked.policy))
    }

    /// The data is older than its interval because of errors (never because of a pause).
    public func isStale(_ id: JobID, at now: Date) -> Bool {
        guard let tracked = jobs[id], tracked.job.status.isActive, !paused else { return false }
        let old = now.timeIntervalSince(tracked.lastFresh) > tracked.policy.interval + 1
        if tracked.lastError != nil { return old || tracked.failures > 0 }
        switch connection {
        case .retrying, .unauthorized: return old
        default: return false
        }
    }

    /// The earliest time anything is due: the runner sleeps until then.
    /// Nil when nothing can be sent until a request answers (all slots busy,
    /// or a probe in flight): the answer wakes the runner, so it never spins.
    public func nextWakeup(after now: Date) -> Date? {
        if paused { return nil }
        if case .unauthorized = connection { return nil }
        if failures.probeInFlight || inFlight.count >= configuration.maxInFlight { return nil }
        if let retryAt = failures.retryAt {
            // After a failure only a list probes the server (`schedule`); while
            // one is in flight nothing can go, and its answer wakes the runner.
            if inFlight.contains(where: { if case .list = $0 { true } else { false } }) { return nil }
            return max(retryAt, now)
        }
        // A cancel waiting on its job's own read in flight goes when that answers (which wakes the runner).
        if pendingCancels.contains(where: { jobs[$0]?.inFlight != true }) { return now }
        var earliest: Date? = inFlight.contains(.list(status: .all, limit: configuration.listLimit)) ? nil : nextListAt
        let refreshAnswered = lastListAt != nil && earliest != nil
        for filter in activeFilters where refreshAnswered && !listInFlight(filter) {
            let due = max(nextActiveAt[filter] ?? now, now)
            earliest = min(earliest ?? due, due)
        }
        // The first entry of the due index, trimmed by `update` to a job that can go.
        if let first = jobs.due.earliest { earliest = min(earliest ?? first.at, first.at) }
        return earliest
    }

    /// Our time `now` on the server's clock.
    public func serverTime(_ now: Date) -> Date { now.addingTimeInterval(serverClock.offset) }

    /// When the slow-read budget next allows one: now when it is not spent.
    /// A read dated after `now` was sent before our clock stepped back: it
    /// counts as sent now, or an hour's step would hold slow reads for an hour.
    func slowReadFreeAt(_ now: Date) -> Date {
        let recent = slowReadsSent.map { min($0, now) }.filter {
            now.timeIntervalSince($0) < TrackedJob.slowReadInterval
        }
        guard recent.count >= Self.slowReadBudget, let oldest = recent.min() else { return now }
        return oldest.addingTimeInterval(TrackedJob.slowReadInterval)
    }

    /// Active jobs nothing has read for two minutes or more (`TrackedJob.unreadFor`).
    public func unreadCount(at now: Date) -> Int {
        guard case .connected = connection else { return 0 }
        return jobs.unsettled.values.reduce(0) { $0 + ($1.unreadFor(at: now) != nil ? 1 : 0) }
    }

    /// Seconds nothing has read this active job, when two minutes or more and
    /// the link is up (paused or failing, the header and STALE say why).
    public func unreadFor(_ id: JobID, at now: Date) -> Double? {
        guard case .connected = connection else { return nil }
        return jobs[id]?.unreadFor(at: now)
    }

    /// A new sample of the server's clock; every job follows a changed estimate.
    mutating func observeServerClock(_ timing: ResponseTiming, _ serverDate: Date, at now: Date) {
        let before = serverClock.offset
        serverClock.record(sentAt: timing.sentAt, receivedAt: now, serverDate: serverDate)
        guard abs(serverClock.offset - before) >= 0.25 else { return }
        for id in jobs.keys { jobs[id]?.clockOffset = serverClock.offset }
    }

    // MARK: Update

    public mutating func update(_ event: EngineEvent) -> Output {
        var output = Output()
        let now: Date
        switch event {
        case .tick(let time):
            now = time
        case .completed(let request, let result, let time, let timing):
            now = time
            inFlight.remove(request)
            if let timing, let serverDate = timing.serverDate { observeServerClock(timing, serverDate, at: now) }
            if let bytes = timing?.bodyBytes { answerSizes.record(request, result, bytes: bytes) }
            handle(
                request, result, at: now, sentAt: min(timing?.sentAt ?? now, now), replayed: timing?.replayed == true,
                &output)
        case .refresh(let time):
            now = time
            if case .unauthorized = connection { connection = .connecting }
            failures.refreshRequested()
            nextListAt = now
            if paused { output.notices.append(EngineNotice(kind: .stillPaused, text: "paused", at: now)) }
        case .pause(let time):
            now = time
            paused = true
            connection = .paused
        case .resume(let time):
            now = time
            paused = false
            connection = lastListAt == nil ? .connecting : .connected
            nextListAt = now
        case .cancel(let id, let time):
            now = time
            requestCancel(id, at: now, &output)
        case .open(let id, let time):
            now = time
            open(id, &output)
        }
        // The clock stepped back (NTP, a resumed VM): a job dropped from the due
        // index as overdue may be polled again, so every whole job is noted again.
        if let latest = latestNow, now < latest { jobs.noteAllDue() }
        latestNow = max(latestNow ?? now, now)
        schedule(at: now, &output)
        trimDueIndex(at: now)
        pruneActivity(now)
        output.notices += laterNotices
        laterNotices = []
        return output
    }
}
