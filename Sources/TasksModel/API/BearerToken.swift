import FoundationEssentials

/// An API token that cannot leak through string interpolation.
///
/// Its description, debug description and reflection all say `<redacted>`;
/// only `headerValue` yields the secret, and only the HTTP client calls it.
///
/// A token is visible ASCII only (0x21–0x7E), at most `maxBytes` bytes:
/// anything else is refused where it is loaded (`load(_:source:)`), before
/// any request, so no HTTP library ever sees it and echoes it back in an
/// error of its own.
public struct BearerToken: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible,
    CustomReflectable
{
    /// The longest token accepted, in bytes.
    public static let maxBytes = 4096

    private let secret: String

    /// Nil for an empty or blank token, and for one that `problem(in:)`
    /// refuses. Surrounding spaces, tabs and line ends (a token file's
    /// trailing newline) are removed.
    public init?(_ secret: String) {
        let trimmed = Self.trimmed(secret)
        guard !trimmed.isEmpty, Self.problem(in: trimmed) == nil else { return nil }
        self.secret = trimmed
    }

    /// The token in `raw`, read from `source` ("TASKS_API_TOKEN", "the token
    /// file PATH"): nil when blank, a `SettingsError` naming the source (never
    /// echoing the token) when it holds anything but visible ASCII or is too long.
    public static func load(_ raw: String, source: String) throws(SettingsError) -> BearerToken? {
        let trimmed = trimmed(raw)
        guard !trimmed.isEmpty else { return nil }
        if let problem = problem(in: trimmed) {
            throw SettingsError(
                "the API token from \(source) \(problem); a token is 1 to \(maxBytes) visible ASCII characters "
                    + "(0x21-0x7E), so it was not used")
        }
        return BearerToken(trimmed)
    }

    /// Why `token` (already trimmed) is not a usable token, in words that do not quote it.
    static func problem(in token: String) -> String? {
        let bytes = token.utf8
        if bytes.count > maxBytes { return "is \(bytes.count) bytes long, over \(maxBytes)" }
        for byte in bytes where !(0x21...0x7E).contains(byte) {
            switch byte {
            case 0x20: return "holds a space"
            case 0x7F: return "holds a DEL byte"
            case ..<0x20:
                return "holds a control byte (0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)))"
            default: return "holds a byte outside ASCII"
            }
        }
        return nil
    }

    private static func trimmed(_ text: String) -> String {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !blank.contains($0) }),
            let last = bytes.lastIndex(where: { !blank.contains($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// `Bearer <token>`, for the Authorization header.
    public var headerValue: String { "Bearer \(secret)" }

    /// Replaces every form of the secret in `text` (raw, escaped,
    /// percent-encoded, JSON-escaped, base64): `Redactor`.
    public func redact(_ text: String) -> String {
        Redactor(secrets: [secret]).redact(text)
    }

    /// The secret's redactor, to install process-wide (`Redaction.install`).
    public var redactor: Redactor { Redactor(secrets: [secret]) }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
