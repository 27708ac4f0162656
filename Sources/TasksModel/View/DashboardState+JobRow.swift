import FoundationEssentials

extension DashboardState {
    /// How the dashboard writes times and symbols right now.
    var rowContext: JobRow.Context {
        JobRow.Context(now: now, timeMode: timeMode, zone: options.timeZone, profile: options.profile)
    }

    /// The view model of one tracked job. The one place the view asks the
    /// engine its domain questions (stalled? stale?); components get the answers as values.
    func jobRow(_ tracked: TrackedJob) -> JobRow {
        var row = JobRow(
            tracked, stalledFor: engine.stalledFor(tracked.job.id, at: now),
            isStale: engine.isStale(tracked.job.id, at: now), unreadFor: engine.unreadFor(tracked.job.id, at: now),
            history: history, context: rowContext)
        row.shortID = shortIDs[tracked.job.id]
        row.pinned = tracked.pinned
        row.watched = watched[tracked.job.id] != nil
        return row
    }
}
