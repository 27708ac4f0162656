import FoundationEssentials

/// Rendered job rows remembered between frames.
///
/// An idle dashboard re-renders every second for its countdown; without
/// this, every row on screen would be sanitised, measured and laid out again
/// each time. A row is rebuilt only when its job was read again, its flags or
/// shown times changed, or the selection or width did. Owned by the one thread that
/// renders; not shared.
public final class RowCache {
    struct Key: Hashable {
        var id: JobID
        /// When the job's data last arrived: new data, new row.
        var version: Date
        var cancel: CancelState
        var gone: Bool
        var selected: Bool
        var marked = false
        var width: Int
        var flags: [String]
        /// The shown cells that change with the clock alone (created in relative mode, elapsed).
        var clockTexts: [String]
    }

    private var rows: [Key: FrameRow] = [:]
    /// Rows built since the cache was made (for tests and benchmarks).
    public private(set) var builds = 0

    public init() {}

    func row(for key: Key, build: () -> FrameRow) -> FrameRow {
        if let row = rows[key] { return row }
        // Old keys are never looked up again; drop them all now and then.
        if rows.count > 4096 { rows.removeAll(keepingCapacity: true) }
        let row = build()
        builds += 1
        rows[key] = row
        return row
    }
}
