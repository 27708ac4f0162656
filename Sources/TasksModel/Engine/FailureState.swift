import FoundationEssentials

/// The engine's failure bookkeeping: the global backoff after failures that
/// were the server's or the link's (not one job's), the one list refresh that
/// probes a failing server before anything else goes, the list refresh's own
/// backoff, and the seeded jitter every backoff draws from (global, list and
/// per-job, in the order the engine asks, so a seeded run repeats exactly).
///
/// A value with no clock: each method says what happened, at what time, and
/// the fields change only through them. Which failure counts as global is the
/// engine's to decide (`PollingEngine.failed`, by `ErrorClass`).
struct FailureState: Sendable, Hashable {
    /// When the global backoff allows the next request (transport errors, 429, list errors).
    private(set) var retryAt: Date?
    /// Consecutive failures that were the server's or the link's, not one job's.
    private(set) var consecutiveFailures = 0
    /// A list refresh probing a server that was failing: nothing else goes until it answers.
    private(set) var probeInFlight = false
    /// When the current run of global failures began; nil while the server answers.
    private(set) var failingSince: Date?
    /// Consecutive failed list refreshes, for the refresh's own backoff.
    private(set) var listFailures = 0
    /// Backoff jitter; seeded, so a run repeats exactly.
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// Failures of the server or the link, one after another, are under way.
    var isFailing: Bool { consecutiveFailures > 0 }

    /// A global backoff holds every request until `retryAt`.
    var isBackingOff: Bool { retryAt != nil }

    /// The backoff is over at `now`: one list refresh may go, to probe the server.
    func mayProbe(at now: Date) -> Bool {
        guard let retryAt, !probeInFlight else { return false }
        return now >= retryAt
    }

    // MARK: What happened

    /// The server answered (a request that says it is up): the global backoff ends.
    mutating func succeeded() {
        consecutiveFailures = 0
        failingSince = nil
        retryAt = nil
    }

    /// The user asked for a refresh: the backoff no longer holds requests back
    /// (the failures so far still count, and the run of failures goes on).
    mutating func refreshRequested() {
        retryAt = nil
    }

    /// The probing list refresh was sent: it alone goes until it answers.
    mutating func probeSent() {
        retryAt = nil
        probeInFlight = true
    }

    /// A list answered (or failed): no probe is in flight any more.
    mutating func listAnswered() {
        probeInFlight = false
    }

    /// A failure of the server or the link at `now`: the run of failures
    /// grows, and the global backoff waits the longer of the wait it already
    /// had and this failure's (`EngineConfiguration.retryDelay`). Returns when
    /// the run began and when the next request may go.
    mutating func globalFailure(
        retryAfter: Double?, at now: Date, configuration: EngineConfiguration
    ) -> (since: Date, retryAt: Date) {
        consecutiveFailures += 1
        let since = failingSince ?? now
        failingSince = since
        let delay = configuration.retryDelay(
            afterFailures: consecutiveFailures, retryAfter: retryAfter, using: &random)
        let next = now.addingTimeInterval(delay)
        let until = max(retryAt ?? next, next)
        retryAt = until
        return (since, until)
    }

    /// The list refresh answered: its own backoff starts again from the first failure.
    mutating func refreshSucceeded() {
        listFailures = 0
    }

    /// The list refresh failed at `now`: returns when it is next due, after its own backoff.
    mutating func refreshFailed(retryAfter: Double?, at now: Date, configuration: EngineConfiguration) -> Date {
        listFailures += 1
        let delay = configuration.retryDelay(afterFailures: listFailures, retryAfter: retryAfter, using: &random)
        return now.addingTimeInterval(delay)
    }

    /// The wait before a job that failed `failures` times in a row is read
    /// again: its own backoff, with jitter from the same seeded source.
    mutating func jobRetryDelay(
        afterFailures failures: Int, retryAfter: Double?, configuration: EngineConfiguration
    ) -> Double {
        configuration.retryDelay(afterFailures: failures, retryAfter: retryAfter, using: &random)
    }
}
