/// The audit log as the dashboard's audit screen got it: this server's
/// entries newest first, or why there are none to show.
public enum AuditRead: Sendable, Hashable {
    /// The entries for this server, newest first; `skipped`: lines of the
    /// file that could not be read; `path`: where the log is.
    case entries([AuditEntry], skipped: Int, path: String)
    /// No log to read, in words: none written yet, the demo, a file that cannot be read.
    case unavailable(String)

    /// The entries shown (none when unavailable).
    public var entries: [AuditEntry] {
        if case .entries(let entries, _, _) = self { entries } else { [] }
    }
}
