import FoundationEssentials
import TasksModel

/// A job a test added through `/_sim/jobs`: served exactly as given, so hostile
/// text reaches the client byte for byte. It does not move unless
/// `advanceSeconds` asks it to run from its percentage to completion. One of
/// the two kinds of `SimulatedJob`; the other is a generated `JobScript`.
struct InjectedJob: Sendable {
    var job: Job
    /// When it was added: the start of its advance.
    var injectedAt: Date
    /// Over how many seconds it runs to completion; nil: it never changes.
    var advanceSeconds: Double?
    var cancelBehaviour: CancelBehaviour

    /// The job as the server reports it at `now`, given when an accepted cancel takes effect (nil: never).
    func state(at now: Date, cancelEffectiveAt: Date?) -> Job {
        var job = job
        if let effective = cancelEffectiveAt, now >= effective, job.status.isActive {
            job.status = .cancelled
            job.completedAt = effective
            job.updatedAt = effective
            return job
        }
        guard let seconds = advanceSeconds, seconds > 0, job.status.isActive else { return job }
        let elapsed = now.timeIntervalSince(injectedAt)
        let start = job.progress.percentage
        let fraction = min(1, max(0, elapsed / seconds))
        job.progress.percentage = start + (100 - start) * fraction
        job.progress.estimatedSecondsRemaining = max(0, seconds - elapsed)
        job.updatedAt = now
        if fraction >= 1 {
            job.status = .completed
            job.completedAt = injectedAt.addingTimeInterval(seconds)
            job.progress.estimatedSecondsRemaining = nil
        } else if job.status == .queued {
            job.status = .processing
        }
        return job
    }
}
