import Foundation

/// What the engine knows about one job: the server's last word on it, and
/// the engine's own bookkeeping (freshness, errors, stalls, cancel).
public struct TrackedJob: Sendable, Hashable {
    /// The last data the server sent. Never replaced by an error: a network
    /// failure is not a job failure.
    public var job: Job
    public var policy: PollPolicy
    /// When the engine first saw the job.
    public var firstSeen: Date
    /// When the server last sent data for it.
    public var lastFresh: Date
    /// When the percentage or step last changed, as observed.
    public var progressChangedAt: Date
    /// A request for this job is in flight.
    public var inFlight = false
    /// Waiting for a list request that should carry it.
    public var awaitingList = false
    /// Consecutive failed requests for this job.
    public var failures = 0
    /// No poll before this time (backoff).
    public var retryAt: Date?
    /// The last error for this job, cleared by fresh data.
    public var lastError: APIError?
    /// The server said 404.
    public var gone = false
    /// Where a cancel stands.
    public var cancel: CancelState = .none
    /// The last list refresh carried this job, so the next one will likely
    /// carry it too: its poll may wait for (ride on) that refresh.
    public var carriedByLastList = false
    /// The last active list of its status carried this job.
    public var carriedByActiveList = false
    /// Read it once on its own, even if overdue: it left the active list it
    /// was in, so it finished or changed status.
    public var readOnce = false
    /// Opened by id (`:`): kept in the table whatever the lists hold, and
    /// polled on its own until it finishes, even when overdue (no list may carry it).
    public var pinned = false
    /// Steps seen, oldest first, bounded.
    public var history: [StepSeen] = []

    public init(job: Job, policy: PollPolicy, at now: Date) {
        self.job = job
        self.policy = policy
        firstSeen = now
        lastFresh = now
        progressChangedAt = now
        history = [
            StepSeen(at: now, status: job.status, percentage: job.progress.percentage, step: job.progress.currentStep)
        ]
    }

    /// When the job's run began, for the maximum-duration check: queue time
    /// is not running time, so `started_at` when the server sends it.
    public var startReference: Date { job.startedAt ?? job.createdAt ?? firstSeen }

    /// Active and older than its type's maximum duration.
    public func isOverdue(at now: Date) -> Bool {
        job.status.isActive && now.timeIntervalSince(startReference) > policy.maximumDuration
    }

    /// Seconds without progress, when the job is active and past the threshold; else nil.
    public func stalledFor(at now: Date, threshold: Double) -> Double? {
        guard job.status.isActive, job.status != .queued else { return nil }
        // The server's updated_at is the better witness when it sends one.
        let since = job.updatedAt ?? progressChangedAt
        let seconds = now.timeIntervalSince(since)
        return seconds >= threshold ? seconds : nil
    }

    /// Whether the engine should poll this job on its own (not counting list refreshes).
    public func isPolled(at now: Date) -> Bool {
        guard !gone, job.status.isActive else { return false }
        if cancel.isVerifying || readOnce || pinned { return true }
        return !isOverdue(at: now)
    }

    /// When the job next falls due for a poll.
    public var nextDue: Date {
        var interval = policy.interval
        if case .unknown = job.status {
            // A status we cannot read may be final: poll less and less often,
            // the gap growing with the time it has not changed (up to 5 min).
            interval = max(interval, min(300, lastFresh.timeIntervalSince(progressChangedAt)))
        }
        let due = lastFresh.addingTimeInterval(interval)
        if let retryAt, retryAt > due { return retryAt }
        return due
    }
}
