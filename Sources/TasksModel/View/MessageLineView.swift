import FoundationEssentials

/// The message line above the hints: the search or job id being typed, or the last
/// footer message with its time (in red when it is a warning).
struct MessageLineView: DashboardComponent {
    var state: DashboardState

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        fitted([line(width: region.width)], to: region)
    }

    func line(width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: state.options.profile)
        let typing: (label: String, draft: String)? =
            switch state.prompt {
            case .search(let draft, _)?: ("/", draft)
            case .openJob(let draft)?: ("open job id: ", draft)
            default: nil
            }
        if let typing {
            builder.addTrusted(typing.label, style: Style(bold: true))
            // One column is kept for the cursor.
            builder.add(typing.draft, columns: max(0, builder.remaining - 1), pad: false)
            builder.addTrusted(state.options.profile == .utf8 ? "▏" : "_", style: Style(bold: true))
            return builder.row
        }
        guard let message = state.message else { return builder.row }
        let time = TimeText.clock(
            message.at, mode: state.timeMode == .relative ? .local : state.timeMode, zone: state.options.timeZone,
            now: state.now)
        builder.addTrusted(time + " ", style: Style(dim: true))
        let style = message.severity == .warning ? Style(color: .red, bold: true) : .plain
        builder.add(message.text, style: style, pad: false)
        return builder.row
    }
}
