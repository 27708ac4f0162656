import Foundation

/// Draws a `DashboardState` into a `Frame`. Pure: the same state and size
/// give the same frame, and only the visible rows are laid out, so the cost
/// does not grow with the number of jobs.
public enum DashboardRenderer {
    /// Rows that are not table rows: two header lines, the column titles, two footer lines.
    public static let chromeRows = 5
    public static let minimumWidth = 60
    public static let minimumHeight = 10

    /// `cache` (optional) remembers rendered job rows between frames; the frame is the same with or without it.
    public static func render(_ state: DashboardState, cache: RowCache? = nil) -> Frame {
        let width = state.width
        let height = state.height
        guard width >= minimumWidth, height >= minimumHeight else { return tooSmall(state) }
        var rows: [FrameRow] = []
        rows.reserveCapacity(height)
        rows.append(headerLine1(state))
        rows.append(headerLine2(state))
        switch state.screen {
        case .table:
            rows += table(state, rows: height - chromeRows + 1, cache: cache)
        case .details(let id, let scroll):
            rows += DetailsView.lines(state, id: id, scroll: scroll, rows: height - chromeRows + 1)
        case .help:
            rows += help(state, rows: height - chromeRows + 1)
        }
        rows.append(messageLine(state))
        rows.append(hintLine(state))
        if case .confirmCancel(let target)? = state.prompt {
            overlayConfirm(&rows, target: target, state: state)
        }
        return Frame(width: width, height: height, rows: Array(rows.prefix(height)))
    }

    // MARK: Too small

    static func tooSmall(_ state: DashboardState) -> Frame {
        let lines =
            state.width >= 24
            ? [
                "terminal too small", "\(state.width)x\(state.height), need \(minimumWidth)x\(minimumHeight)",
                "q quits",
            ]
            : ["too small", "need \(minimumWidth)x\(minimumHeight)", "q quits"]
        var rows: [FrameRow] = []
        let first = max(0, (state.height - lines.count) / 2)
        for y in 0..<state.height {
            var builder = RowBuilder(width: state.width, profile: state.options.profile)
            let index = y - first
            if index >= 0, index < lines.count {
                let text = lines[index]
                let textWidth = min(state.width, text.count)
                builder.space((state.width - textWidth) / 2)
                builder.addTrusted(text, style: index == 0 ? Style(bold: true) : .plain)
            }
            rows.append(builder.row)
        }
        return Frame(width: state.width, height: state.height, rows: rows)
    }

    // MARK: Header

    static func headerLine1(_ state: DashboardState) -> FrameRow {
        let utf8 = state.options.profile == .utf8
        // Minutes only: a seconds display would repaint every second on an idle screen.
        let fullClock = TimeText.clock(
            state.now, mode: state.timeMode == .relative ? .local : state.timeMode,
            zone: state.options.timeZone, now: state.now)
        let clock = String(fullClock.prefix(5)) + (state.timeMode == .utc ? "Z" : "")
        let rightWidth = clock.count + 1
        var builder = RowBuilder(width: state.width, profile: state.options.profile)
        var left = RowBuilder(width: state.width - rightWidth, profile: state.options.profile)
        left.addTrusted("tasks-tui ", style: Style(bold: true))
        if state.options.demo {
            left.addTrusted(" DEMO ", style: Style(color: .magenta, bold: true, reverse: true)); left.space()
        }
        if state.options.insecure {
            left.addTrusted(" INSECURE TLS ", style: Style(color: .red, bold: true, reverse: true))
            left.space()
        }
        if state.options.readOnly { left.addTrusted("READ-ONLY ", style: Style(color: .yellow, bold: true)) }
        left.add(state.options.serverLabel, columns: min(40, left.remaining), style: Style(underline: true), pad: false)
        left.space(2)
        let (symbol, text, style) = connection(state, utf8: utf8)
        left.add(symbol + " " + text, style: style, pad: false)
        builder.append(contentsOf: left.row)
        builder.space(builder.remaining - clock.count)
        builder.addTrusted(clock, style: Style(dim: true))
        return builder.row
    }

    static func connection(_ state: DashboardState, utf8: Bool) -> (String, String, Style) {
        switch state.engine.connection {
        case .connecting: return (utf8 ? "…" : "~", "connecting", Style(color: .yellow))
        case .connected: return (utf8 ? "●" : "*", "connected", Style(color: .green))
        case .paused: return (utf8 ? "‖" : "=", "paused (p resumes)", Style(color: .yellow, bold: true))
        case .unauthorized(let reason): return (utf8 ? "✗" : "X", reason, Style(color: .red, bold: true))
        case .retrying(let since, let next, let reason):
            let wait = max(0, next.timeIntervalSince(state.now))
            return (
                utf8 ? "↻" : "!",
                "retrying since \(TimeText.clock(since, mode: state.timeMode, zone: state.options.timeZone, now: state.now))"
                    + " (next in \(Int(wait.rounded(.up)))s): \(reason)",
                Style(color: .red, bold: true)
            )
        }
    }

    static func headerLine2(_ state: DashboardState) -> FrameRow {
        var builder = RowBuilder(width: state.width, profile: state.options.profile)
        let utf8 = state.options.profile == .utf8
        if let last = state.engine.lastListAt {
            let next = max(0, state.engine.nextListAt.timeIntervalSince(state.now))
            // The age moves in 5 s steps (the countdown beside it ticks every second): each
            // changing field costs bytes on every idle second over a slow link.
            let seconds = state.now.timeIntervalSince(last)
            let age = "refreshed \(TimeText.ago(seconds < 60 ? (seconds / 5).rounded(.down) * 5 : seconds))"
            builder.addTrusted(
                state.engine.paused ? age : "\(age), next \(Int(next.rounded(.up)))s", style: Style(dim: true))
        } else {
            builder.addTrusted("not refreshed yet", style: Style(dim: true))
        }
        builder.addTrusted(utf8 ? " │ " : " | ", style: Style(dim: true))
        var view = "\(state.filter.rawValue), \(state.sort.rawValue)"
        if !state.search.isEmpty { view += ", /\(TerminalText.sanitize(state.search, profile: state.options.profile))" }
        builder.add(view, columns: min(builder.remaining, 30), style: Style(bold: true), pad: false)
        builder.addTrusted(utf8 ? " │ " : " | ", style: Style(dim: true))
        var counts: [String: Int] = [:]
        for (status, count) in state.statusCounts { counts[countKey(status), default: 0] += count }
        let order: [(String, Style.Color?)] = [
            ("queued", .yellow), ("running", .cyan), ("done", .green), ("failed", .red), ("cancelled", .magenta),
            ("other", nil),
        ]
        // Short labels when the line is narrow: 3q 5r 2d 1f 1c.
        let short = state.width < 110
        for (key, color) in order {
            guard let count = counts[key], count > 0 else { continue }
            builder.addTrusted(short ? "\(count)\(key.prefix(1)) " : "\(count) \(key) ", style: Style(color: color))
        }
        let skipped = state.engine.skippedInLastList.count
        if skipped > 0 { builder.addTrusted("\(skipped) unreadable ", style: Style(color: .red, bold: true)) }
        if builder.remaining > 24 {
            // Finished and failed per minute, newest on the right.
            builder.addTrusted(utf8 ? " │ " : " | ", style: Style(dim: true))
            let minutes = min(60, (builder.remaining - 17) / 2)
            let (done, failed) = activity(state, minutes: minutes)
            builder.addTrusted("done/min ", style: Style(dim: true))
            builder.addTrusted(sparkline(done, utf8: utf8), style: Style(color: .green))
            builder.addTrusted(" fail ", style: Style(dim: true))
            builder.addTrusted(sparkline(failed, utf8: utf8), style: Style(color: .red))
        }
        return builder.row
    }

    static func countKey(_ status: JobStatus) -> String {
        switch status {
        case .queued: "queued"
        case .processing: "running"
        case .completed: "done"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .unknown: "other"
        }
    }

    /// Finished and failed jobs per minute over the last `minutes`, oldest first.
    static func activity(_ state: DashboardState, minutes: Int) -> ([Int], [Int]) {
        guard minutes > 0 else { return ([], []) }
        let count = min(60, minutes)
        return (Array(state.activity.done.suffix(count)), Array(state.activity.failed.suffix(count)))
    }

    static func sparkline(_ values: [Int], utf8: Bool) -> String {
        let levels: [Character] =
            utf8 ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
        let top = max(1, values.max() ?? 1)
        return String(values.map { $0 == 0 ? (utf8 ? " " : " ") : levels[min(7, ($0 * 8 - 1) / top)] })
    }

    // MARK: Table

    struct Columns {
        var status = 12
        var type = 0
        var progress = 0
        var step = 0
        var created = 0
        var elapsed = 0
        var eta = 0
    }

    static func columns(width: Int) -> Columns {
        var columns = Columns()
        // Two columns of space before each column after the first... one, to save room.
        let gaps = 4
        columns.progress = width >= 100 ? 16 : width >= 80 ? 12 : 9
        var flexible = width - 2 - columns.status - columns.progress - gaps
        for (keyPath, size) in [(\Columns.elapsed, 7), (\Columns.eta, 6), (\Columns.created, 9)]
        where flexible - size - 1 >= 40 {
            columns[keyPath: keyPath] = size
            flexible -= size + 1
        }
        columns.type = max(10, min(36, flexible * 2 / 5))
        columns.step = max(4, flexible - columns.type)
        return columns
    }

    static func table(_ state: DashboardState, rows count: Int, cache: RowCache? = nil) -> [FrameRow] {
        let columns = columns(width: state.width)
        var rows: [FrameRow] = []
        var title = RowBuilder(width: state.width, profile: state.options.profile)
        let heading = Style(bold: true, underline: true)
        title.space(2)
        title.add("STATUS", columns: columns.status, style: heading)
        title.space()
        title.add("TYPE / TITLE", columns: columns.type, style: heading)
        title.space()
        title.add("PROGRESS", columns: columns.progress, style: heading)
        title.space()
        title.add("STEP / FLAGS", columns: columns.step, style: heading)
        if columns.created > 0 {
            title.space()
            title.add(
                state.timeMode == .relative ? "CREATED" : state.timeMode == .utc ? "CREATED Z" : "CREATED",
                columns: columns.created, style: heading)
        }
        if columns.elapsed > 0 {
            title.space()
            title.add("ELAPSED", columns: columns.elapsed, style: heading, alignRight: true)
        }
        if columns.eta > 0 {
            title.space()
            title.add("ETA", columns: columns.eta, style: heading, alignRight: true)
        }
        rows.append(title.row)
        let tableRows = count - 1
        if state.visible.isEmpty {
            var empty = RowBuilder(width: state.width, profile: state.options.profile)
            empty.space(2)
            let text: String
            if state.engine.lastListAt == nil {
                text = "waiting for the first list from the server…"
            } else if !state.search.isEmpty || state.filter != .all {
                text =
                    "no jobs match (filter \(state.filter.rawValue)\(state.search.isEmpty ? "" : ", search")); f cycles, Esc clears the search"
            } else {
                text = "no jobs on the server"
            }
            empty.add(text, style: Style(dim: true), pad: false)
            rows.append(empty.row)
        }
        let start = min(state.top, max(0, state.visible.count - 1))
        for index in start..<min(state.visible.count, start + tableRows) {
            guard let tracked = state.engine[state.visible[index]] else { continue }
            rows.append(
                jobRow(
                    tracked, state: state, columns: columns, selected: state.visible[index] == state.selectedID,
                    cache: cache))
        }
        while rows.count < count { rows.append(FrameRow()) }
        return rows
    }

    static func statusLook(_ status: JobStatus, utf8: Bool) -> (String, Style) {
        switch status {
        case .queued: ((utf8 ? "◌" : ".") + " queued", Style(color: .yellow))
        case .processing: ((utf8 ? "▶" : ">") + " running", Style(color: .cyan, bold: true))
        case .completed: ((utf8 ? "✓" : "+") + " completed", Style(color: .green))
        case .failed: ((utf8 ? "✗" : "X") + " failed", Style(color: .red, bold: true))
        case .cancelled: ((utf8 ? "⊘" : "-") + " cancelled", Style(color: .magenta))
        case .unknown(let text): ("? " + text, Style(color: .yellow))
        }
    }

    /// The flags a row shows, most urgent first.
    public static func flags(_ tracked: TrackedJob, state: DashboardState) -> [String] {
        var flags: [String] = []
        let id = tracked.job.id
        switch tracked.cancel {
        case .pending, .sending, .requested: flags.append("CANCEL REQUESTED")
        case .notHonoured: flags.append("CANCEL NOT HONOURED")
        case .failed(let why): flags.append("CANCEL FAILED: \(why)")
        case .none: break
        }
        if tracked.gone { flags.append("GONE") }
        if let stalled = state.engine.stalledFor(id, at: state.now) {
            flags.append("STALLED \(TimeText.duration(stalled))")
        }
        if tracked.isOverdue(at: state.now) { flags.append("OVERDUE") }
        if state.engine.isStale(id, at: state.now) {
            flags.append("STALE \(TimeText.ago(state.now.timeIntervalSince(tracked.lastFresh)))")
        }
        return flags
    }

    static func jobRow(
        _ tracked: TrackedJob, state: DashboardState, columns: Columns, selected: Bool, cache: RowCache? = nil
    ) -> FrameRow {
        let job = tracked.job
        // What changes with time alone, computed every frame; the rest comes from the cache.
        let flags = flags(tracked, state: state)
        let created =
            columns.created > 0
            ? job.createdAt.map {
                TimeText.clock($0, mode: state.timeMode, zone: state.options.timeZone, now: state.now)
            } ?? "?"
            : ""
        let elapsedText = columns.elapsed > 0 ? elapsed(job, now: state.now) : ""
        guard let cache else {
            return buildJobRow(
                tracked, state: state, columns: columns, selected: selected, flags: flags, created: created,
                elapsedText: elapsedText)
        }
        let key = RowCache.Key(
            id: job.id, version: tracked.lastFresh, cancel: tracked.cancel, gone: tracked.gone, selected: selected,
            width: state.width, flags: flags, created: created, elapsed: elapsedText)
        return cache.row(for: key) {
            buildJobRow(
                tracked, state: state, columns: columns, selected: selected, flags: flags, created: created,
                elapsedText: elapsedText)
        }
    }

    static func buildJobRow(
        _ tracked: TrackedJob, state: DashboardState, columns: Columns, selected: Bool, flags: [String],
        created: String,
        elapsedText: String
    ) -> FrameRow {
        let utf8 = state.options.profile == .utf8
        let job = tracked.job
        var builder = RowBuilder(width: state.width, profile: state.options.profile)
        let base = Style(reverse: selected)
        func styled(_ style: Style) -> Style {
            var copy = style
            copy.reverse = selected
            return copy
        }
        builder.addTrusted(selected ? (utf8 ? "▸ " : "> ") : "  ", style: styled(Style(bold: true)))
        let (statusText, statusStyle) = statusLook(job.status, utf8: utf8)
        builder.add(statusText, columns: columns.status, style: styled(statusStyle))
        builder.add(" ", columns: 1, style: base)
        // Type, then the title dimmed.
        var typeCell = RowBuilder(width: columns.type, profile: state.options.profile)
        typeCell.add(
            job.type, columns: job.title == nil ? columns.type : min(columns.type, max(8, columns.type / 2)),
            style: styled(Style(bold: true)), pad: false)
        if let title = job.title, typeCell.remaining > 2 {
            typeCell.add(" ", columns: 1, style: base)
            typeCell.add(title, style: styled(Style(dim: true)), pad: false)
        }
        typeCell.fill(style: base)
        builder.append(contentsOf: typeCell.row)
        builder.add(" ", columns: 1, style: base)
        builder.add(
            progressBar(job, columns: columns.progress, utf8: utf8), columns: columns.progress,
            style: styled(progressStyle(job)))
        builder.add(" ", columns: 1, style: base)
        // Flags, then the step (or the error for a failed job).
        var stepCell = RowBuilder(width: columns.step, profile: state.options.profile)
        if !flags.isEmpty {
            stepCell.add(flags.joined(separator: " "), style: styled(Style(color: .red, bold: true)), pad: false)
            stepCell.add(" ", columns: 1, style: base)
        }
        if job.status == .failed, let message = job.error?.message {
            stepCell.add(message, style: styled(Style(color: .red)), pad: false)
        } else {
            stepCell.add(job.progress.currentStep ?? "", style: base, pad: false)
        }
        stepCell.fill(style: base)
        builder.append(contentsOf: stepCell.row)
        if columns.created > 0 {
            builder.add(" ", columns: 1, style: base)
            builder.add(created, columns: columns.created, style: styled(Style(dim: true)))
        }
        if columns.elapsed > 0 {
            builder.add(" ", columns: 1, style: base)
            builder.add(elapsedText, columns: columns.elapsed, style: base, alignRight: true)
        }
        if columns.eta > 0 {
            builder.add(" ", columns: 1, style: base)
            let eta =
                job.status.isActive
                ? job.progress.estimatedSecondsRemaining.map { "~" + TimeText.duration($0) } ?? "" : ""
            builder.add(eta, columns: columns.eta, style: styled(Style(dim: true)), alignRight: true)
        }
        builder.fill(style: base)
        return builder.row
    }

    static func progressStyle(_ job: Job) -> Style {
        switch job.status {
        case .completed: Style(color: .green)
        case .failed: Style(color: .red)
        case .cancelled: Style(color: .magenta)
        default: Style(color: .cyan)
        }
    }

    static func progressBar(_ job: Job, columns: Int, utf8: Bool) -> String {
        let percentage = Int(job.progress.percentage.rounded(.down))
        let label = "\(percentage)%"
        let barWidth = max(0, columns - 5)
        guard barWidth > 0 else { return label }
        let filled = min(barWidth, Int((job.progress.percentage / 100 * Double(barWidth)).rounded()))
        let bar =
            String(repeating: utf8 ? "█" : "#", count: filled)
            + String(repeating: utf8 ? "░" : ".", count: barWidth - filled)
        return bar + String(repeating: " ", count: max(1, 5 - label.count)) + label
    }

    static func elapsed(_ job: Job, now: Date) -> String {
        guard let created = job.createdAt else { return "" }
        if job.status.isFinal, let completed = job.completedAt {
            return TimeText.duration(completed.timeIntervalSince(job.startedAt ?? created))
        }
        return TimeText.duration(now.timeIntervalSince(created))
    }

    // MARK: Footer

    static func messageLine(_ state: DashboardState) -> FrameRow {
        var builder = RowBuilder(width: state.width, profile: state.options.profile)
        if case .search(let draft, _)? = state.prompt {
            builder.addTrusted("/", style: Style(bold: true))
            builder.add(draft, columns: max(0, builder.remaining - 1), pad: false)
            builder.addTrusted(state.options.profile == .utf8 ? "▏" : "_", style: Style(bold: true))
            return builder.row
        }
        guard let message = state.message else { return builder.row }
        builder.addTrusted(
            TimeText.clock(
                message.at, mode: state.timeMode == .relative ? .local : state.timeMode, zone: state.options.timeZone,
                now: state.now) + " ", style: Style(dim: true))
        builder.add(message.text, style: message.severity == .warning ? Style(color: .red, bold: true) : .plain, pad: false)
        return builder.row
    }

    static func hintLine(_ state: DashboardState) -> FrameRow {
        var builder = RowBuilder(width: state.width, profile: state.options.profile)
        let utf8 = state.options.profile == .utf8
        let hints: [(String, String)]
        if case .confirmCancel? = state.prompt {
            hints = [("y", "cancel the job"), ("any other key", "keep it running")]
        } else if case .search? = state.prompt {
            hints = [(utf8 ? "⏎" : "Enter", "keep"), ("Esc", "undo"), ("type", "to search id, type, title, step")]
        } else {
            switch state.screen {
            case .table:
                var list: [(String, String)] = [(utf8 ? "↑↓" : "j/k", "move"), (utf8 ? "⏎" : "Enter", "details")]
                if !state.options.readOnly { list.append(("c", "cancel")) }
                list += [
                    ("?", "help"), ("q", "quit"), ("/", "search"), ("f", "filter"), ("s", "sort"),
                    ("p", state.engine.paused ? "resume" : "pause"), ("r", "refresh"), ("t", "times"),
                ]
                hints = list
            case .details:
                var list: [(String, String)] = [(utf8 ? "↑↓" : "j/k", "scroll"), ("Esc", "back")]
                if !state.options.readOnly { list.append(("c", "cancel")) }
                list.append(("q", "quit"))
                hints = list
            case .help:
                hints = [("any key", "back"), ("q", "quit")]
            }
        }
        for (key, text) in hints {
            guard builder.remaining > key.count + text.count + 2 else { break }
            builder.addTrusted(key, style: Style(reverse: true))
            builder.addTrusted(" \(text)  ")
        }
        return builder.row
    }

    // MARK: Overlays

    static func overlayConfirm(_ rows: inout [FrameRow], target: CancelTarget, state: DashboardState) {
        let profile = state.options.profile
        let boxWidth = min(state.width - 4, 72)
        let lines: [(String, Style)] = [
            ("Cancel this job?", Style(bold: true)),
            ("id:       \(target.id)", .plain),
            ("type:     \(target.type)", .plain),
            ("progress: \(Int(target.percentage))%  \(target.step ?? "")", .plain),
            ("", .plain),
            ("y: cancel it    n, Esc, Enter or any other key: keep it running", Style(bold: true)),
        ]
        let top = max(2, (state.height - lines.count - 2) / 2)
        let left = (state.width - boxWidth) / 2
        let border = Style(color: .red, bold: true, reverse: true)
        for (offset, line) in ([("", border)] + lines.map { ($0.0, $0.1) } + [("", border)]).enumerated() {
            let y = top + offset
            guard y < rows.count - 2 else { break }
            var builder = RowBuilder(width: state.width, profile: profile)
            builder.space(left)
            var inner = RowBuilder(width: boxWidth, profile: profile)
            if offset == 0 || offset == lines.count + 1 {
                inner.fill(style: border)
            } else {
                inner.add(" ", columns: 1, style: border)
                inner.add(" " + line.0, columns: boxWidth - 2, style: line.1)
                inner.add(" ", columns: 1, style: border)
            }
            builder.append(contentsOf: inner.row)
            rows[y] = builder.row
        }
    }

    static func help(_ state: DashboardState, rows count: Int) -> [FrameRow] {
        let lines = [
            "Keys",
            "  Up/Down, j/k      move the selection        PgUp/PgDn   a page",
            "  g/G, Home/End     first / last job          Enter       details; Esc goes back",
            state.options.readOnly
                ? "  c                 (disabled: --read-only)"
                : "  c                 cancel the selected job (asks first; only y confirms)",
            "  r                 refresh now               p           pause / resume polling",
            "  f                 filter: all, active, finished, failed, cancelled",
            "  /                 search id, type, title and step; Esc clears",
            "  s                 sort: newest, status, progress, stalled time",
            "  t                 times: local, UTC, relative",
            "  Ctrl-L            redraw                    q, Ctrl-C   quit",
            "",
            "Flags",
            "  STALLED 14m       no progress for 14 minutes (the server's updated_at when it sends one)",
            "  OVERDUE           older than its type's maximum duration; polled only with the list",
            "  STALE             data older than its interval because requests are failing",
            "  CANCEL REQUESTED  sent; polling until the server reports it cancelled",
            "  CANCEL NOT HONOURED  still running after the cancel was accepted",
            "",
            "A network error is never shown as a failed job: only the server's status says failed.",
        ]
        var rows: [FrameRow] = []
        for index in 0..<count {
            var builder = RowBuilder(width: state.width, profile: state.options.profile)
            if index < lines.count {
                builder.addTrusted(lines[index], style: lines[index].hasPrefix(" ") ? .plain : Style(bold: true))
            }
            rows.append(builder.row)
        }
        return rows
    }
}
