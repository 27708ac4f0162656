/// The counts segment: what the table holds, then the jobs shown per status.
extension HeaderView {
    /// "shown 50 newest + 7 older active: 3 queued 5 processing …", shorter
    /// ("50 newest +7 older: 3 queued …"), shortest with each status as its row
    /// symbol ("… 3◌ 5▶"), then the symbols alone: counts of what is shown, not server totals.
    func countsSegment() -> HeaderSegment {
        var counts: [String: Int] = [:]
        for (status, count) in state.statistics.byStatus { counts[Self.countLabel(status), default: 0] += count }
        func perStatus(words: Bool) -> [Span] {
            var spans: [Span] = []
            for (label, status, color) in Self.countOrder {
                guard let count = counts[label], count > 0 else { continue }
                let symbol = JobRow.look(status, utf8: utf8).symbol
                spans.append(
                    Span(
                        trusted: (spans.isEmpty ? "" : " ") + (words ? "\(count) \(label)" : "\(count)\(symbol)"),
                        style: Style(color: color)))
            }
            if state.statistics.gone > 0 {
                spans.append(
                    Span(trusted: (spans.isEmpty ? "" : " ") + "\(state.statistics.gone) gone", style: Style(dim: true))
                )
            }
            return spans
        }
        let (long, short) = (composition(short: false), composition(short: true))
        let dim = Style(dim: true)
        var segment = HeaderSegment(
            "counts", .counts,
            forms: [
                [Span(trusted: long + ": ", style: dim)] + perStatus(words: true),
                [Span(trusted: short + ": ", style: dim)] + perStatus(words: true),
                [Span(trusted: short + ": ", style: dim)] + perStatus(words: false),
                perStatus(words: false),
            ].filter { !$0.isEmpty })
        segment.lastResortForms = segment.forms.count == 4 ? 1 : 0
        return segment
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
        let pins = pinned == 0 ? "" : short ? " +\(pinned) pinned" : " + \(pinned) pinned"
        // Active jobs nothing reads (no list carries them, the slow-read budget is spent): counted.
        let unread = engine.unreadCount(at: state.now)
        let unreadText = unread == 0 ? "" : short ? " \(unread) unread" : " (\(unread) unread)"
        if engine.statusFilterIgnored {
            return (short ? "newest \(newest) only" : "newest \(newest) only (server ignores status=)") + pins
                + unreadText
        }
        var text = short ? "\(newest) newest" : "shown \(newest) newest"
        if olderActive > 0 { text += short ? " +\(olderActive) older" : " + \(olderActive) older active" }
        text += pins
        if !engine.activeListFull.isEmpty {
            let atLeast = engine.activeListFull.values.reduce(0, +)
            text += short ? " >=\(atLeast) active" : " (at least \(atLeast) active)"
        }
        text += unreadText
        if let fallback = engine.limitFallback {
            // The server refused a limit: lists ask for less, and may not hold every active job.
            text += short ? " limit \(fallback.using)" : " (limit \(fallback.refused) refused: \(fallback.using))"
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
}
