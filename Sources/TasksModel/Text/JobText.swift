import Foundation

/// Plain text for the one-shot commands, with the dashboard's sanitising and width rules.
public enum JobText {
    /// An aligned table: ID, STATUS, TYPE, PROGRESS, STEP, CREATED, ELAPSED, fitted to `width`.
    public static func table(_ jobs: [Job], width: Int, profile: TextProfile, zone: TimeZone, now: Date) -> [String] {
        let idWidth = min(
            28, max(2, jobs.map { TerminalText.width(TerminalText.sanitize($0.id, profile: profile)) }.max() ?? 2))
        let fixed = idWidth + 1 + 10 + 1 + 5 + 1 + 19 + 1 + 7 + 4
        let flexible = max(20, width - fixed)
        let typeWidth = max(10, min(30, flexible * 2 / 5))
        let stepWidth = max(10, flexible - typeWidth)
        func row(_ cells: [(String, Int, Bool)]) -> String {
            cells.map { TerminalText.fit($0.0, $0.1, profile: profile, alignRight: $0.2) }.joined(separator: " ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [
            row([
                ("ID", idWidth, false), ("STATUS", 10, false), ("TYPE", typeWidth, false), ("PCT", 5, true),
                ("STEP", stepWidth, false), ("CREATED", 19, false), ("ELAPSED", 7, true),
            ])
        ]
        let context = JobRow.Context(now: now, zone: zone, profile: profile)
        for job in jobs {
            let jobRow = JobRow(job: job, context: context)
            let type = job.title.map { "\(job.type) \($0)" } ?? job.type
            lines.append(
                row([
                    (job.id, idWidth, false), (jobRow.wireStatus, 10, false), (type, typeWidth, false),
                    ("\(Int(job.progress.percentage))%", 5, true), (jobRow.detail, stepWidth, false),
                    (job.createdAt.map { TimeText.full($0, zone: zone).dropLast(7).description } ?? "-", 19, false),
                    (jobRow.elapsed, 7, true),
                ]))
        }
        return lines
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
