import Foundation

/// Plain text for the one-shot commands, with the dashboard's sanitising and width rules.
public enum JobText {
    /// One column of `list`: its title, width, alignment and what a job shows in it.
    private struct Column {
        var title: String
        var width: Int
        var alignRight = false
        var cell: (JobRow) -> String
    }

    /// The columns of `list`, in order; TYPE and STEP get their width from `table`.
    private static func columns(idWidth: Int, zone: TimeZone) -> [Column] {
        [
            Column(title: "ID", width: idWidth) { $0.id.text },
            // "cancelled" and a space.
            Column(title: "STATUS", width: 10) { $0.wireStatus },
            Column(title: "TYPE", width: 0) { row in row.job.title.map { "\(row.job.type) \($0)" } ?? row.job.type },
            // "100%" and a space.
            Column(title: "PCT", width: 5, alignRight: true) { "\(Int($0.job.progress.percentage))%" },
            Column(title: "STEP", width: 0) { $0.detail },
            // "2026-01-15 11:00:00": the local time without its offset.
            Column(title: "CREATED", width: 19) { row in
                row.job.createdAt.map { TimeText.outside($0) ?? String(TimeText.full($0, zone: zone).dropLast(7)) }
                    ?? "-"
            },
            Column(title: "ELAPSED", width: 7, alignRight: true) { $0.elapsed },
        ]
    }

    /// An aligned table: ID, STATUS, TYPE, PCT, STEP, CREATED, ELAPSED, fitted to `width`.
    /// STATUS is the server's name ("processing"), so the output can be grepped and fed back to `--status`.
    public static func table(_ jobs: [Job], width: Int, profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        // Ids are as wide as the widest, up to 28 (a UUID is cut, its start still tells it apart).
        let idWidth = min(
            28, max(2, jobs.map { TerminalText.width(TerminalText.sanitize($0.id.text, profile: profile)) }.max() ?? 2))
        var columns = columns(idWidth: idWidth, zone: zone)
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        let rows = jobs.map { JobRow(job: $0, context: context) }
        // TYPE and STEP share what the others leave (a gap between columns, two columns spare).
        // The type and title go first, whole if they fit: they say which job it is; the step
        // gets the rest. Each keeps at least 10.
        let spare = 2
        let fixed = columns.map(\.width).reduce(0, +) + (columns.count - 1) + spare
        let flexible = max(20, width - fixed)
        let typeNeeds =
            rows.map { TerminalText.width(TerminalText.sanitize(columns[2].cell($0), profile: profile)) }
            .max() ?? 4
        // Capped at 80, so one absurd title does not starve the step on a wide terminal.
        let typeWidth = max(10, min(flexible - 10, 80, max(4, typeNeeds)))
        columns[2].width = typeWidth
        columns[4].width = max(10, flexible - typeWidth)
        func line(_ texts: [String]) -> String {
            zip(columns, texts).map { TerminalText.fit($1, $0.width, profile: profile, alignRight: $0.alignRight) }
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
