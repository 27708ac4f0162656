/// Which screen is showing.
public enum Screen: Sendable, Hashable {
    case table
    case details(id: JobID, scroll: Int)
    case help
    /// `a`: this server's cancel attempts from the audit log, newest first; `selected` is the line under the cursor.
    case audit(selected: Int)
}
