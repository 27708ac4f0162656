import FoundationEssentials

/// The last message for the footer: the only thing the dashboard calls a message.
public struct FooterMessage: Sendable, Hashable {
    /// How the footer shows a message: plain, or in red when something went wrong.
    public enum Severity: Sendable, Hashable {
        case info, warning
    }

    public var text: String
    public var at: Date
    public var severity: Severity

    public init(text: String, at: Date, severity: Severity) {
        (self.text, self.at, self.severity) = (text, at, severity)
    }
}
