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

    func lines() -> [(text: String, style: Style)] {
        let count = marked.targets.count
        var lines: [(text: String, style: Style)] = [
            ("Cancel these \(count) job\(count == 1 ? "" : "s")?", Style(bold: true))
        ]
        for target in marked.targets.prefix(Self.shownLimit) {
            let title = target.title.map { "  \($0)" } ?? ""
            lines.append(
                (
                    "\(target.id)  \(target.type)  \(target.status?.wireName ?? "?")  \(Int(target.percentage))%\(title)",
                    .plain
                ))
        }
        for _ in count..<max(count, Self.shownLimit) { lines.append(("", .plain)) }
        let rest = marked.targets.dropFirst(Self.shownLimit)
        lines.append(
            rest.isEmpty ? ("", .plain) : ("+ \(rest.count) more: " + rest.map(\.id).joined(separator: ", "), .plain))
        lines.append(
            marked.skipped.isEmpty
                ? ("", .plain)
                : (
                    "skipped (\(marked.skipped.count), not active): "
                        + marked.skipped.map { "\($0.id) (\($0.why))" }.joined(separator: ", "), Style(dim: true)
                ))
        lines += [
            ("server:   \(marked.server)", Style(bold: true)),
            ("", .plain),
            ("y: cancel them    n, Esc, Enter or any other key: keep them running", Style(bold: true)),
        ]
        return lines
    }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        ConfirmDialogView.box(lines(), height: Self.height, in: region, profile: profile)
    }
}
