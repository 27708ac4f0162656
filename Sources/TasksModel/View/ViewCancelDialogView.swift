/// The confirmation of `C`, the cancel of every active job in the view:
/// how many and of which types, the first five, the view and the server,
/// then what must be typed (the count above five jobs, `y` for fewer) and
/// what has been typed so far. Jobs past the first five are counted, not
/// listed: the typed count is what confirms them.
struct ViewCancelDialogView: DashboardComponent {
    var view: ViewCancel
    var typed: String
    var profile: TextProfile

    /// Jobs listed one per line.
    static let shownLimit = CountConfirmation.typedAbove
    /// Rows the box takes: its lines and a border row above and below.
    static var height: Int { shownLimit + 8 + 2 }

    func lines(boxWidth: Int) -> [DialogLine] {
        let count = view.targets.count
        var lines = [
            DialogLine(
                "Cancel all \(count) active job\(count == 1 ? "" : "s") in this view?", Style(bold: true), whole: true),
            DialogLine("by type:  \(view.byType)", .plain),
        ]
        for target in view.targets.prefix(Self.shownLimit) {
            lines.append(.target(target))
        }
        for _ in count..<max(count, Self.shownLimit) { lines.append(DialogLine("", .plain)) }
        let more = count - Self.shownLimit
        lines.append(DialogLine(more > 0 ? "+ \(more) more, not listed" : "", .plain, whole: true))
        lines += [
            DialogLine("view:     \(view.view)", .plain),
            DialogLine("server:   \(view.server)", Style(bold: true), whole: true),
            legend(boxWidth: boxWidth),
            DialogLine("> " + typed + (profile == .utf8 ? "▏" : "_"), Style(bold: true)),
        ]
        return lines
    }

    /// What to type and which keys answer, from the keymap.
    func legend(boxWidth: Int) -> DialogLine {
        let enter = Keymap.key(for: .submitCount, in: .confirmView)
        let decline = Keymap.key(for: .declineCancel, in: .confirmView)
        let expected = view.confirmation.expected
        let long = "type \(expected) then \(enter): cancel them    \(decline): keep them running"
        let text = DialogLine.fits(long, boxWidth: boxWidth) ? long : "type \(expected), \(enter)   \(decline): keep"
        return DialogLine(text, Style(bold: true), whole: true)
    }
}
