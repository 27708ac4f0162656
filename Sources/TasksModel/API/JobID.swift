/// A job's id exactly as the server wrote it.
///
/// Swift's `String` compares and hashes by canonical equivalence, so
/// `"job_café"` (é as one code point) and `"job_cafe\u{301}"` (e and a
/// combining accent) are one `String` key, though the server holds two jobs
/// under them and routes `/jobs/{id}` by bytes. A cancel must reach the job
/// the user saw named, so identity here is the UTF-8 bytes: two ids that
/// differ in any byte are two jobs. Ids are shown sanitised
/// (`TerminalText`), never normalised.
public struct JobID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id's text, bytes untouched (for URLs, JSON, the audit log and display).
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { self.text = value }

    public var description: String { text }

    public var isEmpty: Bool { text.utf8.isEmpty }

    public static func == (lhs: JobID, rhs: JobID) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }

    /// Byte order: a total order that agrees with `==` (String's `<` does not tell canonically equivalent ids apart).
    public static func < (lhs: JobID, rhs: JobID) -> Bool {
        lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }

    /// True when every byte is visible ASCII (0x21–0x7E): the id shows as it is spelled.
    public var isPlainASCII: Bool { text.utf8.allSatisfy { (0x21...0x7E).contains($0) } }

    /// The id with everything but visible ASCII written as `\u{…}`: two ids
    /// that look alike on screen read differently here.
    public var escaped: String {
        var out = ""
        for scalar in text.unicodeScalars {
            if (0x21...0x7E).contains(scalar.value), scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }
}
