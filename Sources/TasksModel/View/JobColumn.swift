import Foundation

/// One column of the job table: its title, how wide it is, when it is
/// dropped, and what its cells show. `JobColumn.all` is the table's only
/// description, read alike by the titles row and every job row, so the two
/// cannot fall out of step; a new column is one more entry.
struct JobColumn: Sendable {
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

    /// How a cell is drawn: selected rows are shown in reverse video.
    struct Look {
        var selected: Bool
        var profile: TextProfile

        /// The plain style of the row (reverse when selected).
        var base: Style { Style(reverse: selected) }

        func styled(_ style: Style) -> Style {
            var copy = style
            copy.reverse = selected
            return copy
        }
    }

    let title: @Sendable (TimeMode) -> String
    let width: WidthRule
    /// Optional columns are dropped as the screen narrows, lowest number
    /// first; nil means the column is always shown. The order: CREATED (1),
    /// ETA (2), ELAPSED (3), then TYPE (5) and ID (6), which stay down to
    /// 80 columns; STATUS, TITLE, PROGRESS and STEP / FLAGS always show.
    let dropPriority: Int?
    let alignRight: Bool
    /// The text of a cell that changes with the clock alone (not with new
    /// data): the row cache keys on it, so a row is rebuilt when it changes.
    let clockText: (@Sendable (JobRow) -> String)?
    /// Draws `row`'s cell into exactly `width` columns of `builder`.
    let cell: @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void

    init(
        _ title: String, width: WidthRule, dropPriority: Int? = nil, alignRight: Bool = false,
        clockText: (@Sendable (JobRow) -> String)? = nil,
        cell: @escaping @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void
    ) {
        self.init(
            title: { _ in title }, width: width, dropPriority: dropPriority, alignRight: alignRight,
            clockText: clockText, cell: cell)
    }

    init(
        title: @escaping @Sendable (TimeMode) -> String, width: WidthRule, dropPriority: Int? = nil,
        alignRight: Bool = false, clockText: (@Sendable (JobRow) -> String)? = nil,
        cell: @escaping @Sendable (_ builder: inout RowBuilder, _ row: JobRow, _ width: Int, _ look: Look) -> Void
    ) {
        self.title = title
        self.width = width
        self.dropPriority = dropPriority
        self.alignRight = alignRight
        self.clockText = clockText
        self.cell = cell
    }

    /// The columns, left to right.
    static let all: [JobColumn] = [
        // "✓ completed" is 11 columns; one more keeps a gap before a long unknown status is cut.
        JobColumn("STATUS", width: .fixed(12)) { builder, row, width, look in
            builder.add(row.statusText, columns: width, style: look.styled(row.statusStyle))
        },
        // The id, short and unique among the jobs loaded (the whole id is in the details
        // pane), then "+" when pinned (added from outside the lists; a "*" beside the
        // selection arrow is a mark). Kept longest of the optional columns: tickets name jobs by id.
        JobColumn(
            "ID", width: .stepped(narrow: 6, medium: 6, wide: 7), dropPriority: 6,
            clockText: { ($0.shortID ?? $0.id) + ($0.watched ? "w" : $0.pinned ? "+" : "") }
        ) { builder, row, width, look in
            var cell = RowBuilder(width: width, profile: look.profile)
            cell.add(
                row.shortID ?? row.id, columns: max(0, width - 1), style: look.styled(Style(bold: true)), pad: false)
            // Watched (`w`, pinned while watched) shows its own mark instead of "+".
            if row.watched {
                cell.addTrusted(look.profile == .utf8 ? "◉" : "w", style: look.styled(Style(color: .cyan, bold: true)))
            } else if row.pinned {
                cell.addTrusted("+", style: look.styled(Style(color: .yellow, bold: true)))
            }
            cell.fill(style: look.base)
            builder.append(contentsOf: cell.row)
        },
        // The type: its family ("scrape", "ads", ...) when narrow, the type itself from 16 columns.
        JobColumn("TYPE", width: .stepped(narrow: 8, medium: 8, wide: 16), dropPriority: 5) {
            builder, row, width, look in
            builder.add(width >= 16 ? row.job.type : row.family, columns: width, style: look.styled(Style(bold: true)))
        },
        // The title, dimmed: what is left beside the step.
        JobColumn("TITLE", width: .share(fifths: 2, minimum: 10, maximum: 36)) { builder, row, width, look in
            builder.add(row.job.title ?? "", columns: width, style: look.styled(Style(dim: true)))
        },
        // A bar and "100%": the bar shrinks first on narrow screens.
        JobColumn("PROGRESS", width: .stepped(narrow: 9, medium: 12, wide: 16)) { builder, row, width, look in
            builder.add(
                progressBar(row.job.progress.percentage, columns: width, utf8: look.profile == .utf8),
                columns: width, style: look.styled(row.progressStyle))
        },
        // Flags first (they are why someone looks), then the step or the error.
        JobColumn("STEP / FLAGS", width: .rest(minimum: 4)) { builder, row, width, look in
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
        },
        // "14:03:22Z" is 9 columns. Dropped first: the details pane shows it in full.
        JobColumn(
            title: { $0 == .utc ? "CREATED Z" : "CREATED" }, width: .fixed(9), dropPriority: 1,
            clockText: { $0.created }
        ) { builder, row, width, look in
            builder.add(row.created, columns: width, style: look.styled(Style(dim: true)))
        },
        // "1h05m", "9m03s": 7 columns with room to spare. Kept longest: it shows a job that runs too long.
        JobColumn("ELAPSED", width: .fixed(7), dropPriority: 3, alignRight: true, clockText: { $0.elapsed }) {
            builder, row, width, look in
            builder.add(row.elapsed, columns: width, style: look.base, alignRight: true)
        },
        // "~9m03s" is 6 columns.
        JobColumn("ETA", width: .fixed(6), dropPriority: 2, alignRight: true) { builder, row, width, look in
            builder.add(row.eta, columns: width, style: look.styled(Style(dim: true)), alignRight: true)
        },
    ]

    /// "████░░░░  42%": the bar takes what the label (up to "100%" and a space) leaves.
    static func progressBar(_ percentage: Double, columns: Int, utf8: Bool) -> String {
        let labelWidth = 5
        let label = "\(Int(percentage.rounded(.down)))%"
        let barWidth = max(0, columns - labelWidth)
        guard barWidth > 0 else { return label }
        let filled = min(barWidth, Int((percentage / 100 * Double(barWidth)).rounded()))
        let bar =
            String(repeating: utf8 ? "█" : "#", count: filled)
            + String(repeating: utf8 ? "░" : ".", count: barWidth - filled)
        return bar + String(repeating: " ", count: max(1, labelWidth - label.count)) + label
    }
}
