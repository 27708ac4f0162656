import Foundation

/// Something the user should be told (the footer's last message, the audit log).
public struct EngineNotice: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case info
        case warning
        /// The outcome of a cancel, for the audit log.
        case cancelOutcome(jobID: String, type: String, outcome: CancelOutcome)
    }

    public var kind: Kind
    public var text: String
    public var at: Date

    public init(kind: Kind, text: String, at: Date) {
        self.kind = kind
        self.text = text
        self.at = at
    }
}
