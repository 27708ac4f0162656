import FoundationEssentials

/// A mouse event, decoded by the terminal layer: where it happened (the
/// screen cell, counted from 0 at the top left) and what it was. Only
/// presses exist: the terminal is asked for button events, never motion.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The left button went down: a click (a double-click is two, told apart by `DoubleClick`).
        case press
        /// The wheel turned one notch up (towards the top of the list) or down.
        case wheelUp, wheelDown
    }

    public var row: Int
    public var column: Int
    public var kind: Kind

    public init(row: Int, column: Int, kind: Kind) {
        (self.row, self.column, self.kind) = (row, column, kind)
    }
}

/// Tells a double-click from two clicks, on the clicks' own times (the
/// terminal's `mouseinterval` is 0, so curses never merges them): a second
/// press on the same job within `interval` of the first.
public struct DoubleClick: Sendable {
    /// How close two presses must be, in seconds (a desktop's usual double-click time).
    public static let interval: TimeInterval = 0.4

    private var last: (id: JobID, at: Date)?

    public init() {}

    /// Records a press on the row of job `id` at `time`; true when it completes a double-click.
    /// A third press starts again, so a triple click is one double-click and a click.
    public mutating func press(on id: JobID, at time: Date) -> Bool {
        if let last, last.id == id, time >= last.at, time.timeIntervalSince(last.at) <= Self.interval {
            self.last = nil
            return true
        }
        last = (id, time)
        return false
    }

    /// Forgets the last press (a click elsewhere, a key): the next press starts afresh.
    public mutating func reset() { last = nil }
}
