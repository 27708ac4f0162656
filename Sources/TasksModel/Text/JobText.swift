import Foundation

/// Plain text for the one-shot commands, with the dashboard's sanitising and width rules.
public enum JobText {
    /// One column of `list`: which column it is (named as the dashboard's
    /// table names it), its title, how wide, its alignment and what a job shows in it.
    struct Column {
        /// How a column of `list` is sized. Each column carries its own rule,
        /// so a width is never set by the column's place in the list.
        enum Width: Equatable {
            /// Always this many columns.
            case fixed(Int)
            /// As wide as its widest cell (or its title), within `minimum` and
            /// `maximum`, and leaving the `rest` column its minimum.
            case content(minimum: Int, maximum: Int)
            /// What the others leave, at least `minimum`.
            case rest(minimum: Int)
        }

        var field: JobColumn.Field
        var title: String
        var width: Width
        var alignRight = false
        var cell: (JobRow) -> String
    }

    /// The columns of `list`, in order; TYPE fits its text and STEP takes the rest (`widths`).
    static func columns(idWidth: Int, zone: TimeZone) -> [Column] {
        [
            Column(field: .id, title: "ID", width: .fixed(idWidth)) { $0.id.text },
            // "cancelled" and a space.
            Column(field: .status, title: "STATUS", width: .fixed(10)) { $0.wireStatus },
            // Capped at 80, so one absurd title does not starve the step on a wide terminal.
            Column(field: .type, title: "TYPE", width: .content(minimum: 10, maximum: 80)) { row in
                row.job.title.map { "\(row.job.type) \($0)" } ?? row.job.type
            },
            // "100%" and a space.
            Column(field: .progress, title: "PCT", width: .fixed(5), alignRight: true) {
                "\(Int($0.job.progress.percentage))%"
            },
            Column(field: .step, title: "STEP", width: .rest(minimum: 10)) { $0.detail },
            // "2026-01-15 11:00:00": the local time without its offset.
            Column(field: .created, title: "CREATED", width: .fixed(19)) { row in
                row.job.createdAt.map { TimeText.outside($0) ?? String(TimeText.full($0, zone: zone).dropLast(7)) }
                    ?? "-"
            },
            Column(field: .elapsed, title: "ELAPSED", width: .fixed(7), alignRight: true) { $0.elapsed },
        ]
    }

    /// Each column's width, by its own rule, for a table `width` wide. The fitted
    /// columns (TYPE) and the rest (STEP) share what the fixed ones leave (a gap
    /// between columns, two columns spare). The type and title go first, whole if
    /// they fit: they say which job it is; the step gets the rest.
    static func widths(_ columns: [Column], rows: [JobRow], width: Int, profile: TextProfile) -> [Int] {
        let spare = 2
        let fixed = columns.map { if case .fixed(let n) = $0.width { n } else { 0 } }.reduce(0, +)
        let flexible = max(20, width - fixed - (columns.count - 1) - spare)
        let restMinimum = columns.map { if case .rest(let minimum) = $0.width { minimum } else { 0 } }.reduce(0, +)
        var left = flexible
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let n): return n
            case .rest: return 0
            case .content(let minimum, let maximum):
                let needs =
                    rows.map { TerminalText.width(TerminalText.sanitize(column.cell($0), profile: profile)) }.max() ?? 0
                let fitted = max(minimum, min(left - restMinimum, maximum, max(column.title.count, needs)))
                left -= fitted
                return fitted
            }
        }
        for (index, column) in columns.enumerated() {
            if case .rest(let minimum) = column.width { widths[index] = max(minimum, left) }
        }
        return widths
    }

    /// An aligned table: ID, STATUS, TYPE, PCT, STEP, CREATED, ELAPSED, fitted to `width`.
    /// STATUS is the server's name ("processing"), so the output can be grepped and fed back to `--status`.
    public static func table(_ jobs: [Job], width: Int, profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        // Ids are as wide as the widest, up to 28 (a UUID is cut, its start still tells it apart).
        let idWidth = min(
            28, max(2, jobs.map { TerminalText.width(TerminalText.sanitize($0.id.text, profile: profile)) }.max() ?? 2))
        let columns = columns(idWidth: idWidth, zone: zone)
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        let rows = jobs.map { JobRow(job: $0, context: context) }
        let widths = widths(columns, rows: rows, width: width, profile: profile)
        func line(_ texts: [String]) -> String {
            zip(zip(columns, widths), texts).map { column, text in
                TerminalText.fit(text, column.1, profile: profile, alignRight: column.0.alignRight)
            }
            .joined(separator: " ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [line(columns.map(\.title))] + rows.map { row in line(columns.map { $0.cell(row) }) }
    }

    /// The same columns for a pipe, like `gh`'s tables off a terminal: a header line, then one
    /// line per job, fields separated by tabs, every value whole (sanitised, its tabs made spaces).
    public static func tabSeparated(_ jobs: [Job], profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        let columns = columns(idWidth: 0, zone: zone)
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        func line(_ texts: [String]) -> String {
            texts.map {
                TerminalText.sanitize($0.replacingOccurrences(of: "\t", with: " "), profile: profile)
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\t")
        }
        return [line(columns.map(\.title))]
            + jobs.map { job in
                let row = JobRow(job: job, context: context)
                return line(columns.map { $0.cell(row) })
            }
    }

    /// Every field of one job, as the details pane shows it, as plain lines.
    public static func details(_ job: Job, width: Int, profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        return DetailsView.content(JobRow(job: job, context: context), tracked: nil, width: width, context: context).map
        { row in
            row.spans.map(\.text).joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// A progress bar for `watch`: `[████────]  45%` (the track as the table draws it).
    public static func bar(_ percentage: Double, width: Int, profile: TextProfile) -> String {
        let filled = min(width, max(0, Int((percentage / 100 * Double(width)).rounded())))
        let (on, off) = profile == .utf8 ? ProgressBar.utf8Glyphs : ProgressBar.asciiGlyphs
        return "[" + String(repeating: on, count: filled) + String(repeating: off, count: width - filled) + "]"
            + String(format: " %3d%%", Int(percentage))
    }
}
