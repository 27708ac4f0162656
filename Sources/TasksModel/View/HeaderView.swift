import FoundationEssentials

/// The two header lines: who and where (server, connection, clock), then
/// how fresh the data is, the current view, the counts and the activity.
struct HeaderView: DashboardComponent {
    var state: DashboardState

    private var profile: TextProfile { state.options.profile }
    private var utf8: Bool { profile == .utf8 }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        fitted([identityLine(width: region.width), freshnessLine(width: region.width)], to: region)
    }

    /// Server, connection and a minutes clock on the right.
    func identityLine(width: Int) -> FrameRow {
        // Minutes only: a seconds display would repaint every second on an idle screen.
        let fullClock = TimeText.clock(
            state.now, mode: state.timeMode == .relative ? .local : state.timeMode,
            zone: state.options.timeZone, now: state.now)
        let clock = String(fullClock.prefix(5)) + (state.timeMode == .utc ? "Z" : "")
        var builder = RowBuilder(width: width, profile: profile)
        var left = RowBuilder(width: width - clock.count - 1, profile: profile)
        left.addTrusted("tasks-tui ", style: Style(bold: true))
        if state.options.demo {
            left.addTrusted(" DEMO ", style: Style(color: .magenta, bold: true, reverse: true))
            left.space()
        }
        if state.options.insecure {
            left.addTrusted(" INSECURE TLS ", style: Style(color: .red, bold: true, reverse: true))
            left.space()
        }
        if state.options.readOnly { left.addTrusted("READ-ONLY ", style: Style(color: .yellow, bold: true)) }
        // A long host name must not push the connection state off the line.
        let serverLabelLimit = 40
        left.add(
            state.options.serverLabel, columns: min(serverLabelLimit, left.remaining), style: Style(underline: true),
            pad: false)
        left.space(2)
        let (symbol, text, style) = connection()
        left.add(symbol + " " + text, style: style, pad: false)
        if let skew = state.engine.serverClock.shownSkew {
            // The server's clock differs from ours: times on screen are counted on the server's.
            left.space(2)
            left.addTrusted(TimeText.skew(skew), style: Style(color: .yellow))
        } else if let ignored = state.engine.serverClock.ignoredText {
            // A Date header years off (or jumping) is not believed: our clock is used.
            left.space(2)
            left.addTrusted(ignored, style: Style(color: .yellow))
        }
        if let zone = state.engine.naiveZone.text {
            // Zoneless timestamps read in another zone than UTC (inferred, or `timestamps_zone`).
            left.space(2)
            left.addTrusted(zone, style: Style(color: .yellow))
        }
        builder.append(contentsOf: left.row)
        builder.space(builder.remaining - clock.count)
        builder.addTrusted(clock, style: Style(dim: true))
        return builder.row
    }

    func connection() -> (symbol: String, text: String, style: Style) {
        switch state.engine.connection {
        case .connecting: return (utf8 ? "…" : "~", "connecting", Style(color: .yellow))
        case .connected: return (utf8 ? "●" : "*", "connected", Style(color: .green))
        case .paused:
            let resumes = Keymap.key(for: .togglePause, in: .table) + " resumes"
            return (utf8 ? "‖" : "=", "paused (\(resumes))", Style(color: .yellow, bold: true))
        case .unauthorized(let reason): return (utf8 ? "✗" : "X", reason, Style(color: .red, bold: true))
        case .retrying(let since, let next, let reason):
            let wait = max(0, next.timeIntervalSince(state.now))
            let sinceText = TimeText.clock(since, mode: state.timeMode, zone: state.options.timeZone, now: state.now)
            return (
                utf8 ? "↻" : "!", "retrying since \(sinceText) (next in \(Int(wait.rounded(.up)))s): \(reason)",
                Style(color: .red, bold: true)
            )
        }
    }

    /// Refresh age and countdown, the view (filter, sort, search), the counts, and done/failed per minute.
    func freshnessLine(width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        let separator = utf8 ? " │ " : " | "
        if let last = state.engine.lastListAt {
            // Coarse on purpose: "<1m" while the 30 s refresh keeps coming, then minutes.
            // A per-second age or countdown would repaint (one packet over SSH) every second.
            builder.addTrusted("refreshed \(Self.age(state.now.timeIntervalSince(last)))", style: Style(dim: true))
        } else {
            builder.addTrusted("not refreshed yet", style: Style(dim: true))
        }
        builder.addTrusted(separator, style: Style(dim: true))
        var view = state.supportView ? "! support" : "\(state.filter.rawValue), \(state.sort.rawValue)"
        if state.sortReversed, !state.supportView { view += " reversed" }
        if !state.search.isEmpty { view += ", /\(TerminalText.sanitize(state.search, profile: profile))" }
        // A long search must leave room for the counts.
        let viewLimit = 30
        builder.add(view, columns: min(builder.remaining, viewLimit), style: Style(bold: true), pad: false)
        // Before any list (after a 401, say) there is nothing to count: no empty "0 newest:" segment.
        if state.engine.lastListAt != nil || !state.engine.jobs.isEmpty {
            builder.addTrusted(separator, style: Style(dim: true))
            if state.attentionCount > 0 {
                builder.addTrusted(
                    (utf8 ? "⚠ " : "! ") + "\(state.attentionCount)"
                        + (width < Self.longCountsWidth ? " " : " need attention "),
                    style: Style(color: .red, bold: true))
            }
            addCounts(&builder, short: width < Self.longCountsWidth)
        }
        if !state.marks.isEmpty {
            builder.addTrusted("\(state.marks.count) marked ", style: Style(color: .yellow, bold: true, reverse: true))
            builder.addTrusted(" ", style: .plain)
        }
        if !state.watched.isEmpty {
            builder.addTrusted(
                JobRow.watchedMark(utf8: utf8) + " \(state.watched.count) watched ",
                style: Style(color: .cyan, bold: true))
        }
        let skipped = state.engine.skippedInLastList.count
        if skipped > 0 { builder.addTrusted("\(skipped) unreadable ", style: Style(color: .red, bold: true)) }
        if builder.remaining > Self.activityMinimumRoom {
            builder.addTrusted(separator, style: Style(dim: true))
            // "done/min " and " fail " take 15 columns (and 2 are kept spare); each minute
            // takes one column in each sparkline; the state keeps an hour.
            let labelsWidth = 17
            let minutes = max(0, min(60, (builder.remaining - labelsWidth) / 2))
            builder.addTrusted("done/min ", style: Style(dim: true))
            let (done, failed) = (state.activity.done.suffix(minutes), state.activity.failed.suffix(minutes))
            builder.addTrusted(Self.sparkline(Array(done), utf8: utf8), style: Style(color: .green))
            builder.addTrusted(" fail ", style: Style(dim: true))
            builder.addTrusted(Self.sparkline(Array(failed), utf8: utf8), style: Style(color: .red))
        }
        return builder.row
    }

    /// The refresh age as the header shows it: `<1m ago`, then `3m ago`, `2h ago`.
    static func age(_ seconds: Double) -> String {
        seconds < 60 ? "<1m ago" : TimeText.ago(seconds)
    }

    /// From this width the counts say "3 queued"; narrower, "3q".
    static let longCountsWidth = 110
    /// The activity sparklines are drawn only when more than this is left on the line.
    static let activityMinimumRoom = 24

    /// What the table holds ("50 newest + 7 older active + 1 pinned"), then
    /// the jobs shown per status, in the order a job moves through them
    /// (statuses with no job are left out): counts of what is shown, not
    /// server totals. Narrow, each status is its row symbol.
    func addCounts(_ builder: inout RowBuilder, short: Bool) {
        builder.addTrusted(composition(short: short) + ": ", style: Style(dim: true))
        var counts: [String: Int] = [:]
        for (status, count) in state.statusCounts { counts[Self.countLabel(status), default: 0] += count }
        for (label, status, color) in Self.countOrder {
            guard let count = counts[label], count > 0 else { continue }
            let symbol = JobRow.look(status, utf8: utf8).symbol
            builder.addTrusted(short ? "\(count)\(symbol) " : "\(count) \(label) ", style: Style(color: color))
        }
        if state.goneCount > 0 { builder.addTrusted("\(state.goneCount) gone ", style: Style(dim: true)) }
    }

    /// "50 newest + 7 older active + 1 pinned" (a pinned job the newest list
    /// carries counts as newest), "at least 500 active" when an active
    /// list came back full, "newest 50 only" when the server ignores `status=`.
    func composition(short: Bool) -> String {
        let engine = state.engine
        var newest = 0
        var olderActive = 0
        var pinned = 0
        engine.jobs.forEachMarks { marks in
            if marks.carriedByLastList {
                newest += 1
            } else if marks.pinned {
                pinned += 1
            } else if marks.isActive {
                olderActive += 1
            }
        }
        let pins = pinned == 0 ? "" : short ? "+\(pinned) pin" : " + \(pinned) pinned"
        // Active jobs nothing reads (no list carries them, the slow-read budget is spent): counted.
        let unread = engine.unreadCount(at: state.now)
        let unreadText = unread == 0 ? "" : short ? " \(unread) unread" : " (\(unread) unread)"
        if engine.statusFilterIgnored {
            return (short ? "newest \(newest) only" : "newest \(newest) only (server ignores status=)") + pins
                + unreadText
        }
        var text = short ? "\(newest) newest" : "shown \(newest) newest"
        if olderActive > 0 { text += short ? "+\(olderActive) older" : " + \(olderActive) older active" }
        text += pins
        if !engine.activeListFull.isEmpty {
            let atLeast = engine.activeListFull.values.reduce(0, +)
            text += short ? " >=\(atLeast) act" : " (at least \(atLeast) active)"
        }
        text += unreadText
        if let fallback = engine.limitFallback {
            // The server refused a limit: lists ask for less, and may not hold every active job.
            text += short ? " lim \(fallback.using)" : " (limit \(fallback.refused) refused: \(fallback.using))"
        }
        return text
    }

    /// The counts in the order a job moves through its statuses, each with
    /// its label and colour; `other` gathers the statuses this client does
    /// not know (shown `?`). The help's legend reads the same table.
    static let countOrder: [(label: String, status: JobStatus, color: Style.Color?)] = [
        ("queued", .queued, .yellow), ("processing", .processing, .cyan), ("completed", .completed, .green),
        ("failed", .failed, .red), ("cancelled", .cancelled, .magenta), ("other", .unknown("?"), nil),
    ]

    static func countLabel(_ status: JobStatus) -> String {
        switch status {
        case .queued: "queued"
        case .processing: "processing"
        case .completed: "completed"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .unknown: "other"
        }
    }

    /// One character per value, eight levels scaled to the largest; a blank for zero.
    static func sparkline(_ values: [Int], utf8: Bool) -> String {
        let levels: [Character] =
            utf8 ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        let top = max(1, values.max() ?? 1)
        return String(values.map { $0 == 0 ? " " : levels[min(7, ($0 * 8 - 1) / top)] })
    }
}
