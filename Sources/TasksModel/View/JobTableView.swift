import FoundationEssentials

/// The job table: the column titles, then one row per visible job from the
/// state's scroll position. Only the rows that fit are laid out, so the cost
/// does not grow with the number of jobs.
struct JobTableView: DashboardComponent {
    var state: DashboardState
    /// Remembers rendered rows between frames; the rows are the same without it.
    var cache: RowCache?
    var columns: [JobColumn] = JobColumn.all

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        guard region.height > 0 else { return [] }
        let widths = JobColumnWidths(width: region.width, columns: columns)
        var rows = [titles(widths, width: region.width)]
        if state.visible.isEmpty { rows.append(emptyNotice(width: region.width)) }
        // The titles take the region's first row (as the layout counts `tableRows`).
        let jobRows = region.height - DashboardLayout.tableTitleHeight
        let start = min(state.top, max(0, state.visible.count - 1))
        for index in start..<min(state.visible.count, start + jobRows) {
            let id = state.visible[index]
            guard let tracked = state.engine[id] else { continue }
            rows.append(
                row(
                    tracked, selected: id == state.selectedID, marked: state.marks.contains(id), widths: widths,
                    width: region.width))
        }
        return fitted(rows, to: region)
    }

    func titles(_ widths: JobColumnWidths, width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: state.options.profile)
        let heading = Style(bold: true, underline: true)
        builder.space(JobColumnWidths.markerWidth)
        var first = true
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            if !first { builder.space(JobColumnWidths.gap) }
            first = false
            builder.add(
                column.title(state.timeMode), columns: widths[index], style: heading, alignRight: column.alignRight)
        }
        return builder.row
    }

    /// Why the table is empty: nothing loaded yet, nothing matches, or nothing there.
    func emptyNotice(width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: state.options.profile)
        builder.space(JobColumnWidths.markerWidth)
        let text: String
        if case .unauthorized = state.engine.connection {
            // Polling has stopped: waiting would be a lie. The header gives the server's reason.
            let retry = Keymap.key(for: .refresh, in: .table)
            text = "polling stopped: unauthorized. Fix the token, then press \(retry) to retry"
        } else if state.engine.lastListAt == nil {
            text = "waiting for the first list from the server…"
        } else if !state.search.isEmpty || state.filter != .all {
            let search = state.search.isEmpty ? "" : ", search"
            let cycles = Keymap.key(for: .cycleFilter, in: .table) + " cycles"
            let clears = Keymap.key(for: .clearSearch, in: .table) + " clears the search"
            text = "no jobs match (filter \(state.filter.rawValue)\(search)); \(cycles), \(clears)"
        } else {
            text = "no jobs on the server"
        }
        builder.add(text, style: Style(dim: true), pad: false)
        return builder.row
    }

    /// One job's row, from the cache when nothing it shows has changed.
    func row(_ tracked: TrackedJob, selected: Bool, marked: Bool = false, widths: JobColumnWidths, width: Int)
        -> FrameRow
    {
        // The view model holds what changes with time alone, so it is computed every frame.
        let jobRow = state.jobRow(tracked)
        guard let cache else {
            return build(jobRow, selected: selected, marked: marked, widths: widths, width: width)
        }
        let clockTexts = columns.indices.compactMap { index in
            widths[index] > 0 ? columns[index].clockText?(jobRow) : nil
        }
        let key = RowCache.Key(
            id: tracked.job.id, version: tracked.lastFresh, cancel: tracked.cancel, gone: tracked.gone,
            selected: selected, marked: marked, width: width, flags: jobRow.flags, clockTexts: clockTexts)
        return cache.row(for: key) { build(jobRow, selected: selected, marked: marked, widths: widths, width: width) }
    }

    func build(_ row: JobRow, selected: Bool, marked: Bool = false, widths: JobColumnWidths, width: Int) -> FrameRow {
        let look = JobColumn.Look(selected: selected, profile: state.options.profile)
        var builder = RowBuilder(width: width, profile: state.options.profile)
        let utf8 = look.profile == .utf8
        // The selection arrow, then the mark (Space), so a marked row shows it selected or not.
        let marker = (selected ? (utf8 ? "▸" : ">") : " ") + (marked ? "*" : " ")
        builder.addTrusted(marker, style: look.styled(Style(color: marked ? .yellow : nil, bold: true)))
        var first = true
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            if !first { builder.add(" ", columns: JobColumnWidths.gap, style: look.base) }
            first = false
            column.cell(&builder, row, widths[index], look)
        }
        builder.fill(style: look.base)
        return builder.row
    }
}
