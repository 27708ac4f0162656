import Foundation

/// What the dashboard reacts to: everything that reaches `DashboardState.update`.
/// Called an input, not a message, so "message" means only the footer's.
public enum DashboardInput: Sendable {
    case key(Key, at: Date)
    case tick(Date)
    /// A request finished (from the executor).
    case engine(EngineEvent)
    case resize(width: Int, height: Int)
    /// Text the terminal delivered as a bracketed paste: never read as keys.
    /// It goes into the open text prompt, or nowhere.
    case paste(String)
    /// A click or a wheel notch (only when mouse reporting is on): what it does depends on where it is.
    case mouse(MouseEvent, at: Date)
    /// The loop put the last frame on the screen: a dialog drawn in it may now be answered.
    case painted
    /// A cancel outcome could not be written to the audit log (why): the footer says so.
    case auditFailed(String)
}
