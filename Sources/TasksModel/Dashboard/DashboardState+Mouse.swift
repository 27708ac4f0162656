import FoundationEssentials

/// The mouse: where a press or a wheel notch lands decides what it does
/// (`DashboardLayout.tableSpot` hit-tests the table screen). The table, the
/// details pane and the help take it; while a prompt or dialog is open it
/// does nothing, so a click never answers a cancel or types into a search.
extension DashboardState {
    /// Rows (in the table) or lines (details, help) one wheel notch scrolls.
    static let wheelStep = 3

    mutating func handle(_ event: MouseEvent, at time: Date, _ effects: inout [DashboardEffect]) {
        let layout = DashboardLayout(width: width, height: height)
        guard layout.fits, prompt == nil else { return }
        switch (screen, event.kind) {
        case (.table, .wheelUp):
            scrollTable(by: -Self.wheelStep)
        case (.table, .wheelDown):
            scrollTable(by: Self.wheelStep)
        case (.details, .wheelUp), (.help, .wheelUp), (.audit, .wheelUp):
            for _ in 0..<Self.wheelStep { perform(.up, key: .up, &effects) }
        case (.details, .wheelDown), (.help, .wheelDown), (.audit, .wheelDown):
            for _ in 0..<Self.wheelStep { perform(.down, key: .down, &effects) }
        case (.table, .press):
            click(layout.tableSpot(row: event.row, column: event.column), row: event.row, at: time, &effects)
        case (.details, .press), (.help, .press), (.audit, .press):
            break
        }
    }

    /// A press in the table: on a job, selects it (a second press on it soon
    /// after opens its details); on a column title, sorts by that column.
    /// The job is the one the last painted frame showed on that row
    /// (`painted`), not the one the rows have moved to since: a click the
    /// user aimed at a job never lands on another. A row whose job is no
    /// longer listed, or a frame painted at another size, takes no click.
    private mutating func click(
        _ spot: DashboardLayout.TableSpot, row: Int, at time: Date, _ effects: inout [DashboardEffect]
    ) {
        switch spot {
        case .jobRow:
            guard let painted, painted.width == width, painted.height == height, let id = painted.rows[row],
                let index = table.position[id]
            else {
                doubleClick.reset()
                return
            }
            move(to: index)
            if doubleClick.press(on: id, at: time) { perform(.openDetails, key: .enter, &effects) }
        case .columnTitle(let column?):
            doubleClick.reset()
            sortBy(column: column, &effects)
        case .columnTitle(nil), .header, .message, .hints, .outside:
            doubleClick.reset()
        }
    }

    /// The wheel in the table: the rows scroll under the selection, which
    /// keeps its place on the screen; at either end of the list the selection
    /// goes on to the first or last job.
    mutating func scrollTable(by delta: Int) {
        table.scroll(by: delta, rows: tableRows)
    }

    /// A click on a column title: sorts by the column's order (the orders
    /// `s` cycles through); on the column already sorted by, reverses the
    /// order, and a further click puts it back. A column with no order says
    /// which ones have one.
    mutating func sortBy(column index: Int, _ effects: inout [DashboardEffect]) {
        let columns = JobColumn.all
        guard columns.indices.contains(index) else { return }
        let title = columns[index].title(timeMode)
        guard let order = columns[index].sortOrder else {
            let sortable = columns.filter { $0.sortOrder != nil }.map { $0.title(timeMode) }
            let sortKey = Keymap.key(for: .cycleSort, in: .table)
            say("no sort by \(title): click " + sortable.joined(separator: ", ") + " (or \(sortKey))", &effects)
            return
        }
        table.sortByColumn(order)
        let how = sortReversed ? "\(sort.rawValue) reversed (click \(title) again: back)" : "\(sort.rawValue)"
        let leaves = ", once \(Keymap.key(for: .toggleSupport, in: .table)) leaves the support view"
        say("sort: \(how)" + (supportView ? leaves : ""), &effects)
    }
}
