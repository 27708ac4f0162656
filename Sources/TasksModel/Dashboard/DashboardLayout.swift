/// Where each part of the dashboard goes at a given terminal size. The one
/// place that knows how the screen is divided: the view components draw into
/// the regions it hands out, and the state asks it how many job rows a page
/// holds (for PgUp/PgDn and scrolling), so neither repeats the arithmetic.
///
///     row 0            header: server, connection, clock
///     row 1            header: refresh age, view, counts, activity
///     rows 2..<h-2     body: the table (column titles, then job rows), details or help
///     row h-2          message: the last footer message, or the search prompt
///     row h-1          hints: the keys that work here
public struct DashboardLayout: Sendable, Hashable {
    /// A band of whole rows across the screen.
    public struct Region: Sendable, Hashable {
        /// The first row, counted from the top of the screen.
        public var top: Int
        public var height: Int
        public var width: Int

        /// A negative height or width (a screen smaller than the chrome) is an empty region.
        public init(top: Int, height: Int, width: Int) {
            (self.top, self.height, self.width) = (top, max(0, height), max(0, width))
        }

        /// The screen rows this region covers.
        public var rows: Range<Int> { top..<(top + height) }
    }

    /// Below this the dashboard shows only a "terminal too small" notice.
    public static let minimumWidth = 60
    public static let minimumHeight = 10
    static let headerHeight = 2
    static let footerHeight = 2
    /// The table's column-title row, at the top of the body.
    static let tableTitleHeight = 1

    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
    }

    /// The size is large enough for the full dashboard.
    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    /// The whole screen (for the "too small" notice).
    public var screen: Region { Region(top: 0, height: height, width: width) }

    public var header: Region { Region(top: 0, height: Self.headerHeight, width: width) }

    /// The table with its column titles, the details pane or the help screen.
    public var body: Region {
        Region(top: Self.headerHeight, height: height - Self.headerHeight - Self.footerHeight, width: width)
    }

    public var message: Region { Region(top: height - 2, height: 1, width: width) }
    public var hints: Region { Region(top: height - 1, height: 1, width: width) }

    /// A dialog `height` rows tall: centred on the screen, never over the
    /// header, and cut at the end of the body so the footer stays readable.
    /// The dialog's rows replace the body's rows under it.
    public func dialog(height: Int) -> Region {
        let top = max(body.top, (self.height - height) / 2)
        return Region(top: top, height: min(height, body.rows.upperBound - top), width: width)
    }

    /// Job rows the table shows: the body less its title row (at least one, so paging always moves).
    public var tableRows: Int { max(1, body.height - Self.tableTitleHeight) }

    /// What is under a screen cell while the table shows, for the mouse.
    public enum TableSpot: Sendable, Hashable {
        case header
        /// The column titles, over the column at this index of the table's columns (nil: the marker or a gap).
        case columnTitle(Int?)
        /// The job row this many rows below the titles (0 is the first on screen), whether a job is there or not.
        case jobRow(Int)
        case message, hints
        /// Off the screen, or a screen too small for the dashboard (it shows only a notice).
        case outside
    }

    /// Hit-tests the cell at `row`, `column` (from 0 at the top left) against the table screen's regions.
    public func tableSpot(row: Int, column: Int) -> TableSpot {
        guard fits, (0..<height).contains(row), (0..<width).contains(column) else { return .outside }
        if header.rows.contains(row) { return .header }
        if row == message.top { return .message }
        if row == hints.top { return .hints }
        let line = row - body.top
        if line < Self.tableTitleHeight { return .columnTitle(JobColumnWidths(width: width).column(at: column)) }
        return .jobRow(line - Self.tableTitleHeight)
    }
}
