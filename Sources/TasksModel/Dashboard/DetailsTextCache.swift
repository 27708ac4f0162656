import FoundationEssentials

/// The details pane's JSON blocks (result, error details) as text, by job
/// and version. Encoding a result (up to 32 MiB) then cutting it to 64 KiB is
/// done once per version of the job, not on every frame and key. Shared by
/// the copies of one `DashboardState`; keys never collide across versions.
public final class DetailsTextCache: Sendable {
    struct Key: Hashable {
        var id: JobID
        /// When the job's data last arrived (`TrackedJob.lastFresh`): new data, new text.
        var version: Date
        var part: String
    }

    private let entries = Locked<[Key: String]>([:])
    private let buildCount = Locked(0)

    public init() {}

    /// Texts encoded so far (for tests and benchmarks).
    public var builds: Int { buildCount.withLock { $0 } }

    func text(for key: Key, build: () -> String) -> String {
        if let text = entries.withLock({ $0[key] }) { return text }
        let text = build()
        buildCount.withLock { $0 += 1 }
        entries.withLock { entries in
            // A pane shows one job: older versions are never looked up again.
            if entries.count >= 8 { entries.removeAll(keepingCapacity: true) }
            entries[key] = text
        }
        return text
    }
}
