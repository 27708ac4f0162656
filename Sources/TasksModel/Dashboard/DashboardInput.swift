import FoundationEssentials

/// What the dashboard reacts to: everything that reaches `DashboardState.update`.
/// Called an input, not a message, so "message" means only the footer's.
public enum DashboardInput: Sendable {
    case key(Key, at: Date)
    case tick(Date)
    /// A request finished (from the executor).
    case engine(EngineEvent)
    case resize(width: Int, height: Int)
    /// Text the terminal delivered as a bracketed paste: never read as keys.
    /// It goes into the open text prompt, or nowhere. `complete` is false
    /// when the terminal never sent the paste's end and it was cut after a second.
    case paste(String, complete: Bool = true)
    /// A click or a wheel notch (only when mouse reporting is on): what it does depends on where it is.
    case mouse(MouseEvent, at: Date)
    /// The loop put this frame on the screen (`Frame.jobs`): a dialog drawn
    /// whole in it may now be answered, and clicks land on its rows.
    case painted(FrameJobs)
    /// A cancel outcome could not be written to the audit log (why): the footer says so.
    case auditFailed(String)
    /// The audit log, read for the audit screen (`DashboardEffect.readAuditLog`).
    case auditRead(AuditRead)
}
