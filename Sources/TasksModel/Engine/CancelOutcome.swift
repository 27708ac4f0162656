import FoundationEssentials

/// How a cancel attempt ended, as the audit log records it and the footer
/// shows it. A value, not words: whether the footer warns and what the audit
/// line says both follow from the case, never from comparing strings.
public enum CancelOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The server reports the job cancelled.
    case cancelled
    /// The server accepted the cancel; the job has not stopped yet.
    case accepted
    /// 409: the job had already finished.
    case alreadyFinished
    /// 404: the server does not know the job.
    case unknownJob
    /// The request failed; the words say how.
    case failed(String)
    /// The job finished another way before the cancel took effect.
    case finishedAs(JobStatus)
    /// Accepted, but the reads that were to confirm it failed for good; the words say how.
    case acceptedNotConfirmed(String)
    /// Still active after the verification polls.
    case notHonoured
    /// Reported not honoured, then the server did cancel it (at this time, its clock).
    case cancelledAfterAll(at: Date)
    /// 403: this account may not cancel on this server.
    case forbidden
    /// The server answered with another refusal (429, another 4xx); the words say which.
    case refused(String)
    /// Sent, but the answer was lost or unreadable (timeout, reset, 5xx, a
    /// 2xx that is not JSON): the server may have cancelled it.
    case outcomeUnknown(String)
    /// Nothing was sent (declined at the dialog, read-only, not active); the words say why.
    case notSent(String)

    // Why nothing was sent, in the words both front ends (the dashboard and
    // `tasks-tui cancel`) write to the audit log: one vocabulary, one place.

    /// The user said no at the confirmation.
    public static let declined = notSent("aborted at the confirmation")
    /// Read-only mode (`--read-only`, `read_only`).
    public static let readOnly = notSent("refused: read-only")
    /// `tasks-tui cancel` without `--yes` and no terminal to ask on.
    public static let noTerminal = notSent("refused: no terminal to confirm")
    /// The dialog could not be shown whole, so it was closed unanswered.
    public static let terminalTooSmall = notSent("aborted: terminal too small")
    /// The job could not be read before the cancel, so nothing was sent.
    public static func unread(_ error: APIError) -> CancelOutcome { notSent("not sent: \(error.description)") }

    /// The words of the audit log's outcome field.
    public var description: String {
        switch self {
        case .cancelled: "cancelled"
        case .accepted: "accepted"
        case .acceptedNotConfirmed(let why): "accepted; not confirmed: \(why)"
        case .alreadyFinished: "already finished (409)"
        case .unknownJob: "unknown job (404)"
        case .failed(let why): "failed: \(why)"
        case .finishedAs(let status): "finished as \(status)"
        case .notHonoured: "not honoured"
        case .cancelledAfterAll(let at): "cancelled after all, at \(Self.clock(at))"
        case .forbidden: "refused: not allowed (403)"
        case .refused(let why): "refused by the server: \(why)"
        case .outcomeUnknown(let why): "sent, outcome unknown: \(why); the server may have cancelled it"
        case .notSent(let why): why
        }
    }

    /// The footer shows it as a warning: anything but the cancel going through.
    public var isWarning: Bool {
        switch self {
        case .cancelled, .accepted, .cancelledAfterAll: false
        default: true
        }
    }

    /// How a cancel POST that failed ended: the one classification the
    /// dashboard's engine and `tasks-tui cancel` both use. A failure after the
    /// request may have reached the server (timeout, reset, 5xx, an unreadable
    /// 2xx) is unknown, never "not sent".
    public static func answered(_ error: APIError) -> CancelOutcome {
        // A 404 reaches here only when the job still answers GET (`HTTPJobsAPI`
        // asks; otherwise it is `.notFound`): the route is missing, the job is not
        // gone. A 405 is the method or route refused, whether or not that read answered.
        if case .server(let status, _, _) = error, status == 404 || status == 405 {
            return .refused("no cancel endpoint (\(status))")
        }
        return switch error.errorClass {
        case .conflict: .alreadyFinished
        case .notFound: .unknownJob
        case .permanent: .notSent(error.description)
        case .unauthorized where error.isForbidden: .forbidden
        case .unauthorized, .rateLimited: .refused(error.description)
        case .serverFault where error.isClientRefusal: .refused(error.description)
        case .transient, .serverFault, .badResponse: .outcomeUnknown(error.description)
        }
    }

    /// HH:MM:SS in UTC, as the audit log's own timestamps are.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(pad(day / 3600)):\(pad(day / 60 % 60)):\(pad(day % 60))"
    }
}
