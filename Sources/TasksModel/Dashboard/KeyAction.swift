/// What a key does. `DashboardState` carries actions out; the keymap only names them.
public enum KeyAction: String, Sendable, Hashable, CaseIterable {
    case up, down, pageUp, pageDown, first, last
    case openDetails, back
    case cancel, refresh, togglePause, cycleFilter, beginSearch, cycleSort, cycleTimes
    case toggleSupport
    /// Space: mark or unmark the selected job for a cancel of several.
    case toggleMark
    /// `w`: watch the selected job (bell and notification when it ends), or stop.
    case toggleWatch
    case showHelp, quit, redraw, clearSearch
    /// The confirmation's yes, and its no (any other key).
    case confirm, declineCancel
    /// Search: keep the draft, undo it, delete a character, type one.
    case keepSearch, undoSearch, deleteCharacter, typeCharacter
    /// Open a job by id: the prompt, its Enter and its Esc.
    case beginOpen, submitOpen, cancelOpen
    /// Copy the selected (or shown) job's id to the clipboard, by OSC 52.
    case copyID
    /// `a`: the audit screen; Enter there opens the selected line's job.
    case showAudit, openAuditJob
    /// `C`: cancel every active job of the view; Enter in its dialog checks what was typed.
    case cancelView, submitCount
}
