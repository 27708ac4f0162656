/// The confirmation of a cancel of several marked jobs: one box listing the
/// active ones (the first `shownLimit`, then a count), the marked jobs that
/// are skipped and why, and the server. It shows the jobs as they were when
/// `c` was pressed (`MarkedCancel`).
struct MarkedCancelDialogView: DashboardComponent {
    var marked: MarkedCancel
    var profile: TextProfile

    /// Jobs listed one per line; the rest are counted ("+ 4 more: …").
    static let shownLimit = 5
    /// Rows the box takes: its lines and a border row above and below.
    static var height: Int { shownLimit + 6 + 2 }

    func lines(boxWidth: Int) -> [DialogLine] {
        let count = marked.targets.count
        var lines = [DialogLine("Cancel these \(count) job\(count == 1 ? "" : "s")?", Style(bold: true), whole: true)]
        for target in marked.targets.prefix(Self.shownLimit) {
            lines.append(.target(target))
        }
        for _ in count..<max(count, Self.shownLimit) { lines.append(DialogLine("", .plain)) }
        let rest = marked.targets.dropFirst(Self.shownLimit)
        // The jobs past the first five are cancelled too: their ids must show whole,
        // exactly spelled, or the dialog is not whole and cannot be answered.
        lines.append(
            rest.isEmpty
                ? DialogLine("", .plain)
                : DialogLine(
                    "+ \(rest.count) more: "
                        + rest.map { $0.id.isPlainASCII ? $0.id.text : $0.id.escaped }.joined(separator: ", "),
                    .plain, whole: true))
        lines.append(
            marked.skipped.isEmpty
                ? DialogLine("", .plain)
                : DialogLine(
                    "skipped (\(marked.skipped.count), not active): "
                        + marked.skipped.map { "\($0.id.isPlainASCII ? $0.id.text : $0.id.escaped) (\($0.why))" }
                        .joined(separator: ", "),
                    Style(dim: true)))
        lines += [
            DialogLine("server:   \(marked.server)", Style(bold: true), whole: true),
            DialogLine("", .plain),
            ConfirmDialogView.legend("cancel them", "keep them running", boxWidth: boxWidth),
        ]
        return lines
    }
}
