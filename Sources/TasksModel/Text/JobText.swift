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

    /// An aligned table: ID, STATUS, TYPE, PCT, STEP, CREATED, ELAPSED, fitted to `width`.
    /// STATUS is the server's name ("processing"), so the output can be grepped and fed back to `--status`.
    public static func table(_ jobs: [Job], width: Int, profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        // Ids are as wide as the widest, up to 28 (a UUID is cut, its start still tells it apart).
        let idWidth = min(
            28, max(2, jobs.map { TerminalText.width(TerminalText.sanitize($0.id, profile: profile)) }.max() ?? 2))
        var columns = [
            Column(title: "ID", width: idWidth) { $0.id },
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
        // TYPE and STEP share what the others leave (a gap between columns, two columns spare),
        // two fifths to the type, and never less than 10 each.
        let spare = 2
        let fixed = columns.map(\.width).reduce(0, +) + (columns.count - 1) + spare
        let flexible = max(20, width - fixed)
        let typeWidth = max(10, min(30, flexible * 2 / 5))
        columns[2].width = typeWidth
        columns[4].width = max(10, flexible - typeWidth)
        func line(_ texts: [String]) -> String {
            zip(columns, texts).map { TerminalText.fit($1, $0.width, profile: profile, alignRight: $0.alignRight) }
                .joined(separator: " ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
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

    /// A progress bar for `watch`: `[████░░░░]  45%`.
    public static func bar(_ percentage: Double, width: Int, profile: TextProfile) -> String {
        let filled = min(width, max(0, Int((percentage / 100 * Double(width)).rounded())))
        let (on, off) = profile == .utf8 ? ("█", "░") : ("#", ".")
        return "[" + String(repeating: on, count: filled) + String(repeating: off, count: width - filled) + "]"
            + String(format: " %3d%%", Int(percentage))
    }
}
