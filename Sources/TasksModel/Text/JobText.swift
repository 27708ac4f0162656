import FoundationEssentials

/// Plain text for the one-shot commands, with the dashboard's sanitising and width rules.
public enum JobText {
    /// One column of `list`, made from the `JobColumn` of the same field (its
    /// `plain` form): which column it is, its title, how wide, its alignment
    /// and what a job shows in it.
    struct Column {
        /// How a column of `list` is sized. Each column carries its own rule,
        /// so a width is never set by the column's place in the list.
        enum Width: Equatable {
            /// Always this many columns.
            case fixed(Int)
            /// As wide as its widest cell (or its title), within `minimum` and
            /// `maximum`, from what the fixed columns and every minimum leave.
            case content(minimum: Int, maximum: Int)
            /// What the others leave, at least `minimum`.
            case rest(minimum: Int)
            /// As wide as its widest cell, within `minimum` and `maximum`, whatever
            /// the others need (the ids: a UUID is cut, its start still tells it apart).
            case widest(minimum: Int, maximum: Int)
        }

        var field: JobColumn.Field
        var title: String
        var width: Width
        var alignRight = false
        var cell: (JobRow) -> String

        /// The fewest columns it can take.
        var minimumWidth: Int {
            switch width {
            case .fixed(let n): n
            case .content(let minimum, _), .rest(let minimum), .widest(let minimum, _): minimum
            }
        }

        /// When it is dropped on a narrow terminal: the dashboard's order for
        /// the same field (`JobColumn.dropPriority`), so the table and `list`
        /// give up the same columns first. Nil: always shown.
        var dropPriority: Int? { JobColumn.dropPriority(of: field) }

        /// The columns it stands in for (TIME: ENDED and ELAPSED), as in the dashboard: shown only while they are not all.
        var standsInFor: Set<JobColumn.Field> { JobColumn.all.first { $0.field == field }?.standsInFor ?? [] }
    }

    /// Columns a table keeps free at its right edge, so a line never reaches the last one.
    static let spare = 2

    /// The columns of `list`, in order: the dashboard's columns that have a
    /// plain form (`JobColumn.plain`), in the dashboard's order but with the id
    /// first, so `cut -f1` of the piped form gives the ids. TYPE and TITLE fit
    /// their text, STEP takes the rest (`widths`); a `.widest` column (ID) is
    /// `idWidth` wide.
    static func columns(idWidth: Int, zone: LocalZone) -> [Column] {
        let listed = JobColumn.all.filter { $0.field == .id } + JobColumn.all.filter { $0.field != .id }
        return listed.compactMap { column in
            guard let plain = column.plain else { return nil }
            let width: Column.Width = if case .widest = plain.width { .fixed(idWidth) } else { plain.width }
            return Column(field: column.field, title: plain.title, width: width, alignRight: plain.alignRight) {
                plain.text($0, zone)
            }
        }
    }

    /// "2026-01-15 11:00:00": the local time without its offset.
    static func local(_ date: Date, zone: LocalZone) -> String {
        TimeText.outside(date) ?? String(TimeText.full(date, zone: zone).dropLast(7))
    }

    /// Without the columns standing in for others that are all shown (TIME beside ENDED and ELAPSED).
    static func withoutStandIns(_ columns: [Column]) -> [Column] {
        let fields = Set(columns.map(\.field))
        return columns.filter { $0.standsInFor.isEmpty || !$0.standsInFor.isSubset(of: fields) }
    }

    /// The columns that fit `width` at their minimums: the droppable ones go,
    /// lowest `dropPriority` first (those of one priority together), until the
    /// rest fit (CREATED, then ENDED and ELAPSED, TIME, TYPE, ID, as in the
    /// dashboard); TIME only while ENDED and ELAPSED are not both shown.
    /// Status, title, progress and step stay.
    static func fitting(_ columns: [Column], width: Int) -> [Column] {
        var shown = columns
        func needs(_ columns: [Column]) -> Int {
            let columns = withoutStandIns(columns)
            return columns.map(\.minimumWidth).reduce(0, +) + max(0, columns.count - 1) + spare
        }
        while needs(shown) > width {
            guard let lowest = shown.compactMap(\.dropPriority).min() else { break }
            shown.removeAll { $0.dropPriority == lowest }
        }
        return withoutStandIns(shown)
    }

    /// Each column's width, by its own rule, for a table `width` wide. Every
    /// column gets its minimum; what is left goes to the fitted columns (TYPE,
    /// TITLE) up to what their text needs, shared in proportion to that need
    /// when it is short (so no column wins by standing first), and the rest to
    /// STEP. They say which job it is; the step gets the rest.
    static func widths(_ columns: [Column], rows: [JobRow], width: Int, profile: TextProfile) -> [Int] {
        let minimums = columns.map(\.minimumWidth).reduce(0, +)
        var left = max(0, width - minimums - max(0, columns.count - 1) - spare)
        let wants = columns.map { column -> Int in
            guard case .content(let minimum, let maximum) = column.width else { return 0 }
            let needs =
                rows.map { TerminalText.width(TerminalText.sanitize(column.cell($0), profile: profile)) }.max() ?? 0
            return max(0, min(maximum, max(column.title.count, needs)) - minimum)
        }
        let wanted = wants.reduce(0, +)
        let extras = wants.map { want in wanted <= left ? want : left * want / wanted }
        left -= extras.reduce(0, +)
        return zip(columns, extras).map { column, extra in
            if case .rest = column.width { return column.minimumWidth + left }
            return column.minimumWidth + extra
        }
    }

    /// An aligned table fitted to `width`: ID, STATUS, TYPE, TITLE, PCT, STEP, CREATED, ENDED, ELAPSED,
    /// less the columns a narrow terminal drops (`fitting`), with TIME in place of ENDED and ELAPSED.
    /// STATUS is the server's name ("processing"), so the output can be grepped and fed back to `--status`.
    public static func table(_ jobs: [Job], width: Int, profile: TextProfile, zone: LocalZone, now: Date) -> [String] {
        let idWidth = Self.idWidth(jobs, profile: profile)
        let columns = fitting(columns(idWidth: idWidth, zone: zone), width: width)
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        let rows = jobs.map { JobRow(job: $0, context: context) }
        let widths = widths(columns, rows: rows, width: width, profile: profile)
        func line(_ texts: [String]) -> String {
            zip(zip(columns, widths), texts).map { column, text in
                TerminalText.fit(text, column.1, profile: profile, alignRight: column.0.alignRight)
            }
            .joined(separator: " ")
            .droppingTrailingWhitespace()
        }
        return [line(columns.map(\.title))] + rows.map { row in line(columns.map { $0.cell(row) }) }
    }

    /// The width of `.widest` (the ids): the widest id within its bounds.
    static func idWidth(_ jobs: [Job], profile: TextProfile) -> Int {
        guard case .widest(let minimum, let maximum)? = JobColumn.all.first(where: { $0.field == .id })?.plain?.width
        else { return 0 }
        let widest = jobs.map { TerminalText.width(TerminalText.sanitize($0.id.text, profile: profile)) }.max() ?? 0
        return min(maximum, max(minimum, widest))
    }

    /// The same columns for a pipe, like `gh`'s tables off a terminal: a header line, then one
    /// line per job, fields separated by tabs, every value whole (sanitised, its tabs made spaces).
    public static func tabSeparated(_ jobs: [Job], profile: TextProfile, zone: LocalZone, now: Date) -> [String] {
        let columns = withoutStandIns(columns(idWidth: 0, zone: zone))
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        func line(_ texts: [String]) -> String {
            texts.map {
                TerminalText.sanitize($0.replacingScalar("\t", with: " "), profile: profile)
                    .trimmingSpaces()
            }.joined(separator: "\t")
        }
        return [line(columns.map(\.title))]
            + jobs.map { job in
                let row = JobRow(job: job, context: context)
                return line(columns.map { $0.cell(row) })
            }
    }

    /// Every field of one job, as the details pane shows it, as plain lines.
    public static func details(_ job: Job, width: Int, profile: TextProfile, zone: LocalZone, now: Date) -> [String] {
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        return DetailsView.content(JobRow(job: job, context: context), tracked: nil, width: width, context: context).map
        { row in
            row.spans.map(\.text).joined().droppingTrailingWhitespace()
        }
    }

    /// A progress bar for `watch`: `[████────]  45%` (the track as the table draws it).
    public static func bar(_ percentage: Double, width: Int, profile: TextProfile) -> String {
        let filled = min(width, max(0, Int((percentage / 100 * Double(width)).rounded())))
        let (on, off) = profile == .utf8 ? ProgressBar.utf8Glyphs : ProgressBar.asciiGlyphs
        return "[" + String(repeating: on, count: filled) + String(repeating: off, count: width - filled) + "]"
            + " " + String(Int(percentage)).leftPadded(to: 3) + "%"
    }
}
