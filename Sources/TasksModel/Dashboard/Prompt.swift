/// A one-line question or input at the bottom of the screen.
public enum Prompt: Sendable, Hashable {
    case confirmCancel(CancelTarget)
    /// `c` with jobs marked (Space): one confirmation for all of them.
    case confirmMarkedCancel(MarkedCancel)
    /// Editing a search; `previous` is restored by Esc.
    case search(draft: String, previous: String)
    /// Typing a job id to open (`:`); Esc leaves it.
    case openJob(draft: String)
    /// `C`: cancel every active job of the view; `typed` is what was typed to confirm (`CountConfirmation`).
    case confirmViewCancel(ViewCancel, typed: String)
}

extension Prompt {
    /// A cancel confirmation (of one job or of the marked ones).
    public var isCancelDialog: Bool {
        switch self {
        case .confirmCancel, .confirmMarkedCancel, .confirmViewCancel: true
        case .search, .openJob: false
        }
    }
}
