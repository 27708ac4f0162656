import FoundationEssentials

/// Opening a job by id: the job may be in no list (old, or beyond the newest
/// N), so it is read on its own and then pinned.
extension PollingEngine {
    /// Reads job `id` now, whatever the slots and the backoff: the user is
    /// waiting on it. A job already tracked is pinned at once.
    mutating func open(_ id: JobID, _ output: inout Output) {
        if jobs[id] != nil { jobs[id]?.pinned = true }
        let request = EngineRequest.job(id: id)
        guard !inFlight.contains(request) else {
            if jobs[id] == nil { opening.insert(id) }
            return
        }
        opening.insert(id)
        jobs[id]?.inFlight = true
        send(request, &output)
    }

    /// The number of pinned jobs.
    public var pinnedCount: Int { jobs.values.reduce(0) { $0 + ($1.pinned ? 1 : 0) } }
}
