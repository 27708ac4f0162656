import FoundationEssentials

/// Draws a `DashboardState` into a `Frame`. Pure: the same state and size
/// give the same frame. The layout divides the screen; each component draws
/// its region (see `Sources/TasksModel/View`); this only says which
/// component goes where.
public enum DashboardRenderer {
    /// `cache` (optional) remembers rendered job rows between frames; the frame is the same with or without it.
    public static func render(_ state: DashboardState, cache: RowCache? = nil) -> Frame {
        let layout = DashboardLayout(width: state.width, height: state.height)
        var canvas = FrameCanvas(width: state.width, height: state.height)
        guard layout.fits else {
            canvas.draw(TooSmallView(profile: state.options.profile), in: layout.screen)
            return canvas.frame
        }
        canvas.draw(HeaderView(state: state), in: layout.header)
        switch state.screen {
        case .table: canvas.draw(JobTableView(state: state, cache: cache), in: layout.body)
        case .details(let id, let scroll):
            let pane = DetailsView(
                id: id, scroll: scroll, subject: state.details, context: state.rowContext, cache: state.detailsText)
            canvas.draw(pane, in: layout.body)
        case .help:
            canvas.draw(state.helpView, in: layout.body)
        case .audit(let selected):
            let audit = AuditScreenView(
                read: state.audit, lines: state.auditLines?.lines ?? [], selected: selected,
                server: state.options.serverLabel, profile: state.options.profile
            )
            canvas.draw(audit, in: layout.body)
        }
        canvas.draw(MessageLineView(state: state), in: layout.message)
        canvas.draw(HintLineView(state: state), in: layout.hints)
        var jobs = FrameJobs(width: state.width, height: state.height)
        if case .table = state.screen { jobs.rows = tableRowJobs(state, layout: layout) }
        if let (dialog, height, ids) = dialog(state) {
            let region = layout.dialog(height: height)
            canvas.draw(dialog, in: region)
            if dialog.isWhole(in: region) { jobs.dialog = ids }
            // Rows under the box show no job a click could reach.
            for row in region.rows { jobs.rows[row] = nil }
        }
        var frame = canvas.frame
        frame.jobs = jobs
        return frame
    }

    /// The cancel dialog open in `state`, its height and the jobs it names.
    static func dialog(_ state: DashboardState) -> (any CancelDialogComponent, Int, [JobID])? {
        switch state.prompt {
        case .confirmCancel(let target)?:
            (ConfirmDialogView(target: target, profile: state.options.profile), ConfirmDialogView.height, [target.id])
        case .confirmMarkedCancel(let marked)?:
            (
                MarkedCancelDialogView(marked: marked, profile: state.options.profile), MarkedCancelDialogView.height,
                marked.targets.map(\.id)
            )
        case .confirmViewCancel(let view, let typed)?:
            (
                ViewCancelDialogView(view: view, typed: typed, profile: state.options.profile),
                ViewCancelDialogView.height, view.targets.map(\.id)
            )
        default:
            nil
        }
    }

    /// True when the open cancel dialog would be drawn whole at the state's size
    /// (the same test the frame's `FrameJobs.dialog` comes from); false with no dialog.
    static func dialogFitsWhole(_ state: DashboardState) -> Bool {
        let layout = DashboardLayout(width: state.width, height: state.height)
        guard layout.fits, let (dialog, height, _) = dialog(state) else { return false }
        return dialog.isWhole(in: layout.dialog(height: height))
    }

    /// The job on each table row, by screen row, hit-tested as a click would be (`DashboardLayout.tableSpot`):
    /// the rows of the state's `TableWindow`, which the table draws.
    private static func tableRowJobs(_ state: DashboardState, layout: DashboardLayout) -> [Int: JobID] {
        var rows: [Int: JobID] = [:]
        for row in layout.body.rows {
            guard case .jobRow(let offset) = layout.tableSpot(row: row, column: 0) else { continue }
            if state.window.lines.indices.contains(offset) { rows[row] = state.window.lines[offset].row.job.id }
        }
        return rows
    }
}

/// A cancel confirmation box: it can tell whether a region shows it whole.
protocol CancelDialogComponent: DashboardComponent {
    func isWhole(in region: DashboardLayout.Region) -> Bool
}

extension ConfirmDialogView: CancelDialogComponent {}
extension MarkedCancelDialogView: BoxedDialog {}
extension ViewCancelDialogView: BoxedDialog {}
