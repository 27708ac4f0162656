import FoundationEssentials

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
    /// Its data came from 304 replays for longer than `PollingEngine.replayTrust`
    /// intervals, or a cancel got a 409: it is read on its own, unconditionally
    /// (`HTTPJobsAPI` never sends validators with a single read), and no list
    /// is trusted to carry it until that read answers.
    public var needsConfirmation = false
    /// Opened by id (`:`): kept in the table whatever the lists hold, and
    /// polled on its own until it finishes, even when overdue (no list may carry it).
    public var pinned = false
    /// Steps seen, oldest first, bounded.
    public var history: [StepSeen] = []
    /// When the request that brought the data held was sent: an answer to a
    /// request sent earlier is older than this data and never replaces it.
    public var dataSentAt: Date
    /// When the client itself last saw the percentage, step or status change
    /// (nil until it has seen one: a first sighting is not progress).
    public var progressChangeSeenAt: Date?
    /// When the client first saw the job final: a failed or cancelled job
    /// without `completed_at` stops its duration here.
    public var finalSeenAt: Date?
    /// Seconds the server's clock is ahead of ours (`ServerClock.offset`),
    /// set by the engine: elapsed, STALLED and OVERDUE compare server
    /// timestamps with server time.
    public var clockOffset: Double = 0

    public init(job: Job, policy: PollPolicy, at now: Date) {
        self.job = job
        self.policy = policy
        firstSeen = now
        lastFresh = now
        progressChangedAt = now
        dataSentAt = now
        finalSeenAt = job.status.isFinal ? now : nil
        history = [
            StepSeen(at: now, status: job.status, percentage: job.progress.percentage, step: job.progress.currentStep)
        ]
    }

    /// When the job's run began, for the maximum-duration check: queue time
    /// is not running time, so `started_at` when the server sends it.
    public var startReference: Date { job.startedAt ?? job.createdAt ?? firstSeen }

    /// Active and older than its type's maximum duration.
    public func isOverdue(at now: Date) -> Bool {
        job.status.isActive && serverTime(now).timeIntervalSince(startReference) > policy.maximumDuration
    }

    /// Our time `now` on the server's clock.
    public func serverTime(_ now: Date) -> Date { now.addingTimeInterval(clockOffset) }

    /// When the client first saw the job final, on the server's clock.
    public var finalSeenServerTime: Date? { finalSeenAt.map(serverTime) }

    /// Seconds without progress, when the job is active and past the threshold; else nil.
    public func stalledFor(at now: Date, threshold: Double) -> Double? {
        guard job.status.isActive, job.status != .queued else { return nil }
        // The later of the server's updated_at and the last change the client
        // saw itself (a server may not move updated_at with the percentage).
        let seen = progressChangeSeenAt.map(serverTime)
        let since: Date
        switch (job.updatedAt, seen) {
        case (let updated?, let seen?): since = max(updated, seen)
        case (let updated?, nil): since = updated
        case (nil, let seen?): since = seen
        case (nil, nil): since = serverTime(progressChangedAt)
        }
        let seconds = serverTime(now).timeIntervalSince(since)
        return seconds >= threshold ? seconds : nil
    }

    /// No list carries it: neither the newest list nor an active list held it last time.
    public var uncarried: Bool { !carriedByLastList && !carriedByActiveList }

    /// Seconds between the slow reads of an overdue job no list carries.
    public static let slowReadInterval: Double = 30

    /// Overdue, and no list carries it: read on its own, slowly (`slowReadInterval`),
    /// within the engine's budget. No clock value stops every read of an active job.
    public func isSlowRead(at now: Date) -> Bool {
        !cancel.isVerifying && !readOnce && !pinned && !needsConfirmation && uncarried && isOverdue(at: now)
    }

    /// Seconds since fresh data came for an active job that nothing reads (no
    /// list, no slow read within the budget), when two minutes or more: the
    /// row says `UNREAD 2m`. Nil when it is read, or has an error of its own (STALE says that).
    public func unreadFor(at now: Date) -> Double? {
        guard job.status.isActive, !gone, lastError == nil else { return nil }
        let seconds = now.timeIntervalSince(lastFresh)
        return seconds >= 120 ? seconds : nil
    }

    /// Whether the engine should poll this job on its own (not counting list refreshes).
    public func isPolled(at now: Date) -> Bool {
        guard !gone, job.status.isActive else { return false }
        if cancel.isVerifying || readOnce || pinned || needsConfirmation { return true }
        return !isOverdue(at: now) || uncarried
    }

    /// When the job next falls due for a poll.
    public var nextDue: Date {
        var interval = policy.interval
        if case .unknown = job.status {
            // A status we cannot read may be final: poll less and less often,
            // the gap growing with the time it has not changed (up to 5 min).
            interval = max(interval, min(300, lastFresh.timeIntervalSince(progressChangedAt)))
        }
        if carriedByLastList == false, carriedByActiveList == false, !readOnce, !pinned, !needsConfirmation,
            !cancel.isVerifying, job.status.isActive,
            serverTime(lastFresh).timeIntervalSince(startReference) > policy.maximumDuration
        {
            // Overdue and carried by no list: a slow read.
            interval = max(interval, Self.slowReadInterval)
        }
        let due = lastFresh.addingTimeInterval(interval)
        if let retryAt, retryAt > due { return retryAt }
        return due
    }
}
