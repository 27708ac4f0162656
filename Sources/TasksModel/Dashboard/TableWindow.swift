import FoundationEssentials

/// What the job table draws, computed in `update` from the state: the rows
/// on screen at the current scroll and size, each as a `JobRow` with the
/// engine's answers already in it, or why there are none.
///
/// So the table never reaches back into the engine while it draws, and a
/// frame shows exactly what the state said when `update` returned.
public struct TableWindow: Sendable, Hashable {
    /// One row on screen, with what the row cache needs to tell it changed.
    public struct Line: Sendable, Hashable {
        public var row: JobRow
        public var selected: Bool
        public var marked: Bool
        /// When the job's data last arrived: new data, new row.
        public var version: Date
        public var cancel: CancelState
        public var gone: Bool
    }

    /// Why the table has no rows: the notice it shows instead.
    public enum Emptiness: Sendable, Hashable {
        /// A 401 stopped polling: waiting would be a lie.
        case unauthorized
        /// No list has come yet.
        case waiting
        /// Jobs are loaded but the filter or search hides them all.
        case noMatch(filter: StatusView, searching: Bool)
        /// The server holds no jobs.
        case nothing
    }

    public var lines: [Line] = []
    /// Nil when the table has rows.
    public var empty: Emptiness?

    public init(lines: [Line] = [], empty: Emptiness? = nil) {
        self.lines = lines
        self.empty = empty
    }
}

extension DashboardState {
    /// The table's rows at the current scroll and size (`TableWindow`); only
    /// the rows that fit are built, so the cost does not grow with the jobs held.
    func tableWindow() -> TableWindow {
        guard !visible.isEmpty else { return TableWindow(empty: emptiness) }
        let start = min(top, visible.count - 1)
        var lines: [TableWindow.Line] = []
        lines.reserveCapacity(tableRows)
        for id in visible[start..<min(visible.count, start + tableRows)] {
            guard let tracked = engine[id] else { continue }
            lines.append(
                TableWindow.Line(
                    row: jobRow(tracked), selected: id == selectedID, marked: marks.contains(id),
                    version: tracked.lastFresh, cancel: tracked.cancel, gone: tracked.gone))
        }
        return TableWindow(lines: lines)
    }

    private var emptiness: TableWindow.Emptiness {
        if case .unauthorized = engine.connection { return .unauthorized }
        if engine.lastListAt == nil { return .waiting }
        if !search.isEmpty || filter != .all { return .noMatch(filter: filter, searching: !search.isEmpty) }
        return .nothing
    }
}
