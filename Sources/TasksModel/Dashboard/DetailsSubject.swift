import FoundationEssentials

/// The job the details pane shows, with what the engine knows of it, taken
/// in `update` so the pane draws values and never asks the engine.
public struct DetailsSubject: Sendable {
    /// The job as every view shows it (flags, times).
    public var row: JobRow
    /// The engine's record: poll policy, steps seen, last error.
    public var tracked: TrackedJob
    /// Where the read of details let go of stands, for this job.
    public var fetch: DetailsFetch.Stage?
    /// What is usual for the job's type and how our estimates for it did
    /// (`TypeSummary`), when any job of it has completed.
    public var summary: TypeSummary?
    /// How long it has run against its type's median (`DurationHistory.standing`), while active.
    public var standing: Double?
}

extension DashboardState {
    /// The pane's subject for `id` now; nil when the engine no longer knows the job.
    func detailsSubject(for id: JobID) -> DetailsSubject? {
        guard let tracked = engine[id] else { return nil }
        let fetch = detailsFetch.flatMap { $0.id == id ? $0.stage : nil }
        let standing = JobRow.runningFor(tracked, now: now).flatMap { history.standing(tracked.job, runningFor: $0) }
        return DetailsSubject(
            row: jobRow(tracked), tracked: tracked, fetch: fetch, summary: history.summaries[tracked.job.type],
            standing: standing)
    }
}
