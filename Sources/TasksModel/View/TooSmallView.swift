/// What a terminal below the minimum size shows instead of the dashboard:
/// the size it has, the size it needs, and how to leave.
struct TooSmallView: DashboardComponent {
    var profile: TextProfile
    /// Narrower than this, the long wording ("terminal too small", "80x5, need 60x10") does not fit.
    static let longWordingWidth = 24

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        let quits = Keymap.key(for: .quit, in: .table) + " quits"
        let need = "need \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight)"
        let lines =
            region.width >= Self.longWordingWidth
            ? ["terminal too small", "\(region.width)x\(region.height), \(need)", quits]
            : ["too small", need, quits]
        // Centred both ways.
        let first = max(0, (region.height - lines.count) / 2)
        return (0..<region.height).map { y in
            var builder = RowBuilder(width: region.width, profile: profile)
            let index = y - first
            if lines.indices.contains(index) {
                let text = lines[index]
                builder.space((region.width - min(region.width, text.count)) / 2)
                builder.addTrusted(text, style: index == 0 ? Style(bold: true) : .plain)
            }
            return builder.row
        }
    }
}
