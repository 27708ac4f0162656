/// Confirmed cancels waiting to be sent: the engine-wide half of the cancel
/// bookkeeping (each job's own half is its `CancelState`).
///
/// A job is queued at most once however often its cancel is confirmed, and
/// the queue gives its jobs out in id order, so a run repeats exactly. A job
/// leaves when it is taken; one held back (its own read is in flight, and the
/// two answers must never cross) stays for the next time.
struct CancelQueue: Sendable, Hashable {
    private var ids: Set<JobID> = []

    /// No cancel waits.
    var isEmpty: Bool { ids.isEmpty }

    /// The number of jobs whose cancel waits.
    var count: Int { ids.count }

    /// Whether this job's cancel waits.
    func contains(_ id: JobID) -> Bool { ids.contains(id) }

    /// Whether some waiting cancel satisfies `predicate`.
    func contains(where predicate: (JobID) -> Bool) -> Bool { ids.contains(where: predicate) }

    /// A cancel was confirmed: it waits until taken (once, if confirmed again).
    mutating func confirmed(_ id: JobID) {
        ids.insert(id)
    }

    /// Takes every waiting cancel that `held` does not hold back, in id order;
    /// those held back stay queued.
    mutating func take(unless held: (JobID) -> Bool) -> [JobID] {
        var taken: [JobID] = []
        for id in ids.sorted() where !held(id) {
            ids.remove(id)
            taken.append(id)
        }
        return taken
    }
}
