import FoundationEssentials

/// What the user has chosen to see in the job table and where they are in
/// it: filter, support view, search, sort, the rows in order, the selected
/// job and the first row on screen.
///
/// Its fields are read-only outside; the few ways it changes are the
/// methods below, each keeping its rules: the selection stays on its job
/// across re-orders, and the scroll always shows the selection.
public struct TableState: Sendable {
    public private(set) var filter: StatusView = .all
    /// `!`: only the jobs that need a human, worst first.
    public private(set) var supportView = false
    public private(set) var search = ""
    public private(set) var sort: SortOrder = .newest
    /// A click on the title of the column already sorted by turns the order around; `s` puts it back.
    public private(set) var sortReversed = false
    /// The job under the cursor: kept across refreshes and re-sorts.
    public private(set) var selectedID: JobID?
    /// The first table row on screen.
    public private(set) var top = 0
    /// Ids in display order (filtered, searched, sorted).
    public private(set) var visible: [JobID] = []
    /// Each visible id's position in `visible`.
    public private(set) var position: [JobID: Int] = [:]
    /// `visible` must be recomputed: data, filter, search, sort or the minute changed.
    public private(set) var isStale = true
    /// When the stalled sort last re-ordered: it re-sorts every 5 s, not every tick.
    private var lastSortTick: Date?

    public init() {}

    /// Where the selection is in `visible`.
    public var selectedIndex: Int? { selectedID.flatMap { position[$0] } }

    /// The rows must be ordered again before they are shown.
    mutating func invalidate() { isStale = true }

    /// A clock tick: the orders that follow time (stalled first, slowest
    /// first, the support view's worst first) re-order every 5 s, not on every tick.
    mutating func tick(_ time: Date) {
        guard sort == .stalled || sort == .slowest || supportView else { return }
        if lastSortTick.map({ time.timeIntervalSince($0) >= 5 }) ?? true {
            isStale = true
            lastSortTick = time
        }
    }

    mutating func cycleFilter() {
        filter = filter.next
        isStale = true
    }

    mutating func toggleSupportView() {
        supportView.toggle()
        isStale = true
    }

    /// `s`: the next order, never reversed.
    mutating func cycleSort() {
        sort = sort.next
        sortReversed = false
        isStale = true
    }

    /// A click on a column title: its order, or the same order turned around, or back.
    mutating func sortByColumn(_ order: SortOrder) {
        if sort == order {
            sortReversed.toggle()
        } else {
            sort = order
            sortReversed = false
        }
        isStale = true
    }

    mutating func setSearch(_ text: String) {
        guard text != search else { return }
        search = text
        isStale = true
    }

    /// The rows in their new order. The selection stays on its job; when that
    /// job is gone it takes the row where it was (or the last); none when empty.
    mutating func show(_ ids: [JobID]) {
        let previousIndex = selectedIndex ?? 0
        visible = ids
        position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        isStale = false
        if let selectedID, position[selectedID] != nil {
            // Stays on the same job.
        } else if !visible.isEmpty {
            selectedID = visible[min(previousIndex, visible.count - 1)]
        } else {
            selectedID = nil
        }
    }

    /// Selects `id` (a job opened by id or from the audit screen). The rows
    /// are ordered again before they show: a job the view hides does not stay
    /// selected unseen (the selection takes a shown row instead).
    mutating func select(_ id: JobID) {
        selectedID = id
        isStale = true
    }

    /// Selects the row at `index`, clamped to the rows there are, and scrolls to it.
    mutating func move(to index: Int, rows: Int) {
        guard !visible.isEmpty else { return }
        selectedID = visible[min(max(0, index), visible.count - 1)]
        scrollToSelection(rows: rows)
    }

    /// The wheel: the rows scroll under the selection, which keeps its place
    /// on the screen; at either end the selection goes on to the first or last job.
    mutating func scroll(by delta: Int, rows: Int) {
        guard !visible.isEmpty else { return }
        let index = selectedIndex ?? 0
        top = min(max(0, visible.count - rows), max(0, top + delta))
        move(to: index + delta, rows: rows)
    }

    /// The first row on screen moved just enough that the selection shows, with `rows` rows on screen.
    mutating func scrollToSelection(rows: Int) {
        guard let index = selectedIndex else {
            top = 0
            return
        }
        if index < top { top = index }
        if index >= top + rows { top = index - rows + 1 }
        top = max(0, min(top, max(0, visible.count - rows)))
    }
}
