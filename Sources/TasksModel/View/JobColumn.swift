import FoundationEssentials

/// One column of the job table: its title, how wide it is, when it is
/// dropped, and what its cells show. `JobColumn.all` is the table's only
/// description, read alike by the titles row and every job row, so the two
/// cannot fall out of step; a new column is one more entry.
struct JobColumn: Sendable {
    /// What a column shows. The dashboard's table and `list`'s name their
    /// columns by it, and find a column by it, never by where it stands.
    enum Field: Sendable, Hashable, CaseIterable {
        case status, id, type, title, progress, step, created, ended, elapsed, eta, time
    }

    /// How a column's width is decided.
    enum WidthRule: Sendable {
        /// Always this many columns.
        case fixed(Int)
        /// Wider on wider screens: `wide` at 100 columns or more, `medium` at 80 or more, else `narrow`.
        case stepped(narrow: Int, medium: Int, wide: Int)
        /// A share of what the other columns leave: at least `minimum`, at most `maximum`.
        case share(fifths: Int, minimum: Int, maximum: Int)
        /// Everything left over, at least `minimum`.
        case rest(minimum: Int)
    }

    /// How a cell is drawn. The selected row is one bar: every cell on the
    /// same background (`Style.selected`), the text keeping its colour, as
    /// htop and k9s draw it; never reverse video cell by cell, which turns a
    /// coloured cell into a block of its colour.
    struct Look {
        var selected: Bool
        var profile: TextProfile

        /// The plain style of the row (on the bar when selected).
        var base: Style { Style(selected: selected) }

        /// `style` on this row: on the bar when selected, not dimmed there (dim text on a bar is hard to read).
        func styled(_ style: Style) -> Style {
            guard selected else { return style }
            var copy = style
            copy.selected = true
            copy.reverse = false
            copy.dim = false
            return copy
        }
    }

    let field: Field
    let title: @Sendable (TimeMode) -> String
    let width: WidthRule
    /// Optional columns are dropped as the screen narrows, lowest number
    /// first (columns of one number go together); nil means the column is
    /// always shown. The order: CREATED (1), ETA (2), ENDED and ELAPSED (3),
    /// then TIME (4), TYPE (5) and ID (6), which stay down to 80 columns;
    /// STATUS, TITLE, PROGRESS and STEP / FLAGS always show.
    let dropPriority: Int?
    /// The columns this one stands in for on narrow screens: it is shown only
    /// while not all of them are (TIME, for ENDED and ELAPSED).
    var standsInFor: Set<Field> = []
    let alignRight: Bool
    /// The order a click on the column's title sorts by (the `s` orders); nil when the column has none.
    let sortOrder: SortOrder?
    /// The text of a cell that changes with the clock alone (not with new
    /// data): the row cache keys on it, so a row is rebuilt when it changes.
    let clockText: (@Sendable (JobRow) -> String)?
    /// Draws `row`'s cell into exactly `width` columns of `builder`.
    let cell: @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void
    /// How `list` shows the column, as plain text; nil for a column only the dashboard has (ETA).
    private(set) var plain: Plain?

    /// A column as `list` writes it: its own title, width rule and text (whole
    /// values, full dates), beside the dashboard's form of the same column, so
    /// a column is one entry for both.
    struct Plain: Sendable {
        var title: String
        var width: JobText.Column.Width
        var alignRight: Bool
        var text: @Sendable (_ row: JobRow, _ zone: LocalZone) -> String
    }

    /// This column, shown by `list` as `title` with `text`.
    func listed(
        _ title: String, width: JobText.Column.Width, alignRight: Bool = false,
        text: @escaping @Sendable (_ row: JobRow, _ zone: LocalZone) -> String
    ) -> JobColumn {
        var column = self
        column.plain = Plain(title: title, width: width, alignRight: alignRight, text: text)
        return column
    }

    init(
        _ field: Field, _ title: String, width: WidthRule, dropPriority: Int? = nil, alignRight: Bool = false,
        sort: SortOrder? = nil, clockText: (@Sendable (JobRow) -> String)? = nil,
        cell: @escaping @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void
    ) {
        self.init(
            field, title: { _ in title }, width: width, dropPriority: dropPriority, alignRight: alignRight, sort: sort,
            clockText: clockText, cell: cell)
    }

    init(
        _ field: Field, title: @escaping @Sendable (TimeMode) -> String, width: WidthRule, dropPriority: Int? = nil,
        alignRight: Bool = false, sort: SortOrder? = nil, clockText: (@Sendable (JobRow) -> String)? = nil,
        cell: @escaping @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void
    ) {
        self.field = field
        self.title = title
        self.width = width
        self.dropPriority = dropPriority
        self.alignRight = alignRight
        self.sortOrder = sort
        self.clockText = clockText
        self.cell = cell
    }

    /// The columns, left to right.
    static let all: [JobColumn] = [
        // "✓ completed" is 11 columns; one more keeps a gap before a long unknown status is cut.
        // On the selection bar only the symbol keeps the status colour; the word reads in the bar's.
        JobColumn(.status, "STATUS", width: .fixed(12), sort: .status) { builder, row, width, look in
            guard look.selected else {
                builder.add(row.statusText, columns: width, style: row.statusStyle)
                return
            }
            var cell = RowBuilder(width: width, profile: look.profile)
            cell.add(row.statusSymbol, style: look.styled(row.statusStyle), pad: false)
            cell.add(" " + row.statusWord, style: look.styled(Style(bold: row.statusStyle.bold)), pad: false)
            cell.fill(style: look.base)
            builder.append(contentsOf: cell.row)
        }.listed("STATUS", width: .fixed(10)) { row, _ in row.wireStatus },  // "cancelled" and a space.
        // The id, short and unique among the jobs loaded (the whole id is in the details
        // pane), then "+" when pinned (added from outside the lists; a "*" beside the
        // selection arrow is a mark). Kept longest of the optional columns: tickets name jobs by id.
        JobColumn(
            .id, "ID", width: .stepped(narrow: 6, medium: 6, wide: 7), dropPriority: 6,
            clockText: { ($0.shortID ?? $0.id.text) + ($0.watched ? "w" : $0.pinned ? "+" : "") }
        ) { builder, row, width, look in
            var cell = RowBuilder(width: width, profile: look.profile)
            cell.add(
                row.shortID ?? row.id.text, columns: max(0, width - 1), style: look.styled(Style(bold: true)),
                pad: false)
            // Watched (`w`, pinned while watched) shows its own mark instead of "+".
            if row.watched {
                cell.addTrusted(
                    JobRow.watchedMark(utf8: look.profile == .utf8), style: look.styled(Style(color: .cyan, bold: true))
                )
            } else if row.pinned {
                cell.addTrusted("+", style: look.styled(Style(color: .yellow, bold: true)))
            }
            cell.fill(style: look.base)
            builder.append(contentsOf: cell.row)
        }.listed("ID", width: .widest(minimum: 2, maximum: 28)) { row, _ in row.id.text },
        // The type: its family ("scrape", "ads", ...) when narrow, the type itself from 16 columns.
        JobColumn(.type, "TYPE", width: .stepped(narrow: 8, medium: 8, wide: 16), dropPriority: 5) {
            builder, row, width, look in
            builder.add(width >= 16 ? row.job.type : row.family, columns: width, style: look.styled(Style(bold: true)))
        }
        // `list`: only the type, so `cut -f3` of the piped form is the type; capped, so one
        // absurd type or title does not starve the step on a wide terminal.
        .listed("TYPE", width: .content(minimum: 8, maximum: 24)) { row, _ in row.job.type },
        // The title, dimmed: what is left beside the step.
        JobColumn(.title, "TITLE", width: .share(fifths: 2, minimum: 10, maximum: 36)) { builder, row, width, look in
            builder.add(row.job.title ?? "", columns: width, style: look.styled(Style(dim: true)))
        }.listed("TITLE", width: .content(minimum: 10, maximum: 40)) { row, _ in row.job.title ?? "" },
        // A bar and "100%": the bar shrinks first on narrow screens.
        // The filled part in the status colour, the empty track a dim line (not a shade texture).
        JobColumn(.progress, "PROGRESS", width: .stepped(narrow: 9, medium: 10, wide: 16), sort: .progress) {
            builder, row, width, look in
            let bar = ProgressBar(row.job.progress.percentage, columns: width, utf8: look.profile == .utf8)
            var cell = RowBuilder(width: width, profile: look.profile)
            let style = look.styled(row.progressStyle)
            for (text, partStyle) in [
                (bar.filled, style), (bar.track, look.styled(Style(dim: true))), (bar.label, style),
            ]
            where !text.isEmpty {
                cell.addTrusted(text, style: partStyle)
            }
            cell.fill(style: look.base)
            builder.append(contentsOf: cell.row)
        }.listed("PCT", width: .fixed(5), alignRight: true) { row, _ in "\(Int(row.job.progress.percentage))%" },
        // Flags first (they are why someone looks), then the step or the error.
        JobColumn(.step, "STEP / FLAGS", width: .rest(minimum: 4), sort: .stalled) { builder, row, width, look in
            var cell = RowBuilder(width: width, profile: look.profile)
            if !row.flags.isEmpty {
                cell.add(
                    row.flags.joined(separator: " "), style: look.styled(Style(color: .red, bold: true)), pad: false)
                cell.add(" ", columns: 1, style: look.base)
            }
            let failed = row.status == .failed && row.job.error?.message != nil
            cell.add(row.detail, style: failed ? look.styled(Style(color: .red)) : look.base, pad: false)
            cell.fill(style: look.base)
            builder.append(contentsOf: cell.row)
        }.listed("STEP", width: .rest(minimum: 10)) { row, _ in row.detail },
        // "14:03:22Z" is 9 columns. Dropped first: the details pane shows it in full.
        JobColumn(
            .created, title: { $0 == .utc ? "CREATED Z" : "CREATED" }, width: .fixed(9), dropPriority: 1, sort: .newest,
            clockText: { $0.created }
        ) { builder, row, width, look in
            builder.add(row.created, columns: width, style: look.styled(Style(dim: true)))
        }
        // `list`: "2026-01-15 11:00:00", the local time without its offset.
        .listed("CREATED", width: .fixed(19)) { row, zone in
            row.job.createdAt.map { JobText.local($0, zone: zone) } ?? "-"
        },
        // When a finished job ended, written as CREATED is; blank while it runs.
        JobColumn(
            .ended, title: { $0 == .utc ? "ENDED Z" : "ENDED" }, width: .fixed(9), dropPriority: 3,
            clockText: { $0.ended }
        ) { builder, row, width, look in
            builder.add(row.ended, columns: width, style: look.styled(Style(dim: true)))
        }
        // `list`: written as CREATED is; empty while it runs, "?" when unknown.
        .listed("ENDED", width: .fixed(19)) { row, zone in
            guard row.status.isFinal else { return "" }
            return JobRow.end(row.job, finalSeenAt: nil).map { JobText.local($0, zone: zone) } ?? "?"
        },
        // "1h05m", "9m03s": 7 columns with room to spare. It shows a job that runs too long.
        JobColumn(.elapsed, "ELAPSED", width: .fixed(7), dropPriority: 3, alignRight: true, clockText: { $0.elapsed }) {
            builder, row, width, look in
            builder.add(row.elapsed, columns: width, style: look.base, alignRight: true)
        }.listed("ELAPSED", width: .fixed(7), alignRight: true) { row, _ in row.elapsed },
        // "~9m03s" is 6 columns.
        JobColumn(.eta, "ETA", width: .fixed(6), dropPriority: 2, alignRight: true) { builder, row, width, look in
            builder.add(row.eta, columns: width, style: look.styled(Style(dim: true)), alignRight: true)
        },
        // Narrow screens, in place of ENDED and ELAPSED: one time per row ("12m03s" running, "3m ago" ended).
        {
            var time = JobColumn(
                .time, "TIME", width: .fixed(7), dropPriority: 4, alignRight: true, clockText: { $0.time }
            ) { builder, row, width, look in
                builder.add(row.time, columns: width, style: look.base, alignRight: true)
            }
            time.standsInFor = [.ended, .elapsed]
            return time.listed("TIME", width: .fixed(7), alignRight: true) { row, _ in row.time }
        }(),
    ]

    /// The drop priority of the column showing `field` (nil: always shown, or no such column):
    /// `list` drops its columns in the same order.
    static func dropPriority(of field: Field) -> Int? {
        all.first { $0.field == field }?.dropPriority
    }

    /// "████────  42%" as one string (the column draws `ProgressBar`'s parts in their own styles).
    static func progressBar(_ percentage: Double, columns: Int, utf8: Bool) -> String {
        ProgressBar(percentage, columns: columns, utf8: utf8).text
    }
}

/// A progress bar in `columns` cells: "████────  42%". The bar takes what the
/// label (up to "100%" and a space) leaves. The empty track is a thin line
/// (`─`, `.` in ASCII) that reads as empty in common fonts, where the light
/// shade `░` draws as a dotted texture.
struct ProgressBar: Equatable {
    static let utf8Glyphs = (filled: "█", track: "─")
    static let asciiGlyphs = (filled: "#", track: ".")

    var filled: String
    var track: String
    /// The spaces and the percentage after the bar.
    var label: String

    init(_ percentage: Double, columns: Int, utf8: Bool) {
        let labelWidth = 5
        let number = "\(Int(percentage.rounded(.down)))%"
        let barWidth = max(0, columns - labelWidth)
        guard barWidth > 0 else {
            (filled, track, label) = ("", "", number)
            return
        }
        let count = min(barWidth, max(0, Int((percentage / 100 * Double(barWidth)).rounded())))
        let glyphs = utf8 ? Self.utf8Glyphs : Self.asciiGlyphs
        filled = String(repeating: glyphs.filled, count: count)
        track = String(repeating: glyphs.track, count: barWidth - count)
        label = String(repeating: " ", count: max(1, labelWidth - number.count)) + number
    }

    var text: String { filled + track + label }
}
