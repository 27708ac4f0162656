/// URLs in server text (a job's result and error): where they are, which may
/// be links, and the OSC 8 bytes that make one. A URL is linked only when
/// every character of it is printable ASCII valid in a URL: a candidate with
/// a control character, ESC, BEL, a C1 control, a bidi or other non-ASCII
/// character, a backslash or a bad `%` escape is shown as plain (sanitized)
/// text, never linked, so nothing in it can end the OSC early or make the
/// link's target differ from what the pane shows.
public enum Hyperlink {
    /// The longest URL linked; longer ones are plain text (VTE ignores links
    /// over 2083 bytes, and a link is for clicking, not for megabytes).
    public static let maximumLength = 2083

    /// A piece of a line: plain text, or a URL to link (`url` is then the text).
    public struct Piece: Sendable, Hashable {
        public var text: String
        public var url: String?

        public init(_ text: String, url: String? = nil) {
            self.text = text
            self.url = url
        }
    }

    /// `raw` (unsanitized server text) cut into plain pieces and linkable URLs,
    /// in order; joined, the pieces' texts are `raw`. Only `http://` and
    /// `https://` URLs are found, and only those `isLinkable` accepts are URLs.
    public static func pieces(_ raw: String) -> [Piece] {
        let scalars = Array(raw.unicodeScalars)
        // Fast path: most lines have no URL at all.
        guard raw.utf8.count >= 8, raw.lowercased().contains("http") else { return raw.isEmpty ? [] : [Piece(raw)] }
        var pieces: [Piece] = []
        var plainStart = 0
        var index = 0
        while index < scalars.count {
            guard startsURL(scalars, at: index) else {
                index += 1
                continue
            }
            // The scan stops one past the longest link: a longer run is plain
            // text, skipped to its delimiter without building or trimming it
            // (hostile text of megabytes of `)` stays linear).
            let limit = min(scalars.count, index + maximumLength + 1)
            var end = index
            while end < limit, !isDelimiter(scalars[end]) { end += 1 }
            if end == index + maximumLength + 1 {
                while end < scalars.count, !isDelimiter(scalars[end]) { end += 1 }
                index = end
                continue
            }
            end = trimmedEnd(scalars, from: index, to: end)
            let candidate = String(String.UnicodeScalarView(scalars[index..<end]))
            if isLinkable(candidate) {
                if plainStart < index {
                    pieces.append(Piece(String(String.UnicodeScalarView(scalars[plainStart..<index]))))
                }
                pieces.append(Piece(candidate, url: candidate))
                plainStart = end
            }
            index = max(end, index + 1)
        }
        if plainStart < scalars.count {
            pieces.append(Piece(String(String.UnicodeScalarView(scalars[plainStart...]))))
        }
        return pieces
    }

    /// True when `candidate` may be the target of an OSC 8 link: `http` or
    /// `https` (any case), a host, at most `maximumLength` characters, and
    /// nothing but the characters RFC 3986 allows (letters, digits,
    /// `-._~:/?#[]@!$&'()*+,;=` and `%` with two hex digits).
    public static func isLinkable(_ candidate: String) -> Bool {
        let bytes = Array(candidate.utf8)
        guard bytes.count <= maximumLength, bytes.count == candidate.unicodeScalars.count else { return false }
        let lower = candidate.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, !"/?#@:".contains(first) else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isURLByte(byte) else { return false }
            index += 1
        }
        return true
    }

    /// The bytes that start a link to `url` (which `isLinkable` accepted): `ESC ] 8 ; ; url ESC \`.
    public static func open(_ url: String) -> String { "\u{1B}]8;;" + url + "\u{1B}\\" }

    /// The bytes that end a link: `ESC ] 8 ; ; ESC \`.
    public static let close = "\u{1B}]8;;\u{1B}\\"

    // MARK: Finding candidates

    private static func startsURL(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        // Not inside a word or another scheme ("xhttp://", "git+https://").
        if index > 0 {
            let before = scalars[index - 1]
            if before.properties.isAlphabetic || ("0"..."9").contains(before) || "+-.".unicodeScalars.contains(before) {
                return false
            }
        }
        for prefix in ["https://", "http://"] {
            let wanted = Array(prefix.unicodeScalars)
            guard index + wanted.count < scalars.count else { continue }
            if zip(scalars[index..<(index + wanted.count)], wanted).allSatisfy({ lowered($0) == $1 }) { return true }
        }
        return false
    }

    /// What ends a candidate: white space and the characters that delimit
    /// URLs in text and JSON. Anything else, even a control, is part of it
    /// (and then makes it plain text).
    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || "\"<>`{}|^".unicodeScalars.contains(scalar)
    }

    /// Drops punctuation that ends a sentence rather than the URL: `.,;:!?'`,
    /// and a closing bracket with no opening one inside the URL.
    private static func trimmedEnd(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        // The brackets are counted once, then kept up to date as the end moves.
        var parens = 0  // closes minus opens of `(`/`)`
        var squares = 0  // closes minus opens of `[`/`]`
        for scalar in scalars[start..<end] {
            switch scalar {
            case "(": parens -= 1
            case ")": parens += 1
            case "[": squares -= 1
            case "]": squares += 1
            default: break
            }
        }
        var end = end
        while end > start {
            let last = scalars[end - 1]
            if ".,;:!?'*".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" {
                guard parens > 0 else { break }
                parens -= 1
                end -= 1
            } else if last == "]" {
                guard squares > 0 else { break }
                squares -= 1
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func isURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=".utf8.contains(byte)
        }
    }
}
