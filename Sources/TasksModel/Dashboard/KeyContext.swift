/// Where a key is pressed: each context has its own bindings.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// The job table.
    case table
    /// The details pane of one job.
    case details
    /// The help screen: any key not bound here goes back.
    case help
    /// The cancel confirmation: any key not bound here keeps the job running.
    case confirm
    /// Editing a search: a printable character not bound here is typed.
    case search
    /// Typing a job id to open (`:`): a printable character not bound here is typed.
    case openJob
    /// The audit screen (`a`): this server's cancel attempts.
    case audit
    /// The cancel of a whole view (`C`): the count (or y) is typed, then Enter.
    case confirmView
}
