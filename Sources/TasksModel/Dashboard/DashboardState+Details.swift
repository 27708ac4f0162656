import FoundationEssentials

/// Where the details pane's job stands when its result or error details had
/// been let go of (`PollingEngine.dropDetails(keeping:)`) and are read again.
public struct DetailsFetch: Sendable, Hashable {
    public enum Stage: Sendable, Hashable {
        /// The read is on its way.
        case fetching(since: Date)
        /// The details arrived at this time.
        case fetched(at: Date)
        /// The read failed: why, in words, and when.
        case failed(reason: String, at: Date)
    }

    public internal(set) var id: JobID
    public internal(set) var stage: Stage

    public init(id: JobID, stage: Stage) {
        self.id = id
        self.stage = stage
    }
}

/// Details held only where they are looked at: the rows on screen, the job
/// in the details pane, the selected, pinned and opening jobs. The rest let go
/// of their result and error details each time a list is folded in.
extension DashboardState {
    /// The jobs whose details are kept.
    public var detailsKept: Set<JobID> {
        var keep = Set<JobID>()
        let start = min(max(0, top), visible.count)
        keep.formUnion(visible[start..<min(visible.count, start + tableRows)])
        if case .details(let id, _) = screen { keep.insert(id) }
        if let selectedID { keep.insert(selectedID) }
        if let opening { keep.insert(opening) }
        for (id, tracked) in engine.jobs where tracked.pinned { keep.insert(id) }
        return keep
    }

    /// After a list is folded in: the jobs off screen let go of their details.
    mutating func dropDetailsOffScreen() {
        engine.dropDetails(keeping: detailsKept)
    }

    /// The details pane opens on `id`: details let go of are read again now.
    mutating func fetchDetailsIfDropped(_ id: JobID, _ effects: inout [DashboardEffect]) {
        guard let job = engine[id]?.job, !job.droppedDetails.isEmpty else {
            // Nothing to read: no stage, not even an old "fetched" of this job.
            detailsFetch = nil
            return
        }
        detailsFetch = DetailsFetch(id: id, stage: .fetching(since: now))
        apply(engine.fetchDetails(id), &effects)
    }

    /// After an answer: the details arrived (by this read or any other), or
    /// the read of the job failed.
    mutating func settleDetailsFetch(_ event: EngineEvent) {
        guard let fetch = detailsFetch, case .fetching = fetch.stage else { return }
        if let job = engine[fetch.id]?.job, job.droppedDetails.isEmpty {
            detailsFetch?.stage = .fetched(at: now)
        } else if case .completed(.job(let id), .job(.failure(let error)), _, _) = event, id == fetch.id {
            detailsFetch?.stage = .failed(reason: error.description, at: now)
        }
    }
}
