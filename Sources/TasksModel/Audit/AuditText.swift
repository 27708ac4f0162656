import FoundationEssentials

/// `tasks-tui audit`'s plain output, as `list` shapes its own: an aligned
/// table fitted to a terminal's width, or every field tab-separated for a
/// pipe. Every value is sanitised (`TerminalText`): a title or an id holding
/// escape sequences was written to the file escaped, and must not be
/// printed raw on the way out either.
public enum AuditText {
    /// One column of the terminal table: its title, its cell, and the widths
    /// it may take (it shrinks to `minimum` before any column is dropped).
    struct Column {
        var title: String
        var minimum: Int
        var maximum: Int
        var cell: (AuditEntry) -> String
    }

    /// The terminal table's columns, the title last (it takes what is left).
    static func columns(profile: TextProfile) -> [Column] {
        [
            Column(title: "TIME (UTC)", minimum: 19, maximum: 19) { Self.clock($0.time) },
            Column(title: "FROM", minimum: 4, maximum: 9) { $0.frontEnd },
            Column(title: "BY", minimum: 6, maximum: 24) { $0.user + "@" + $0.host },
            Column(title: "SERVER", minimum: 6, maximum: 32) { Self.server($0) },
            Column(title: "JOB", minimum: 8, maximum: 48) { Self.job($0.jobID, profile: profile) },
            Column(title: "TYPE", minimum: 6, maximum: 24) { $0.type },
            Column(title: "OUTCOME", minimum: 12, maximum: 72) { $0.outcome },
            Column(title: "TITLE", minimum: 8, maximum: 80) { $0.title ?? "" },
        ]
    }

    /// Which columns give way when the terminal is narrow: dropped in `dropOrder`
    /// until the rest fit at their minimum widths, then shrunk in `shrinkOrder`.
    static let dropOrder = ["TITLE", "BY", "SERVER", "FROM", "TYPE"]
    static let shrinkOrder = ["TITLE", "BY", "SERVER", "FROM", "TYPE", "OUTCOME", "JOB"]

    /// An aligned table for a terminal `width` columns wide, a header line first.
    public static func table(_ entries: [AuditEntry], width: Int, profile: TextProfile) -> [String] {
        var columns = Self.columns(profile: profile)
        let cells = entries.map { entry in columns.map { TerminalText.sanitize($0.cell(entry), profile: profile) } }
        var widths = columns.enumerated().map { index, column in
            let widest = cells.map { TerminalText.width($0[index]) }.max() ?? 0
            return min(column.maximum, max(column.minimum, column.title.count, widest))
        }
        var kept = Array(columns.indices)
        let gap = 2
        func needs(_ width: (Int) -> Int) -> Int { kept.map(width).reduce(0, +) + max(0, kept.count - 1) * gap }
        for name in dropOrder where needs({ columns[$0].minimum }) > width {
            kept.removeAll { columns[$0].title == name }
        }
        for name in shrinkOrder {
            let excess = needs({ widths[$0] }) - width
            guard excess > 0, let index = kept.first(where: { columns[$0].title == name }) else { continue }
            widths[index] = max(columns[index].minimum, widths[index] - excess)
        }
        columns = kept.map { columns[$0] }
        func line(_ texts: [String]) -> String {
            zip(kept, texts).map { index, text in
                let (cut, used) = TerminalText.truncate(text, to: widths[index], profile: profile)
                return cut + String(repeating: " ", count: max(0, widths[index] - used))
            }
            .joined(separator: String(repeating: " ", count: gap))
            .droppingTrailingWhitespace()
        }
        return [line(columns.map(\.title))] + cells.map { row in line(kept.map { row[$0] }) }
    }

    /// The titles of the tab-separated form, one per field.
    public static let fields = [
        "TIME", "FRONT_END", "USER", "HOST", "SERVER", "PROFILE", "JOB", "TYPE", "ACTION", "OUTCOME", "TITLE",
    ]

    /// Every field, tab-separated, a header line first, no value cut (sanitised,
    /// its tabs made spaces): for `cut -f7` and `awk -F'\t'`. The id is exact
    /// (`exactID`).
    public static func tabSeparated(_ entries: [AuditEntry], profile: TextProfile) -> [String] {
        func line(_ texts: [String]) -> String {
            texts.map {
                TerminalText.sanitize($0.replacingScalar("\t", with: " "), profile: profile).trimmingSpaces()
            }.joined(separator: "\t")
        }
        return [line(fields)]
            + entries.map { entry in
                line([
                    Timestamp.format(entry.time), entry.frontEnd, entry.user, entry.host, entry.server ?? "",
                    entry.profile ?? "", Self.exactID(entry.jobID, profile: profile), entry.type,
                    entry.action, entry.outcome, entry.title ?? "",
                ])
            }
    }

    /// The id as the tab-separated field writes it: its own bytes when they
    /// print as they are, else escaped (`job\u{200B}1`): sanitising would drop
    /// or replace characters and print another job's id.
    static func exactID(_ id: JobID, profile: TextProfile) -> String {
        TerminalText.sanitize(id.text, profile: profile) == id.text ? id.text : id.escaped
    }

    /// `2026-12-02 14:03:22`: the entry's time in UTC, to the second.
    static func clock(_ date: Date) -> String {
        let stamp = Timestamp.format(date)
        return String(stamp.prefix(19)).replacingScalar("T", with: " ")
    }

    /// The server, and the profile in parentheses when one was chosen.
    static func server(_ entry: AuditEntry) -> String {
        (entry.server ?? "") + (entry.profile.map { " (\($0))" } ?? "")
    }

    /// The id as shown, and its exact spelling beside it when it is not plain
    /// visible ASCII: look-alike ids read differently here, as in the cancel dialog.
    static func job(_ id: JobID, profile: TextProfile) -> String {
        let shown = TerminalText.sanitize(id.text, profile: profile)
        return id.isPlainASCII ? shown : shown + " (exact \(id.escaped))"
    }
}
