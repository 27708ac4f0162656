import FoundationEssentials

/// The details pane: every field of one job, scrollable. The CLI's `show`
/// prints the same lines (`content`), without the engine's part.
struct DetailsView: DashboardComponent {
    var id: JobID
    /// Lines scrolled past; clamped so the last page stays full.
    var scroll: Int
    /// The job and what the engine knows of it, computed in `update`; nil when the job is no longer known.
    var subject: DetailsSubject?
    var context: JobRow.Context
    /// Each JSON block encoded once per version of the job.
    var cache: DetailsTextCache?

    init(id: JobID, scroll: Int, subject: DetailsSubject?, context: JobRow.Context, cache: DetailsTextCache?) {
        (self.id, self.scroll, self.subject, self.context, self.cache) = (id, scroll, subject, context, cache)
    }

    /// The pane for `id` as `state` would show it now (the one the state keeps when it is open).
    init(state: DashboardState, id: JobID, scroll: Int) {
        let subject = state.details.flatMap { $0.row.job.id == id ? $0 : nil } ?? state.detailsSubject(for: id)
        self.init(id: id, scroll: scroll, subject: subject, context: state.rowContext, cache: state.detailsText)
    }

    /// Bytes of result or error JSON shown at most; the rest is summarised.
    static let jsonLimit = 64 * 1024
    /// Labels ("last error", "completed") and their gap; values start after it.
    static let labelWidth = 14
    /// JSON blocks are indented by this under their heading.
    static let blockIndent = 2
    /// Scalars of one field read at most: a long step or message wraps over many lines, but not forever.
    static let fieldScalarLimit = 8192
    /// Lines at which a long field stops wrapping, and at which JSON blocks stop:
    /// a hostile job cannot make the pane (or `show`) unbounded.
    static let fieldLineLimit = 2000
    static let blockLineLimit = 5000

    /// The largest useful scroll: the last page full.
    func lastScroll(in region: DashboardLayout.Region) -> Int {
        max(0, content(width: region.width).count - region.height)
    }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        let all = content(width: region.width)
        let start = min(scroll, max(0, all.count - region.height))
        var shown = Array(all.dropFirst(start).prefix(region.height))
        // More below: the last row says how much, and which keys scroll (the line it covers counted).
        let below = all.count - start - shown.count
        if below > 0, !shown.isEmpty {
            var builder = RowBuilder(width: region.width, profile: context.profile)
            let more = Self.moreLines(below + 1, utf8: context.profile == .utf8)
            builder.addTrusted(more, style: Style(bold: true))
            shown[shown.count - 1] = builder.row
        }
        return fitted(shown, to: region)
    }

    /// `4m10s (p50), 7m00s (p90), from 212 completed video_generation jobs; this one
    /// has run 2.6× p50, past p90`: what is usual for the job's type, and where this one stands.
    static func typicalText(
        _ typical: DurationHistory.Typical, row: JobRow, standing: Double?, utf8: Bool
    ) -> String {
        var text =
            "\(TimeText.duration(typical.p50)) (p50), \(TimeText.duration(typical.p90)) (p90), "
            + "from \(typical.count) completed \(row.job.type) job\(typical.count == 1 ? "" : "s")"
        if !typical.isSure { text += " (too few to call a job slow: \(DurationHistory.minimumSamples) needed)" }
        let past = row.flags.contains("SLOW") ? "past p90" : nil
        let parts = [standingText(standing, utf8: utf8), past].compactMap { $0 }
        if !parts.isEmpty { text += "; this one has run " + parts.joined(separator: ", ") }
        return text
    }

    /// "2.6× p50" (ASCII: "2.6x p50"); nil without a standing.
    private static func standingText(_ standing: Double?, utf8: Bool) -> String? {
        guard let standing else { return nil }
        return "\((standing * 10).rounded() / 10)\(utf8 ? "×" : "x") p50"
    }

    /// `≈3m00s, likely 2m10s to 4m00s (from its progress rate; the server sent none)`.
    static func estimateText(_ row: JobRow) -> String? {
        guard let estimate = row.estimate else { return nil }
        let basis = estimate.basis == .progress ? "its progress rate" : "its type's median"
        let range =
            estimate.rangeScored
            ? "as this type's estimates have erred" : "a wide range until \(TypeSummary.minimumScored) are scored"
        return "\(row.eta), likely \(TimeText.duration(estimate.low)) to \(TimeText.duration(estimate.high)) "
            + "(from \(basis), \(range); the server sent none)"
    }

    /// `within ±30% for 8 of the last 10 scored`: how our estimates for the type have done.
    static func scoreText(_ score: EstimateScore, utf8: Bool) -> String {
        let tolerance = Int(EstimateScore.tolerance * 100)
        return "within \(utf8 ? "±" : "+/-")\(tolerance)% for \(score.within) of the last \(score.of) scored "
            + "(the first estimate shown for each job, against its end)"
    }

    /// "↓ 12 more lines: j or PgDn, End for the last", the keys from the keymap.
    static func moreLines(_ count: Int, utf8: Bool) -> String {
        let keys = [KeyAction.down, .pageDown].map { Keymap.key(for: $0, in: .details) }.joined(separator: " or ")
        let last = Keymap.key(for: .last, in: .details)
        return (utf8 ? "↓ " : "v ") + "\(count) more lines: \(keys), \(last) for the last"
    }

    /// All lines of the pane, before scrolling.
    func content(width: Int) -> [FrameRow] {
        guard let subject else {
            var builder = RowBuilder(width: width, profile: context.profile)
            builder.add("job \(id) is no longer known", pad: false)
            return [builder.row]
        }
        return Self.content(
            subject.row, tracked: subject.tracked, width: width, context: context, cache: cache, fetch: subject.fetch,
            summary: subject.summary, standing: subject.standing)
    }

    /// Every field of the row's job; `tracked` adds what the engine knows (poll policy, steps seen, last error).
    /// With `cache` and `tracked`, each JSON block is encoded once per version of the job.
    /// `fetch`: where the read of details let go of stands (`DetailsFetch`).
    static func content(
        _ row: JobRow, tracked: TrackedJob?, width: Int, context: JobRow.Context, cache: DetailsTextCache? = nil,
        fetch: DetailsFetch.Stage? = nil, summary: TypeSummary? = nil, standing: Double? = nil
    ) -> [FrameRow] {
        let job = row.job
        let (now, profile, zone, timeMode) = (context.now, context.profile, context.zone, context.timeMode)
        var lines: [FrameRow] = []
        func line(_ label: String, _ value: String, style: Style = .plain, links: Bool = false) {
            // Long values wrap under their label; URLs are kept whole (`DetailsWrap`).
            let wrapped = DetailsWrap.lines(
                value, width: width, indent: Self.labelWidth, links: links, labelled: true, profile: profile,
                scalarLimit: fieldScalarLimit, limit: max(1, fieldLineLimit - lines.count))
            for (number, wrappedLine) in wrapped.enumerated() {
                var builder = RowBuilder(width: width, profile: profile)
                if wrappedLine.indented {
                    builder.add(number == 0 ? label : "", columns: Self.labelWidth, style: Style(bold: true))
                }
                builder.add(wrappedLine.pieces, style: style)
                lines.append(builder.row)
            }
        }
        func heading(_ text: String) {
            lines.append(FrameRow())
            var builder = RowBuilder(width: width, profile: profile)
            builder.addTrusted(text, style: Style(bold: true, underline: true))
            lines.append(builder.row)
        }
        func block(_ text: String, links: Bool = false) {
            let raws = text.split(separator: "\n", omittingEmptySubsequences: false)
            // A block cut at `jsonLimit` may end inside a URL: its last line links nothing.
            let cutLine = text.hasSuffix(" more bytes not shown)") ? raws.count - 2 : -1
            for (number, raw) in raws.enumerated() {
                let wrapped = DetailsWrap.lines(
                    String(raw), width: width, indent: blockIndent, links: links && number != cutLine, labelled: false,
                    profile: profile, scalarLimit: fieldScalarLimit, limit: max(1, blockLineLimit - lines.count))
                for wrappedLine in wrapped {
                    var builder = RowBuilder(width: width, profile: profile)
                    if wrappedLine.indented { builder.space(blockIndent) }
                    builder.add(wrappedLine.pieces)
                    lines.append(builder.row)
                }
                if lines.count >= blockLineLimit { break }
            }
        }
        func json(_ value: JSONValue, part: String) -> String {
            guard let cache, let tracked else { return limited(value.encoded(pretty: true)) }
            return cache.text(for: .init(id: job.id, version: tracked.lastFresh, part: part)) {
                limited(value.encoded(pretty: true))
            }
        }
        let policy = tracked?.policy ?? PollRules.reference.policy(for: job.type)
        line("id", job.id.text)
        // A type no rule knows says so: its 10 s / 60 min are a guess, not the reference's.
        let unknownType = policy == PollRules.reference.fallback
        line(
            "type",
            job.type
                + (unknownType
                    ? "  (polled every \(Int(policy.interval))s (unknown type), maximum \(TimeText.duration(policy.maximumDuration)))"
                    : "  (polled every \(Int(policy.interval))s, maximum \(TimeText.duration(policy.maximumDuration)))")
        )
        line("title", job.title ?? "-")
        line("status", row.statusText, style: row.statusStyle)
        if !row.flags.isEmpty {
            line("flags", row.flags.joined(separator: ", "), style: Style(color: .red, bold: true))
        }
        line("progress", "\(Int(job.progress.percentage))%")
        line("step", job.progress.currentStep ?? "-")
        line(
            "eta", job.progress.estimatedSecondsRemaining.map { TimeText.duration($0) } ?? Self.estimateText(row) ?? "-"
        )
        line("elapsed", row.elapsed.isEmpty ? "-" : row.elapsed)
        if let summary {
            line("typical", Self.typicalText(summary.typical, row: row, standing: standing, utf8: profile == .utf8))
            if let score = summary.score { line("estimates", Self.scoreText(score, utf8: profile == .utf8)) }
        }
        for (label, date) in [
            ("created", job.createdAt), ("started", job.startedAt), ("updated", job.updatedAt),
            ("completed", job.completedAt),
        ] {
            line(
                label,
                date.map {
                    "\(TimeText.full($0, zone: zone))   \(TimeText.fullUTC($0))   \(TimeText.ago(now.timeIntervalSince($0)))"
                } ?? "-")
        }
        if let tracked {
            line(
                "last read",
                "\(TimeText.full(tracked.lastFresh, zone: zone))   \(TimeText.ago(now.timeIntervalSince(tracked.lastFresh)))"
            )
            if let error = tracked.lastError { line("last error", error.description, style: Style(color: .red)) }
        }
        if !job.decodeNotes.isEmpty {
            line("unreadable", job.decodeNotes.joined(separator: "; "), style: Style(color: .yellow))
        }
        if let tracked {
            heading("Steps seen")
            for step in tracked.history.reversed() {
                line(
                    TimeText.clock(step.at, mode: timeMode == .relative ? .local : timeMode, zone: zone, now: now),
                    "\(step.status.wireName) \(Int(step.percentage))% \(step.step ?? "")")
            }
        }
        let dropped = job.droppedDetails
        if let error = job.error {
            heading("Error")
            line("message", error.message ?? "-", style: Style(color: .red, bold: true), links: true)
            if dropped.contains(.errorDetails) {
                line("details", Self.notHeld("error details", fetch, context), style: Style(dim: true))
            } else if let details = error.details {
                if let note = Self.fetchedNote("error details", fetch, context) {
                    line("", note, style: Style(dim: true))
                }
                block(json(details, part: "error"), links: true)
            }
        }
        if dropped.contains(.result) {
            heading("Result")
            line("", Self.notHeld("result", fetch, context), style: Style(dim: true))
        } else if let result = job.result {
            heading("Result")
            if let note = Self.fetchedNote("result", fetch, context) { line("", note, style: Style(dim: true)) }
            block(json(result, part: "result"), links: true)
        }
        return lines
    }

    /// What the pane says of details let go of while the job was off screen:
    /// on their way, or why they could not be read. Never "no result".
    static func notHeld(_ part: String, _ fetch: DetailsFetch.Stage?, _ context: JobRow.Context) -> String {
        // Back to the table, then open the job again.
        let reopen = Keymap.key(for: .back, in: .details) + ", then " + Keymap.key(for: .openDetails, in: .table) + ","
        return switch fetch {
        case .failed(let reason, let at)?:
            "could not fetch the \(part) at \(clock(at, context)): \(reason); \(reopen) tries again"
        case .fetching?:
            "fetching \(part)…"
        case .fetched?, nil:
            "not kept while the job was off screen; \(reopen) reads it again"
        }
    }

    /// "result fetched 12:03:04" when the details shown were read again for the pane.
    static func fetchedNote(_ part: String, _ fetch: DetailsFetch.Stage?, _ context: JobRow.Context) -> String? {
        guard case .fetched(let at)? = fetch else { return nil }
        return "\(part) fetched \(clock(at, context))"
    }

    private static func clock(_ date: Date, _ context: JobRow.Context) -> String {
        TimeText.clock(
            date, mode: context.timeMode == .relative ? .local : context.timeMode, zone: context.zone,
            now: context.now)
    }

    static func limited(_ text: String) -> String {
        let bytes = text.utf8.count
        guard bytes > jsonLimit else { return text }
        let cut = String(decoding: text.utf8.prefix(jsonLimit), as: UTF8.self)
        return cut + "\n… (\(bytes - jsonLimit) more bytes not shown)"
    }
}
