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
    /// What is usual for the job's type (`DurationHistory`), when any job of it has completed.
    public var typical: DurationHistory.Typical?
}

extension DashboardState {
    /// The pane's subject for `id` now; nil when the engine no longer knows the job.
    func detailsSubject(for id: JobID) -> DetailsSubject? {
        guard let tracked = engine[id] else { return nil }
        let fetch = detailsFetch.flatMap { $0.id == id ? $0.stage : nil }
        return DetailsSubject(
            row: jobRow(tracked), tracked: tracked, fetch: fetch, typical: history.typical(tracked.job.type))
    }
}
