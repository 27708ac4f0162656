import Foundation

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
            canvas.draw(DetailsView(state: state, id: id, scroll: scroll), in: layout.body)
        case .help:
            canvas.draw(state.helpView, in: layout.body)
        }
        canvas.draw(MessageLineView(state: state), in: layout.message)
        canvas.draw(HintLineView(state: state), in: layout.hints)
        if case .confirmCancel(let target)? = state.prompt {
            canvas.draw(
                ConfirmDialogView(target: target, profile: state.options.profile),
                in: layout.dialog(height: ConfirmDialogView.height))
        }
        if case .confirmMarkedCancel(let marked)? = state.prompt {
            canvas.draw(
                MarkedCancelDialogView(marked: marked, profile: state.options.profile),
                in: layout.dialog(height: MarkedCancelDialogView.height))
        }
        return canvas.frame
    }
}
