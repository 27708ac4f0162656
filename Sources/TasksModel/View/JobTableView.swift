import FoundationEssentials

/// The job table: the column titles, then the rows of the state's
/// `TableWindow`, already computed in `update`. It draws the values it is
/// given and asks nothing of the engine.
struct JobTableView: DashboardComponent {
    var window: TableWindow
    var timeMode: TimeMode
    var profile: TextProfile
    /// Remembers rendered rows between frames; the rows are the same without it.
    var cache: RowCache?
    var columns: [JobColumn] = JobColumn.all

    init(window: TableWindow, timeMode: TimeMode, profile: TextProfile, cache: RowCache? = nil) {
        self.window = window
        self.timeMode = timeMode
        self.profile = profile
        self.cache = cache
    }

    /// The table as `state` shows it now.
    init(state: DashboardState, cache: RowCache? = nil) {
        self.init(window: state.window, timeMode: state.timeMode, profile: state.options.profile, cache: cache)
    }

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        guard region.height > 0 else { return [] }
        let widths = JobColumnWidths(width: region.width, columns: columns)
        var rows = [titles(widths, width: region.width)]
        if let empty = window.empty { rows.append(notice(empty, width: region.width)) }
        for line in window.lines { rows.append(row(line, widths: widths, width: region.width)) }
        return fitted(rows, to: region)
    }

    func titles(_ widths: JobColumnWidths, width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        let heading = Style(bold: true, underline: true)
        builder.space(JobColumnWidths.markerWidth)
        var first = true
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            if !first { builder.space(JobColumnWidths.gap) }
            first = false
            builder.add(column.title(timeMode), columns: widths[index], style: heading, alignRight: column.alignRight)
        }
        return builder.row
    }

    /// Why the table is empty: nothing loaded yet, nothing matches, or nothing there.
    func notice(_ empty: TableWindow.Emptiness, width: Int) -> FrameRow {
        var builder = RowBuilder(width: width, profile: profile)
        builder.space(JobColumnWidths.markerWidth)
        builder.add(Self.text(of: empty), style: Style(dim: true), pad: false)
        return builder.row
    }

    /// The notice's words; the keys named come from the keymap.
    static func text(of empty: TableWindow.Emptiness) -> String {
        switch empty {
        case .unauthorized:
            // Polling has stopped. The header gives the server's reason.
            "polling stopped: unauthorized. Fix the token, then press \(Keymap.key(for: .refresh, in: .table)) to retry"
        case .waiting:
            "waiting for the first list from the server…"
        case .noMatch(let filter, let searching):
            "no jobs match (filter \(filter.rawValue)\(searching ? ", search" : "")); "
                + "\(Keymap.key(for: .cycleFilter, in: .table)) cycles, "
                + "\(Keymap.key(for: .clearSearch, in: .table)) clears the search"
        case .nothing:
            "no jobs on the server"
        }
    }

    /// One job's row, from the cache when nothing it shows has changed.
    func row(_ line: TableWindow.Line, widths: JobColumnWidths, width: Int) -> FrameRow {
        guard let cache else {
            return build(line.row, selected: line.selected, marked: line.marked, widths: widths, width: width)
        }
        let clockTexts = columns.indices.compactMap { index in
            widths[index] > 0 ? columns[index].clockText?(line.row) : nil
        }
        let key = RowCache.Key(
            id: line.row.job.id, version: line.version, cancel: line.cancel, gone: line.gone,
            selected: line.selected, marked: line.marked, width: width, flags: line.row.flags, clockTexts: clockTexts)
        return cache.row(for: key) {
            build(line.row, selected: line.selected, marked: line.marked, widths: widths, width: width)
        }
    }

    func build(_ row: JobRow, selected: Bool, marked: Bool = false, widths: JobColumnWidths, width: Int) -> FrameRow {
        let look = JobColumn.Look(selected: selected, profile: profile)
        var builder = RowBuilder(width: width, profile: profile)
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
