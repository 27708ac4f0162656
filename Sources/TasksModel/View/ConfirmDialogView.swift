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

    func lines() -> [(text: String, style: Style)] {
        [
            ("Cancel this job?", Style(bold: true)),
            ("id:       \(target.id)", .plain),
            ("type:     \(target.type)   title: \(target.title ?? "-")", .plain),
            ("status:   \(target.status?.wireName ?? "?")   age: \(age)", .plain),
            ("progress: \(Int(target.percentage))%  \(target.step ?? "")", .plain),
            ("server:   \(target.server)", Style(bold: true)),
            ("", .plain),
            ("y: cancel it    n, Esc, Enter or any other key: keep it running", Style(bold: true)),
        ]
    }

    private var age: String {
        guard let created = target.createdAt, let opened = target.openedAt else { return "?" }
        return TimeText.duration(max(0, opened.timeIntervalSince(created)))
    }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        Self.box(lines(), height: Self.height, in: region, profile: profile)
    }

    /// A bordered box of `lines` (`height` less its two border rows), centred in `region`.
    static func box(
        _ lines: [(text: String, style: Style)], height: Int, in region: DashboardLayout.Region, profile: TextProfile
    ) -> [FrameRow] {
        let boxWidth = min(region.width - 2 * margin, maximumWidth)
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
                let line: (text: String, style: Style) = index - 1 < lines.count ? lines[index - 1] : ("", .plain)
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
