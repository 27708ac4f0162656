/// The cancel confirmation: a bordered box naming the job, over the body.
/// It shows the job as it was when `c` was pressed (`CancelTarget`), so what
/// the user confirms is what is cancelled.
struct ConfirmDialogView: DashboardComponent {
    var target: CancelTarget
    var profile: TextProfile

    /// Rows the box takes: its lines and a border row above and below.
    static var height: Int { lineCount + 2 }
    private static let lineCount = 8
    /// Wide enough for the longest line with its border; wider would read as part of the table.
    static let maximumWidth = 72
    /// Columns kept free on each side of the box on a narrow screen.
    static let margin = 2

    func lines(boxWidth: Int) -> [DialogLine] {
        [
            DialogLine("Cancel this job?", Style(bold: true), whole: true),
            // The id must show uncut: it is what the user confirms.
            DialogLine("id:       \(target.id)", .plain, whole: true),
            DialogLine("type:     \(target.type)   title: \(target.title ?? "-")", .plain),
            DialogLine("status:   \(target.status?.wireName ?? "?")   age: \(age)", .plain),
            DialogLine("progress: \(Int(target.percentage))%  \(target.step ?? "")", .plain),
            DialogLine("server:   \(target.server)", Style(bold: true), whole: true),
            // Ids that look alike on screen (é as one code point or two, an
            // invisible character) are told apart by their exact spelling.
            target.id.isPlainASCII
                ? DialogLine("", .plain) : DialogLine("exact id: \(target.id.escaped)", .plain, whole: true),
            Self.legend("cancel it", "keep it running", boxWidth: boxWidth),
        ]
    }

    /// The answer keys, from the keymap, in words that fit the box: a narrow box gets the short form.
    static func legend(_ yes: String, _ no: String, boxWidth: Int) -> DialogLine {
        let confirm = Keymap.key(for: .confirm, in: .confirm)
        let other = Keymap.otherKeys(doing: .declineCancel, in: .confirm) ?? "any other key"
        let named = Keymap.keys(for: .declineCancel, in: .confirm).joined(separator: ", ")
        let long = "\(confirm): \(yes)    \(named.isEmpty ? "" : named + " or ")\(other): \(no)"
        let text = DialogLine.fits(long, boxWidth: boxWidth) ? long : "\(confirm): \(yes)   \(other): \(no)"
        return DialogLine(text, Style(bold: true), whole: true)
    }

    private var age: String {
        guard let created = target.createdAt, let opened = target.openedAt else { return "?" }
        return TimeText.duration(max(0, opened.timeIntervalSince(created)))
    }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        Self.box(lines(boxWidth: Self.boxWidth(in: region)), height: Self.height, in: region, profile: profile)
    }

    /// True when every line shows in `region` and none that must stay whole is cut.
    func isWhole(in region: DashboardLayout.Region) -> Bool {
        Self.isWhole(lines(boxWidth: Self.boxWidth(in: region)), height: Self.height, in: region, profile: profile)
    }

    /// The box's width, border included, in `region`.
    static func boxWidth(in region: DashboardLayout.Region) -> Int { min(region.width - 2 * margin, maximumWidth) }

    /// True when all `height` rows of the box fit in `region` and every line marked `whole` fits uncut.
    static func isWhole(
        _ lines: [DialogLine], height: Int, in region: DashboardLayout.Region, profile: TextProfile
    ) -> Bool {
        let boxWidth = boxWidth(in: region)
        return region.height >= height && lines.count <= height - 2
            && lines.allSatisfy { line in
                line.mustShow.map { DialogLine.fits($0, boxWidth: boxWidth, profile: profile) } ?? true
            }
    }

    /// A bordered box of `lines` (`height` less its two border rows), centred in `region`.
    static func box(
        _ lines: [DialogLine], height: Int, in region: DashboardLayout.Region, profile: TextProfile
    ) -> [FrameRow] {
        let boxWidth = boxWidth(in: region)
        let left = (region.width - boxWidth) / 2
        let border = Style(color: .red, bold: true, reverse: true)
        var rows: [FrameRow] = []
        for index in 0..<height {
            var builder = RowBuilder(width: region.width, profile: profile)
            builder.space(left)
            var box = RowBuilder(width: boxWidth, profile: profile)
            if index == 0 || index == height - 1 {
                box.fill(style: border)
            } else {
                let line = index - 1 < lines.count ? lines[index - 1] : DialogLine("", .plain)
                box.add(" ", columns: 1, style: border)
                box.add(" " + line.text, columns: boxWidth - 2, style: line.style)
                box.add(" ", columns: 1, style: border)
            }
            builder.append(contentsOf: box.row)
            rows.append(builder.row)
        }
        rows = Array(rows.prefix(region.height))
        while rows.count < region.height { rows.append(FrameRow()) }
        return rows
    }
}

/// One line of a confirmation box. What it must show uncut for the box to
/// count as read (`mustShow`: the id, the server, the question and its
/// keys) is marked; the rest (a long title, a step) may be cut at the edge.
struct DialogLine {
    var text: String
    var style: Style
    /// The start of `text` that must fit uncut; nil: the line may be cut anywhere.
    var mustShow: String?

    init(_ text: String, _ style: Style, whole: Bool = false) {
        (self.text, self.style, self.mustShow) = (text, style, whole ? text : nil)
    }

    init(_ text: String, _ style: Style, mustShow: String) {
        (self.text, self.style, self.mustShow) = (text, style, mustShow)
    }

    /// True when `text`, as the box draws it (a space before it, sanitised), fits a box `boxWidth` wide.
    static func fits(_ text: String, boxWidth: Int, profile: TextProfile = .utf8) -> Bool {
        TerminalText.width(TerminalText.sanitize(" " + text, profile: profile)) <= boxWidth - 2
    }
}

extension DialogLine {
    /// One job of a dialog listing several: the id first (exactly spelled when
    /// not plain ASCII), then type, status, progress and title. The line must
    /// show up to the end of the id and one column more: a cut line ends in
    /// "…", which must not eat the id's last character.
    static func target(_ target: CancelTarget) -> DialogLine {
        let title = target.title.map { "  \($0)" } ?? ""
        let id = target.id.isPlainASCII ? target.id.text : target.id.escaped
        let rest = "  \(target.type)  \(target.status?.wireName ?? "?")  \(Int(target.percentage))%\(title)"
        return DialogLine(id + rest, .plain, mustShow: id + " ")
    }
}

/// A dialog listing several jobs, drawn as a box of its lines (`ConfirmDialogView.box`):
/// its rows and whether a region shows it whole both come from `lines(boxWidth:)`.
protocol BoxedDialog: CancelDialogComponent {
    static var height: Int { get }
    var profile: TextProfile { get }
    func lines(boxWidth: Int) -> [DialogLine]
}

extension BoxedDialog {
    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        ConfirmDialogView.box(
            lines(boxWidth: ConfirmDialogView.boxWidth(in: region)), height: Self.height, in: region, profile: profile)
    }

    /// True when every line shows in `region` and no id in it is cut.
    func isWhole(in region: DashboardLayout.Region) -> Bool {
        ConfirmDialogView.isWhole(
            lines(boxWidth: ConfirmDialogView.boxWidth(in: region)), height: Self.height, in: region, profile: profile)
    }
}
