import FoundationEssentials
import HeapModule

/// The unsettled jobs ordered by when they next fall due, so that a tick
/// looks at the jobs due and not at every job held.
///
/// Why: with thousands of active jobs (a 10,000-job list, 500-job active
/// lists, jobs opened by id) the scheduler used to walk, filter and sort them
/// all on every tick and every answer, on the UI thread.
///
/// Lazy by design: `JobTable` notes a job each time it stores it whole, and
/// nothing is ever removed in place. An entry is only a hint that a job may be
/// due at `at`; the table's job is the truth, checked when the entry comes out
/// (`PollingEngine.takeDue`). A job that is due but cannot go (in flight,
/// awaiting a list, not polled) is dropped: only a change to the job, which
/// notes it again, can make it go. The heap is rebuilt from the table when
/// stale entries outnumber live jobs.
struct DueIndex: Sendable {
    struct Entry: Comparable, Sendable {
        /// Not before this time.
        var at: Date
        var id: JobID
        static func < (a: Entry, b: Entry) -> Bool { (a.at, a.id) < (b.at, b.id) }
    }

    private var heap = Heap<Entry>()

    var count: Int { heap.count }

    /// The earliest entry, live or stale.
    var earliest: Entry? { heap.min }

    mutating func note(_ id: JobID, at: Date) { heap.insert(Entry(at: at, id: id)) }

    /// Removes and returns the earliest entry when it is at or before `now`.
    mutating func popDue(at now: Date) -> Entry? {
        guard let first = heap.min, first.at <= now else { return nil }
        return heap.removeMin()
    }

    /// Removes the earliest entry.
    mutating func removeEarliest() { _ = heap.popMin() }

    /// One entry per job, at its due time: after stale entries have piled up.
    mutating func rebuild(_ entries: [Entry]) { heap = Heap(entries) }
}
