import FoundationEssentials

/// Details held only where they are looked at: a dashboard listing 10,000
/// jobs keeps each one's result and error details (often the largest part of
/// a job) only for the jobs on screen or opened, and reads a job again when
/// its details pane opens on details it let go of.
extension PollingEngine {
    /// Lets go of the result and error details of every job not in `keep`
    /// (`Job.dropDetails()`). The next read of a job brings them back.
    public mutating func dropDetails(keeping keep: Set<JobID>) {
        for (id, tracked) in jobs.unsettled where !keep.contains(id) && tracked.job.holdsDetails {
            jobs[id]?.job.dropDetails()
        }
    }

    /// Reads job `id` again for the details it let go of: the user is
    /// waiting on it, so it goes now, whatever the slots and the backoff (as
    /// an open by id does), unless a read of it is already in flight (its
    /// answer brings them). The job is not pinned.
    public mutating func fetchDetails(_ id: JobID) -> Output {
        var output = Output()
        let request = EngineRequest.job(id: id)
        guard jobs[id] != nil, !inFlight.contains(request) else { return output }
        jobs[id]?.inFlight = true
        send(request, &output)
        return output
    }
}
