import Foundation

/// An API token that cannot leak through string interpolation.
///
/// Its description, debug description and reflection all say `<redacted>`;
/// only `headerValue` yields the secret, and only the HTTP client calls it.
public struct BearerToken: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible,
    CustomReflectable
{
    private let secret: String

    /// Nil for an empty or whitespace-only token. Surrounding white space
    /// (a token file's trailing newline) is removed.
    public init?(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

    /// `Bearer <token>`, for the Authorization header.
    public var headerValue: String { "Bearer \(secret)" }

    /// Replaces every occurrence of the secret in `text`.
    public func redact(_ text: String) -> String {
        text.replacingOccurrences(of: secret, with: "<redacted>")
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
