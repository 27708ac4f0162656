import FoundationEssentials

/// Whether a cancel the server accepted took effect: the one rule the
/// dashboard's engine and `tasks-tui cancel` both follow.
///
/// Acceptance is not the end: servers answer 202 and may never stop the job.
/// So after acceptance the job is read again, at most `pollLimit` times, and
/// each read is judged: cancelled (confirmed), finished another way first, or
/// still active after the last allowed read (not honoured). A pure value: the
/// caller does the reads and the waiting.
public struct CancelVerification: Sendable, Hashable {
    /// How the verification ended. While none is given (nil), the job is
    /// still active with reads left: read again after the job's interval.
    public enum Verdict: Sendable, Hashable {
        /// The job says cancelled.
        case confirmed
        /// The job completed or failed before the cancel took effect.
        case finishedAs(JobStatus)
        /// Still active after `polls` reads: the server ignored the cancel.
        case notHonoured(polls: Int)
    }

    /// When the server accepted the cancel.
    public let acceptedAt: Date
    /// Reads after acceptance before the cancel is judged not honoured
    /// (`EngineConfiguration.cancelVerifyPolls`).
    public let pollLimit: Int
    /// Reads judged so far (the acceptance itself does not count).
    public private(set) var polls = 0

    public init(acceptedAt: Date, pollLimit: Int) {
        self.acceptedAt = acceptedAt
        self.pollLimit = max(1, pollLimit)
    }

    /// What a status seen outside the verification's reads says, without
    /// counting as a read: a final status settles it, an active one (or none)
    /// says nothing yet. For the job the acceptance itself may carry (a 200
    /// may; 202 and 204 do not), and for a job a list refresh carried.
    public func settled(by status: JobStatus?) -> Verdict? {
        status.flatMap(Self.settled)
    }

    /// Judges one read of the job after acceptance; nil while it is still
    /// active and reads are left.
    public mutating func observe(_ status: JobStatus) -> Verdict? {
        polls += 1
        if let settled = Self.settled(status) { return settled }
        return polls >= pollLimit ? .notHonoured(polls: polls) : nil
    }

    /// The verdict a final status gives, whatever the count.
    private static func settled(_ status: JobStatus) -> Verdict? {
        switch status {
        case .cancelled: .confirmed
        case .completed, .failed: .finishedAs(status)
        case .queued, .processing, .unknown: nil
        }
    }
}
