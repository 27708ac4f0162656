/// The help screen: the table's keys (from the keymap, so they cannot go out
/// of date), what the row flags mean, and the one rule about failures.
struct HelpView: DashboardComponent {
    var readOnly: Bool
    var profile: TextProfile
    /// The first line shown: on a screen shorter than the help, it scrolls
    /// (j/k, PgUp/PgDn), and the last row says what is below.
    var scroll = 0
    /// Mouse reporting is on (off with `--no-mouse`): the mouse line says what it does, or that it is off.
    var mouse = true

    static let indent = "  "
    /// Labels are padded to this, so the words line up ("g/G, Home/End" is the longest).
    static let keyLabelWidth = 15
    /// "CANCEL OUTCOME UNKNOWN" and two spaces.
    static let flagLabelWidth = 24

    /// What each row flag means, in the order the flags appear on a row.
    static let flags: [(label: String, meaning: String)] = [
        ("STALLED 14m", "no progress for 14 minutes (by updated_at when sent)"),
        ("SLOW", "running longer than 90% of its type's completed jobs"),
        ("OVERDUE", "past its type's maximum time; read with the lists only"),
        ("STALE", "data older than its interval: requests are failing"),
        ("CANCEL REQUESTED", "sent; polling until the server reports it cancelled"),
        ("CANCEL NOT HONOURED", "still running after the cancel was accepted"),
        (
            "CANCEL OUTCOME UNKNOWN",
            "no answer to the cancel: may have worked; \(Keymap.key(for: .cancel, in: .table)) retries"
        ),
        ("CANCEL FAILED: why", "the server refused it (403 not allowed, 404, 409)"),
        ("GONE", "404 on the server: deleted, not running, counted apart"),
    ]

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        let all = lines(width: region.width)
        let start = min(max(0, scroll), lastScroll(in: region))
        var shown = Array(all.dropFirst(start).prefix(region.height))
        let below = all.count - start - shown.count
        if below > 0, !shown.isEmpty {
            let keys =
                Keymap.key(for: .down, in: .help) + "/" + Keymap.key(for: .up, in: .help) + " or "
                + Keymap.key(for: .pageDown, in: .help)
            shown[shown.count - 1] = (profile == .utf8 ? "↓ " : "v ") + "\(below + 1) more lines: \(keys)"
        }
        return fitted(
            shown.map { line in
                var builder = RowBuilder(width: region.width, profile: profile)
                builder.addTrusted(line, style: line.hasPrefix(" ") || line.isEmpty ? .plain : Style(bold: true))
                return builder.row
            }, to: region)
    }

    /// The largest useful scroll: the last line of the help at the bottom of `region`.
    func lastScroll(in region: DashboardLayout.Region) -> Int {
        max(0, lines(width: region.width).count - region.height)
    }

    /// Every line of the help, before scrolling.
    func lines(width: Int) -> [String] {
        let titleClick: [String] =
            mouse
            ? Self.wrapped(Self.indent + Self.padded("Title click", Self.flagLabelWidth), titleClickHelp, width: width)
            : []
        let lines =
            // No "Keys" heading: the key lines speak for themselves, and 80x24 has no row to spare.
            keyLines(width: width)
            + Self.wrapped(Self.indent + Self.padded("Mouse", Self.keyLabelWidth), mouseHelp, width: width)
            + ["Flags"]
            + Self.flags.flatMap {
                Self.wrapped(Self.indent + Self.padded($0.label, Self.flagLabelWidth), $0.meaning, width: width)
            }
            + Self.wrapped(
                Self.indent + Self.padded("* + \(watched)", Self.flagLabelWidth),
                "* by the arrow: marked (\(Keymap.key(for: .toggleMark, in: .table))); + after the id: pinned; "
                    + "\(watched) after the id and in the header: watched (\(Keymap.key(for: .toggleWatch, in: .table)))",
                width: width)
            + Self.wrapped(
                Self.indent + Self.padded("Counts (narrow)", Self.flagLabelWidth), countsLegend, width: width)
            + titleClick
            + Self.wrapped(
                "", "Network errors never show as failed jobs: only the server's status says failed.",
                width: width)
        return lines
    }

    /// The table's bindings, "label  help"; keys that do the same thing share
    /// an entry ("Ctrl-C, q  quit"). Short entries go two to a line, so the
    /// whole screen fits 80x24.
    func keyLines(width: Int) -> [String] {
        var entries: [(label: String, help: String)] = []
        for binding in Keymap.bindings(in: .table) {
            let help = readOnly && binding.mutates ? "(disabled: --read-only)" : binding.help
            if let same = entries.firstIndex(where: { $0.help == help }) {
                entries[same].label += ", " + binding.label
            } else {
                entries.append((binding.label, help))
            }
        }
        let columnWidth = (width - Self.indent.count) / 2
        var lines: [String] = []
        // A short entry waiting for a second one to share its line.
        var open: Int?
        for entry in entries {
            let text = Self.padded(entry.label, Self.keyLabelWidth) + entry.help
            guard text.count < columnWidth else {
                lines += Self.wrapped(
                    Self.indent + Self.padded(entry.label, Self.keyLabelWidth), entry.help, width: width)
                continue
            }
            if let line = open {
                lines[line] = Self.padded(lines[line], Self.indent.count + columnWidth) + text
                open = nil
            } else {
                lines.append(Self.indent + text)
                open = lines.count - 1
            }
        }
        return lines
    }

    /// What the mouse does, in one line at 80 columns (the flags must still show on the first page).
    var mouseHelp: String {
        mouse
            ? "click selects, double-click opens, wheel scrolls, title sorts"
            : "off (--no-mouse, or mouse: false): the terminal selects text"
    }

    /// Which titles a click sorts by (from the column table), and how to get the terminal's selection back.
    var titleClickHelp: String {
        let sortable = JobColumn.all.filter { $0.sortOrder != nil }.map { $0.title(.local) }
        return "sorts by " + sortable.dropLast().joined(separator: ", ") + " or " + (sortable.last ?? "")
            + "; again reverses. Shift+drag selects text; --no-mouse leaves the mouse to the terminal"
    }

    /// The watched mark, as the rows and the header show it.
    var watched: String { JobRow.watchedMark(utf8: profile == .utf8) }

    /// What the header's narrow counts ("2◌ 14▶", or "2. 14>" in ASCII) stand for: each
    /// status's symbol, from the header's own table, so every count it can show is explained
    /// (`?`: a status outside the API's five).
    var countsLegend: String {
        HeaderView.countOrder.map { count in
            let symbol = JobRow.look(count.status, utf8: profile == .utf8).symbol
            guard case .unknown = count.status else { return "\(symbol) \(count.label)" }
            return "\(symbol) \(count.label) (a status not in the API's five)"
        }.joined(separator: " ")
    }

    /// `head` then `text`, whose words wrap onto lines indented as deep as `head`, so
    /// nothing is cut at the screen's edge (a word longer than a line is cut by the row).
    static func wrapped(_ head: String, _ text: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: head.count)
        let room = max(10, width - head.count)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.enumerated().map { ($0.offset == 0 ? head : indent) + $0.element }
    }

    /// `text` and spaces up to `width` (at least one space after it).
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}
