import FoundationEssentials

/// Where a cancel of one job stands.
public enum CancelState: Sendable, Hashable {
    case none
    /// Confirmed by the user; waiting for a free slot to send.
    case pending(requestedAt: Date)
    /// Sent; waiting for the server's answer.
    case sending(requestedAt: Date)
    /// The server accepted it; polling until the verification's verdict.
    case requested(CancelVerification)
    /// Still running after the configured number of polls.
    case notHonoured(acceptedAt: Date)
    /// The server refused it; the job is unchanged.
    case failed(String)
    /// Sent, but its answer was lost: the job stays polled, `c` may retry.
    case unknown(String)

    var isVerifying: Bool {
        if case .requested = self { return true }
        return false
    }

    /// A cancel is under way or done in a way the row must show.
    public var isOutstanding: Bool {
        switch self {
        case .pending, .sending, .requested: true
        default: false
        }
    }
}
