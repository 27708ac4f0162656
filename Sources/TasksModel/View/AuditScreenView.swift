/// The audit screen (`a`): this server's cancel attempts, newest first, as
/// `tasks-tui audit` prints them on a terminal (the same columns and the
/// same sanitising, `AuditText.table`), with the line under the cursor on
/// the selection bar. Enter opens that line's job.
struct AuditScreenView: DashboardComponent {
    /// What the loop read; nil while it reads.
    var read: AuditRead?
    /// The entries' table, laid out in `update` (`DashboardState.auditLines`), header line first.
    var lines: [String]
    var selected: Int
    /// The server the screen is about (the header names it too).
    var server: String
    var profile: TextProfile

    /// The log's lines the screen shows at once (a page for PgUp/PgDn):
    /// the heading and the column titles take two rows.
    static func room(in region: DashboardLayout.Region) -> Int { max(1, region.height - 2) }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        var rows = [heading(width: region.width)]
        switch read {
        case nil:
            rows.append(note("reading the audit log…", width: region.width))
        case .unavailable(let why)?:
            rows.append(note(why, width: region.width))
        case .entries(let entries, _, let path)? where entries.isEmpty:
            rows.append(note("no cancel attempt on \(server) in \(path)", width: region.width))
        case .entries(let entries, _, _)? where lines.count == entries.count + 1:
            var titles = RowBuilder(width: region.width, profile: profile)
            titles.space(Self.markerWidth)
            titles.add(lines[0], style: Style(bold: true, underline: true), pad: false)
            rows.append(titles.row)
            // The cursor's line is always on screen.
            let room = Self.room(in: region)
            let top = max(0, min(selected - room + 1, entries.count - room))
            for index in top..<min(entries.count, top + room) {
                rows.append(line(lines[index + 1], selected: index == selected, width: region.width))
            }
        case .entries?:
            rows.append(note("laying the audit log out…", width: region.width))
        }
        return fitted(rows, to: region)
    }

    /// The selection arrow's columns before each line.
    static let markerWidth = 2

    func heading(width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        var text = "cancel attempts on \(server), newest first"
        if case .entries(let entries, let skipped, _)? = read {
            text += " (\(entries.count))"
            if skipped > 0 { text += "; \(skipped) unreadable line\(skipped == 1 ? "" : "s") of the log skipped" }
        }
        builder.add(text, style: Style(bold: true), pad: false)
        return builder.row
    }

    func note(_ text: String, width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        builder.space(Self.markerWidth)
        builder.add(text, style: Style(dim: true), pad: false)
        return builder.row
    }

    func line(_ text: String, selected: Bool, width: Int) -> FrameRow {
        let style = Style(selected: selected)
        var builder = RowBuilder(width: width, profile: profile)
        builder.addTrusted(
            selected ? (profile == .utf8 ? "▸ " : "> ") : "  ", style: Style(bold: true, selected: selected))
        builder.add(text, style: style, pad: false)
        builder.fill(style: style)
        return builder.row
    }
}
