import FoundationEssentials

/// The activity window: jobs seen finishing recently, for the header's
/// sparklines, pruned as time passes.
extension PollingEngine {
    /// A finish within the window, kept for the sparklines.
    mutating func recordFinish(_ job: Job, at now: Date) {
        let at = job.completedAt ?? now
        guard now.timeIntervalSince(at) <= configuration.activityWindow else { return }
        finishes[job.id] = Finish(at: at, status: job.status)
        oldestFinish = min(oldestFinish ?? at, at)
    }

    /// Forgets finishes older than the activity window. Runs on every update,
    /// so it reads one date, not every finish, unless one is out of date.
    mutating func pruneActivity(_ now: Date) {
        let cutoff = now.addingTimeInterval(-configuration.activityWindow)
        guard let oldest = oldestFinish, oldest < cutoff else { return }
        finishes = finishes.filter { $0.value.at >= cutoff }
        oldestFinish = finishes.values.lazy.map(\.at).min()
    }
}
