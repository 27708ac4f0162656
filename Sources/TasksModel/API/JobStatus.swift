/// A job's status as the server reports it.
///
/// Servers drift in how they spell statuses, so common synonyms map onto the
/// five statuses of the contract. Anything else is kept verbatim as
/// `.unknown`: shown to the user as the server said it, never a decode failure,
/// and treated as still active (it may still be running; we cannot know).
public enum JobStatus: Sendable, Hashable, CustomStringConvertible {
    case queued
    case processing
    case completed
    case failed
    case cancelled
    case unknown(String)

    /// Reads a server's status text, forgiving case, spaces and hyphens.
    public init(serverText: String) {
        let key = serverText.trimmingWhitespace().lowercased()
            .replacingScalar("-", with: "_").replacingScalar(" ", with: "_")
        switch key {
        case "queued", "pending", "waiting", "scheduled": self = .queued
        case "processing", "running", "in_progress", "started", "active": self = .processing
        case "completed", "complete", "succeeded", "success", "done", "finished": self = .completed
        case "failed", "error", "errored", "failure", "expired", "timed_out", "timeout", "rejected": self = .failed
        case "completed_with_errors", "partially_completed": self = .completed
        case "cancelled", "canceled", "aborted", "revoked", "stopped": self = .cancelled
        default: self = .unknown(serverText)
        }
    }

    /// The contract's spelling, or the server's own text for an unknown status.
    public var wireName: String {
        switch self {
        case .queued: "queued"
        case .processing: "processing"
        case .completed: "completed"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .unknown(let text): text
        }
    }

    public var description: String { wireName }

    /// Completed, failed and cancelled jobs never change again: they are never polled.
    public var isFinal: Bool {
        switch self {
        case .completed, .failed, .cancelled: true
        case .queued, .processing, .unknown: false
        }
    }

    /// Queued, processing, or an unknown status: the job may still change.
    public var isActive: Bool { !isFinal }
}
