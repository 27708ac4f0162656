import FoundationEssentials

/// How a watched job ended, in words, for the footer, the desktop notification
/// and `watch --notify`: completed, failed, cancelled, or gone (the server
/// answered 404: it no longer has the job, so how it ended is unknown). A
/// network error is no ending: the job is still watched.
public struct JobEnding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case completed, failed, cancelled, gone
    }

    public var kind: Kind
    /// The id as the user reads it (the table's short id, else the whole id), sanitised.
    public var id: String
    /// The job's title (else its type), sanitised; for the notification.
    public var name: String
    /// How long it ran ("4m12s"), empty when unknown.
    public var duration: String
    /// A failed job's error message, sanitised; empty otherwise.
    public var reason: String

    /// The ending of `job` if it ended: a final status, or `gone`. Nil while it runs
    /// (or its status is one this client cannot read: that may still change).
    public init?(
        job: Job, gone: Bool, shownID: String? = nil, duration: String, profile: TextProfile
    ) {
        if gone {
            kind = .gone
        } else {
            switch job.status {
            case .completed: kind = .completed
            case .failed: kind = .failed
            case .cancelled: kind = .cancelled
            default: return nil
            }
        }
        let limit = TerminalNotifier.textLimit
        id = TerminalText.sanitize(shownID ?? job.id.text, profile: profile, scalarLimit: limit)
        let title = job.title.flatMap { $0.isEmpty ? nil : $0 } ?? job.type
        name = TerminalText.sanitize(title, profile: profile, scalarLimit: limit)
        self.duration = duration == "?" ? "" : duration
        reason =
            kind == .failed ? TerminalText.sanitize(job.error?.message ?? "", profile: profile, scalarLimit: limit) : ""
    }

    /// "completed in 4m12s", "failed after 2m: quota exceeded", "is gone (404) …".
    public var outcome: String {
        let time = duration.isEmpty ? "" : (kind == .completed ? " in " : " after ") + duration
        switch kind {
        case .completed: return "completed" + time
        case .failed: return "failed" + time + (reason.isEmpty ? "" : ": " + reason)
        case .cancelled: return "cancelled" + time
        case .gone: return "is gone (404): the server no longer has it, how it ended is unknown"
        }
    }

    /// The footer's line: `watched job 8f3a… completed in 4m12s`.
    public var footer: String { "watched job \(id) \(outcome)" }

    /// Whether the footer warns: anything but a completion.
    public var isWarning: Bool { kind != .completed }

    /// The desktop notification's title and body.
    public var notificationTitle: String { "tasks-tui: job \(kind.rawValue)" }
    public var notificationBody: String { "\(name) (\(id)) \(outcome)" }
}
