/// The help screen: the table's keys (from the keymap, so they cannot go out
/// of date), what the row flags mean, and the one rule about failures.
struct HelpView: DashboardComponent {
    var readOnly: Bool
    var profile: TextProfile

    static let indent = "  "
    /// Labels are padded to this, so the words line up ("g/G, Home/End" is the longest).
    static let keyLabelWidth = 15
    /// "CANCEL NOT HONOURED" and two spaces.
    static let flagLabelWidth = 21

    /// What each row flag means, in the order the flags appear on a row.
    static let flags: [(label: String, meaning: String)] = [
        ("STALLED 14m", "no progress for 14 minutes (by updated_at when sent)"),
        ("OVERDUE", "older than its type's maximum; read only with the lists"),
        ("STALE", "data older than its interval: requests are failing"),
        ("CANCEL REQUESTED", "sent; polling until the server reports it cancelled"),
        ("CANCEL NOT HONOURED", "still running after the cancel was accepted"),
        ("GONE", "deleted on the server (404): not running, counted apart"),
    ]

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        let lines =
            // No "Keys" heading: the key lines speak for themselves, and 80x24 has no row to spare.
            keyLines(width: region.width) + ["Flags"]
            + Self.flags.flatMap {
                Self.wrapped(Self.indent + Self.padded($0.label, Self.flagLabelWidth), $0.meaning, width: region.width)
            }
            + Self.wrapped(
                Self.indent + Self.padded("Counts (narrow)", Self.flagLabelWidth), countsLegend, width: region.width)
            + Self.wrapped(
                "", "Network errors never show as failed jobs: only the server's status says failed.",
                width: region.width)
        return fitted(
            lines.map { line in
                var builder = RowBuilder(width: region.width, profile: profile)
                builder.addTrusted(line, style: line.hasPrefix(" ") || line.isEmpty ? .plain : Style(bold: true))
                return builder.row
            }, to: region)
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

    /// What the header's narrow counts ("2◌ 14▶", or "2. 14>" in ASCII) stand for: each status's symbol.
    var countsLegend: String {
        let statuses: [JobStatus] = [.queued, .processing, .completed, .failed, .cancelled]
        return statuses.map {
            let look = JobRow.look($0, utf8: profile == .utf8)
            return "\(look.symbol) \(look.word)"
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
