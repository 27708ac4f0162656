import FoundationEssentials

/// Why a cancel of a job cannot be sent. The one place that decides it: the
/// dashboard asks before it opens the confirmation, the engine asks again
/// when the confirmed cancel arrives (the job may have finished meanwhile).
public enum CancelRefusal: Sendable, Hashable {
    /// The engine does not know the job.
    case unknownJob
    /// The server said 404 for it.
    case gone
    /// Only queued and processing jobs can be cancelled.
    case notActive(JobStatus)
    /// A cancel of this job is already pending, in flight or being verified.
    case alreadyUnderWay

    /// Words for the footer, naming the job; always says that nothing was sent.
    public func text(id: JobID) -> String {
        switch self {
        case .unknownJob: "job \(id) is no longer known; nothing sent"
        case .gone: "job \(id) is gone from the server (404); nothing sent"
        case .notActive(let status):
            "job \(id) is \(status.wireName): only active jobs can be cancelled; nothing sent"
        case .alreadyUnderWay: "cancel of \(id) is already under way"
        }
    }

    /// A job the dashboard cannot find is a warning; a job that is simply not
    /// active, or a cancel already under way, is information.
    public var isWarning: Bool {
        switch self {
        case .unknownJob, .gone: true
        case .notActive, .alreadyUnderWay: false
        }
    }

    /// The audit log's outcome, or nil when the attempt is not worth a line
    /// (an unknown job or a repeat of a cancel already recorded).
    public var auditOutcome: CancelOutcome? {
        switch self {
        case .notActive(let status): .notSent("not sent: already \(status.wireName)")
        case .gone: .notSent("not sent: gone (404)")
        case .unknownJob, .alreadyUnderWay: nil
        }
    }
}

extension PollingEngine {
    /// Why a cancel of `id` cannot be sent now, or nil when it can.
    public func cancelRefusal(for id: JobID) -> CancelRefusal? {
        guard let tracked = self[id] else { return .unknownJob }
        if tracked.gone { return .gone }
        guard tracked.job.status.isActive else { return .notActive(tracked.job.status) }
        if tracked.cancel.isOutstanding { return .alreadyUnderWay }
        return nil
    }
}
