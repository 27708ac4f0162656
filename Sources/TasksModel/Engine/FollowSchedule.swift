import FoundationEssentials

/// When a one-shot command that follows one job by itself (`watch`, the
/// verification reads of `cancel`) reads it next: by the engine's rules, so
/// the dashboard and the commands never disagree about intervals, backoff
/// or which errors are worth retrying.
///
/// After a read: the job type's `PollPolicy` interval (or the user's
/// override). After a failure: the engine's `retryDelay` (capped exponential
/// backoff with full jitter, honouring Retry-After), unless the error's class
/// ends following (unauthorized, or the job is gone), as it ends the engine's
/// polling of that job. A pure value: the caller sleeps.
public struct FollowSchedule: Sendable {
    /// What to do after a failed read.
    public enum AfterFailure: Sendable, Hashable {
        /// Read again after this many seconds; `failures` in a row so far.
        case retry(after: Double, failures: Int)
        /// Give up: retrying cannot help.
        case stop
    }

    public let configuration: EngineConfiguration
    /// Seconds between reads chosen by the user, instead of the type's.
    public let intervalOverride: Double?
    /// Failed reads in a row.
    public private(set) var failures = 0
    /// When following ends whether reads succeed or fail (`watch --timeout`,
    /// or the type's maximum duration once the job's type is known). Nil: no
    /// deadline yet.
    public var deadline: Date?
    private var random: SeededRandom

    public init(configuration: EngineConfiguration, intervalOverride: Double? = nil, seed: UInt64) {
        self.configuration = configuration
        self.intervalOverride = intervalOverride
        random = SeededRandom(seed: seed)
    }

    /// The poll policy of a job type, as the engine applies it.
    public func policy(for type: String) -> PollPolicy { configuration.rules.policy(for: type) }

    /// Seconds between reads of a job of `type` while reads succeed.
    public func interval(for type: String) -> Double { intervalOverride ?? policy(for: type).interval }

    /// A read succeeded: the backoff starts over; the next read is one interval away.
    public mutating func succeeded(type: String) -> Double {
        failures = 0
        return interval(for: type)
    }

    /// How long to sleep before the next read, given the `wait` chosen by
    /// `succeeded` or `failed`: never past the deadline, so the last read
    /// happens at the deadline itself. Nil when the deadline has come: stop.
    public func sleep(_ wait: Double, now: Date) -> Double? {
        guard let deadline else { return wait }
        let left = deadline.timeIntervalSince(now)
        if left <= 0 { return nil }
        return min(wait, left)
    }

    /// A read failed with `error`: when to try again, or whether to stop.
    public mutating func failed(_ error: APIError) -> AfterFailure {
        if error.errorClass.endsFollowing { return .stop }
        failures += 1
        let delay = configuration.retryDelay(afterFailures: failures, retryAfter: error.retryAfter, using: &random)
        return .retry(after: delay, failures: failures)
    }
}
