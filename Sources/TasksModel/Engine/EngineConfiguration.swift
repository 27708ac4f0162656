/// The engine's knobs, with the defaults of the Tasks page and the reference.
public struct EngineConfiguration: Sendable, Hashable {
    /// Seconds between list refreshes.
    public var listInterval: Double = 30
    /// `limit` of the list refresh.
    public var listLimit: Int = 50
    /// `limit` of the active lists (`status=processing`, `status=queued`)
    /// that bring every active job, however old, at least once per list
    /// interval; 0 turns them off.
    public var activeListLimit: Int = 500
    /// Per-type poll intervals and maximum durations.
    public var rules: PollRules = .reference
    /// Seconds without progress before an active job is stalled; nil means
    /// the greater of 5 minutes and 10 of its poll intervals.
    public var stallThreshold: Double?
    /// Requests in flight at once, all kinds together.
    public var maxInFlight: Int = 4
    /// The list refresh may go this many seconds early when due jobs can ride on it.
    public var coalesceWindow: Double = 2
    /// What one request costs beyond its body, in bytes of response body:
    /// its headers both ways (about 500 bytes over HTTP/1.1) and the server's
    /// work for one call. The scheduler weighs a status-filtered list against
    /// single reads with it (`PollingEngine.listChoice`); 0 makes single reads
    /// always the cheaper.
    public var requestCost: Double = 600
    /// Polls after an accepted cancel before the job is flagged "cancel not honoured".
    public var cancelVerifyPolls: Int = 3
    /// Backoff after errors (use `retryDelay`, which adds the floor).
    public var backoff: Backoff = Backoff(base: 1, cap: 60)
    /// Steps kept per job for the details view.
    public var historyLimit: Int = 50
    /// Seconds of finished-job activity kept for the sparkline.
    public var activityWindow: Double = 3600
    /// The zone a server writes timestamps without a zone in, as seconds
    /// east of UTC (`timestamps_zone`); nil: inferred (`NaiveZone`).
    public var timestampsZone: Double?

    public init() {}

    /// No retry sooner than this, in seconds: full jitter can draw zero, and
    /// a retry at once would hammer a server that just failed.
    public static let minimumRetryDelay: Double = 0.5

    /// The wait before retrying after `failures` consecutive failures (1 for
    /// the first): the backoff, at least what Retry-After asked, at least
    /// `minimumRetryDelay`. The engine and the one-shot commands all wait this.
    public func retryDelay(
        afterFailures failures: Int, retryAfter: Double?, using random: inout some RandomNumberGenerator
    ) -> Double {
        max(backoff.delay(afterFailures: failures, retryAfter: retryAfter, using: &random), Self.minimumRetryDelay)
    }

    /// The stall threshold for a job with `policy`.
    public func stallThreshold(for policy: PollPolicy) -> Double {
        stallThreshold ?? max(300, 10 * policy.interval)
    }
}
