import FoundationEssentials

/// The two header lines: who and where (server, connection, clock), then
/// how fresh the data is, the current view, the counts and the activity.
///
/// Each thing said is a `HeaderSegment` with a long and a short form and a
/// rank: what needs a human (the attention count, a connection problem and
/// its reason, marks, watched jobs) is never left out; then the counts; then
/// the rest (`HeaderFit`). A connection problem whose reason does not fit
/// beside the rest of the first line takes the whole second line, and the
/// second line's segments move up to the first.
struct HeaderView: DashboardComponent {
    var state: DashboardState

    var profile: TextProfile { state.options.profile }
    var utf8: Bool { profile == .utf8 }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        fitted(lines(width: region.width).map(\.row), to: region)
    }

    /// The two lines, each with what was fitted on it (for the tests: what is shown, and whole).
    func lines(width: Int) -> [(row: FrameRow, fit: HeaderFit?)] {
        let problem = connectionProblem()
        let status = statusSegments()
        let inline = fit(identitySegments(problem: problem, reasonInline: true), width: width)
        // The problem stays on the first line only when nothing there has to shorten or go for it.
        if problem == nil || inline.allLong {
            let second = fit(status, width: width)
            return [(render(inline, width: width), inline), (render(second, width: width, activity: true), second)]
        }
        // The reason does not fit beside the rest: it takes the second line (cut at its
        // first ": " when even the whole line is too short, the head staying on the first).
        let problemValue = problem!
        let split =
            TerminalText.width(problemValue.reason) > width
            ? problemValue.reason.firstRange(of: ": ") : nil
        let head = split.map { String(problemValue.reason[..<$0.lowerBound]) }
        let reason = split.map { String(problemValue.reason[$0.upperBound...]) } ?? problemValue.reason
        let first = fit(identitySegments(problem: problemValue, reasonInline: false, head: head) + status, width: width)
        var builder = RowBuilder(width: width, profile: profile)
        builder.add(reason, style: problemValue.style, pad: false)
        return [(render(first, width: width), first), (builder.row, nil)]
    }

    private func fit(_ segments: [HeaderSegment], width: Int) -> HeaderFit {
        HeaderFit(segments, width: width, separatorStyle: Style(dim: true), utf8: utf8)
    }

    private func render(_ fit: HeaderFit, width: Int, activity: Bool = false) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        fit.render(into: &builder, alignRight: "clock")
        // The sparklines only when everything else is on the line.
        if activity, fit.showsAll { addActivity(&builder) }
        return builder.row
    }

    /// Server, mode, connection, clock notes, and a minutes clock on the right.
    func identitySegments(problem: ConnectionProblem?, reasonInline: Bool, head: String? = nil) -> [HeaderSegment] {
        var segments = [HeaderSegment("brand", .rest, style: Style(bold: true), ["tasks-tui"])]
        if state.options.demo {
            segments.append(.init("demo", .counts, separator: .space, style: Self.demoStyle, [" DEMO "]))
        }
        if state.options.insecure {
            segments.append(
                .init(
                    "insecure", .counts, separator: .space, style: Self.insecureStyle, [" INSECURE TLS ", " INSECURE "])
            )
        }
        if state.options.readOnly {
            segments.append(.init("readOnly", .counts, separator: .space, style: Self.readOnlyStyle, ["READ-ONLY"]))
        }
        // A long host name must not push the connection state off the line.
        let server = TerminalText.sanitize(state.options.serverLabel, profile: profile)
        segments.append(
            HeaderSegment(
                "server", .counts, separator: .space,
                forms: [40, 20, 12].map { [Span(cut: server, to: $0, profile: profile, style: Style(underline: true))] }
            ))
        segments.append(connectionSegment(problem, reasonInline: reasonInline, head: head))
        if let skew = state.engine.serverClock.shownSkew {
            // The server's clock differs from ours: times on screen are counted on the server's.
            segments.append(
                .init("skew", .counts, separator: .gap, style: Style(color: .yellow), [TimeText.skew(skew)]))
        } else if let ignored = state.engine.serverClock.ignoredText {
            // A Date header years off (or jumping) is not believed: our clock is used.
            segments.append(.init("ignoredClock", .rest, separator: .gap, style: Style(color: .yellow), [ignored]))
        }
        if let zone = state.engine.naiveZone.text {
            // Zoneless timestamps read in another zone than UTC (inferred, or `timestamps_zone`).
            segments.append(.init("zone", .rest, separator: .gap, style: Style(color: .yellow), [zone]))
        }
        // Minutes only: a seconds display would repaint every second on an idle screen.
        let fullClock = TimeText.clock(
            state.now, mode: state.timeMode == .relative ? .local : state.timeMode,
            zone: state.options.timeZone, now: state.now)
        let clock = String(fullClock.prefix(5)) + (state.timeMode == .utc ? "Z" : "")
        segments.append(.init("clock", .rest, separator: .gap, style: Style(dim: true), [clock]))
        return segments
    }

    /// Refresh age, the view (filter, sort, search), the attention count, the counts, marks and watched jobs.
    func statusSegments() -> [HeaderSegment] {
        var segments: [HeaderSegment] = []
        // Coarse on purpose: "<1m" while the 30 s refresh keeps coming, then minutes.
        // A per-second age or countdown would repaint (one packet over SSH) every second.
        let refreshed = state.engine.lastListAt.map { "refreshed \(Self.age(state.now.timeIntervalSince($0)))" }
        var age = HeaderSegment("refreshed", .rest, style: Style(dim: true), [refreshed ?? "not refreshed yet"])
        // Fresh, it says little beside "connected": it gives way before the view.
        age.yieldsFirst = state.engine.lastListAt.map { state.now.timeIntervalSince($0) < 60 } ?? false
        segments.append(age)
        var view = state.supportView ? "! support" : "\(state.filter.rawValue), \(state.sort.rawValue)"
        if state.sortReversed, !state.supportView { view += " reversed" }
        if !state.search.isEmpty { view += ", /\(TerminalText.sanitize(state.search, profile: profile))" }
        // A long search must leave room for the counts. A view that hides jobs (a filter,
        // a search, `!`) says why rows are missing: it ranks with the counts.
        let hides = state.supportView || state.filter != .all || !state.search.isEmpty
        segments.append(
            HeaderSegment(
                "view", hides ? .counts : .rest,
                forms: [30, 16].map { [Span(cut: view, to: $0, profile: profile, style: Style(bold: true))] }))
        if state.statistics.attention > 0 {
            let (symbol, count) = (utf8 ? "⚠" : "!", state.statistics.attention)
            segments.append(
                .init(
                    "attention", .human, style: Style(color: .red, bold: true),
                    ["\(symbol) \(count) need attention", "\(symbol)\(count) need you"]))
        }
        // Before any list (after a 401, say) there is nothing to count: no empty "0 newest:" segment.
        if state.engine.lastListAt != nil || !state.engine.jobs.isEmpty { segments.append(countsSegment()) }
        if !state.marks.isEmpty {
            segments.append(
                .init(
                    "marks", .human, style: Self.marksStyle,
                    [" \(state.marks.count) marked ", "\(state.marks.count) marked"]))
        }
        if !state.watched.isEmpty {
            let (mark, count) = (JobRow.watchedMark(utf8: utf8), state.watched.count)
            segments.append(
                .init(
                    "watched", .human, separator: state.marks.isEmpty ? .bar : .gap, style: Self.watchedStyle,
                    ["\(mark) \(count) watched", "\(mark)\(count) watched"]))
        }
        let skipped = state.engine.skippedInLastList.count
        if skipped > 0 {
            segments.append(.init("unreadable", .counts, separator: .gap, style: Self.alarm, ["\(skipped) unreadable"]))
        }
        return segments
    }

    /// done/min and fail sparklines, when more than `activityMinimumRoom` is left on the line.
    private func addActivity(_ builder: inout RowBuilder) {
        guard builder.remaining > Self.activityMinimumRoom else { return }
        builder.addTrusted(utf8 ? " │ " : " | ", style: Style(dim: true))
        // "done/min " and " fail " take 15 columns (and 2 are kept spare); each minute
        // takes one column in each sparkline; the state keeps an hour.
        let labelsWidth = 17
        let minutes = max(0, min(60, (builder.remaining - labelsWidth) / 2))
        builder.addTrusted("done/min ", style: Style(dim: true))
        let (done, failed) = (state.statistics.done.suffix(minutes), state.statistics.failed.suffix(minutes))
        builder.addTrusted(Self.sparkline(Array(done), utf8: utf8), style: Style(color: .green))
        builder.addTrusted(" fail ", style: Style(dim: true))
        builder.addTrusted(Self.sparkline(Array(failed), utf8: utf8), style: Style(color: .red))
    }

    /// The refresh age as the header shows it: `<1m ago`, then `3m ago`, `2h ago`.
    static func age(_ seconds: Double) -> String {
        seconds < 60 ? "<1m ago" : TimeText.ago(seconds)
    }

    /// The activity sparklines are drawn only when more than this is left on the line.
    static let activityMinimumRoom = 24

    static let demoStyle = Style(color: .magenta, bold: true, reverse: true)
    static let insecureStyle = Style(color: .red, bold: true, reverse: true)
    static let readOnlyStyle = Style(color: .yellow, bold: true)
    static let marksStyle = Style(color: .yellow, bold: true, reverse: true)
    static let watchedStyle = Style(color: .cyan, bold: true)
    static let alarm = Style(color: .red, bold: true)

    /// One character per value, eight levels scaled to the largest; a blank for zero.
    static func sparkline(_ values: [Int], utf8: Bool) -> String {
        let levels: [Character] =
            utf8 ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        let top = max(1, values.max() ?? 1)
        return String(values.map { $0 == 0 ? " " : levels[min(7, ($0 * 8 - 1) / top)] })
    }
}

extension Span {
    /// Untrusted text sanitised and cut (with an ellipsis) to at most `columns`.
    init(cut text: String, to columns: Int, profile: TextProfile, style: Style) {
        let (cut, width) = TerminalText.truncate(
            TerminalText.sanitize(text, profile: profile), to: columns, profile: profile)
        self.init(text: cut, width: width, style: style)
    }
}
