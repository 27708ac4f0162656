import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes secrets from text, in every form a library or a format may have
/// turned them into: raw; Swift-escaped (`\u{1B}`, as `String(reflecting:)`
/// and an array's description write it); C-escaped (`\x1b`, `\x1B`);
/// percent-encoded (any of the URL component sets, either hex case);
/// JSON-escaped (`\u001b`, `\/`, either hex case, short escapes or not);
/// base64 and base64url at any alignment (the part of the encoding that only
/// the secret's bytes decide). Each is replaced by `<redacted>`.
///
/// Matching is on UTF-8 bytes; a text holding no form costs one `memmem`
/// per form.
public struct Redactor: Sendable {
    public static let marker = "<redacted>"

    /// Every form, longest first, no duplicates, none empty.
    let patterns: [[UInt8]]
    let secrets: [String]

    public init(secrets: [String]) {
        let kept = secrets.filter { !$0.isEmpty }
        self.secrets = kept
        var seen = Set<[UInt8]>()
        var patterns: [[UInt8]] = []
        for secret in kept {
            for form in Self.forms(of: secret) where !form.isEmpty && seen.insert(form).inserted {
                patterns.append(form)
            }
        }
        self.patterns = patterns.sorted { $0.count > $1.count }
    }

    /// True when there is nothing to remove.
    public var isEmpty: Bool { patterns.isEmpty }

    /// This redactor and `other`'s secrets together.
    public func adding(_ other: Redactor) -> Redactor {
        Redactor(secrets: secrets + other.secrets.filter { !secrets.contains($0) })
    }

    /// `text` with every form of every secret replaced by `<redacted>`. If
    /// replacing made a new occurrence (a secret built around the marker),
    /// the whole text is replaced: what is returned never holds a form.
    public func redact(_ text: String) -> String {
        guard !patterns.isEmpty else { return text }
        guard Self.containsAny(patterns, in: text) else { return text }
        var bytes = Array(text.utf8)
        for _ in 0..<4 {
            for pattern in patterns { bytes = Self.replace(pattern, in: bytes) }
            if !patterns.contains(where: { Self.find($0, in: bytes) != nil }) {
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return Self.marker
    }

    // MARK: Matching

    private static func containsAny(_ patterns: [[UInt8]], in text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer in
            patterns.contains { find($0, in: UnsafeRawBufferPointer(buffer)) != nil }
        }) {
            return found
        }
        let bytes = Array(text.utf8)
        return patterns.contains { find($0, in: bytes) != nil }
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { find(pattern, in: $0) }
    }

    private static func find(_ pattern: [UInt8], in buffer: UnsafeRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress, buffer.count >= pattern.count else { return nil }
        return pattern.withUnsafeBytes { needle -> Int? in
            // memchr for the first byte, memcmp for the rest (memmem is not in Glibc's Swift module).
            let first = Int32(pattern[0])
            let last = buffer.count - pattern.count
            var offset = 0
            while offset <= last {
                guard let hit = memchr(base + offset, first, last - offset + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }

    private static func replace(_ pattern: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard var at = find(pattern, in: bytes) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        let marker = Array(Self.marker.utf8)
        while true {
            out += bytes[start..<(start + at)]
            out += marker
            start += at + pattern.count
            guard let next = bytes[start...].withUnsafeBytes({ find(pattern, in: $0) }) else { break }
            at = next
        }
        out += bytes[start...]
        return out
    }

    // MARK: Forms

    /// The forms of `secret` that are removed, as UTF-8 bytes.
    static func forms(of secret: String) -> [[UInt8]] {
        let bytes = Array(secret.utf8)
        var texts: [String] = [secret]
        // Swift: String(reflecting:) and what an array or a case payload prints.
        let swift = String(String(reflecting: secret).dropFirst().dropLast())
        texts.append(swift)
        texts.append(secret.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())
        // C: \x1b, with or without \\ and \" escaped, named escapes or not.
        var cForms: [String] = []
        for upper in [false, true] {
            for quotes in [false, true] {
                for named in [false, true] {
                    cForms.append(cEscaped(bytes, upper: upper, quotes: quotes, named: named))
                }
            }
        }
        texts += cForms
        // JSON: of the raw secret and of its escaped forms (a log line holding an error's words).
        for source in [secret, swift] + cForms {
            texts += jsonForms(source)
            // As the encoders in use write it: `--json` (JSONValue) and Foundation's JSONEncoder.
            texts.append(String(JSONValue.string(source).encoded().dropFirst().dropLast()))
            if let data = try? JSONEncoder().encode(source) {
                texts.append(String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()))
            }
        }
        var forms = texts.map { Array($0.utf8) }
        // Percent-encoded, with each component's allowed set, either hex case.
        // (nil: RFC 3986's unreserved characters; then letters and digits only; then nothing kept.)
        // The rest are Foundation's URL component sets (query and fragment, path, user and password, host), in ASCII.
        let alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        let subDelimiters = "-._~!$&'()*+,;="
        let sets: [String?] = [
            nil, alphanumerics, "",
            alphanumerics + subDelimiters + ":@/?",
            alphanumerics + "-._~!$&'()*+,=:@/",
            alphanumerics + subDelimiters,
            alphanumerics + subDelimiters + ":[]",
        ]
        for set in sets {
            for upper in [false, true] {
                forms.append(Array(percentEncoded(bytes, allowed: set, upper: upper).utf8))
                forms.append(Array(percentEncoded(bytes, allowed: set, upper: upper, plusForSpace: true).utf8))
            }
        }
        forms += base64Cores(bytes)
        return forms
    }

    private static func hex(_ byte: UInt8, upper: Bool) -> String {
        let digits = String(byte, radix: 16, uppercase: upper)
        return byte < 16 ? "0" + digits : digits
    }

    private static func cEscaped(_ bytes: [UInt8], upper: Bool, quotes: Bool, named: Bool) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\") where quotes: out += "\\\\"
            case UInt8(ascii: "\"") where quotes: out += "\\\""
            case 0x09 where named: out += "\\t"
            case 0x0A where named: out += "\\n"
            case 0x0D where named: out += "\\r"
            case 0x1B where named: out += "\\e"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + hex(byte, upper: upper)
            }
        }
        return out
    }

    private static func jsonForms(_ text: String) -> [String] {
        var out: [String] = []
        for upper in [false, true] {
            for short in [false, true] {
                for slash in [false, true] {
                    for ascii in [false, true] {
                        out.append(jsonEscaped(text, upper: upper, short: short, slash: slash, ascii: ascii))
                    }
                }
            }
        }
        return out
    }

    private static func jsonEscaped(_ text: String, upper: Bool, short: Bool, slash: Bool, ascii: Bool) -> String {
        var out = ""
        func unit(_ value: UInt16) {
            let digits = String(value, radix: 16, uppercase: upper)
            out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where slash: out += "\\/"
            case "\u{08}" where short: out += "\\b"
            case "\u{0C}" where short: out += "\\f"
            case "\n" where short: out += "\\n"
            case "\r" where short: out += "\\r"
            case "\t" where short: out += "\\t"
            default:
                if scalar.value < 0x20 || (ascii && scalar.value > 0x7E) {
                    for value in String(scalar).utf16 { unit(value) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func percentEncoded(
        _ bytes: [UInt8], allowed: String?, upper: Bool, plusForSpace: Bool = false
    ) -> String {
        var out = ""
        for byte in bytes {
            let scalar = Unicode.Scalar(byte)
            let unreserved =
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if byte == 0x20 && plusForSpace {
                out += "+"
            } else if byte < 0x80 && (allowed.map { $0.utf8.contains(byte) } ?? unreserved) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + hex(byte, upper: upper)
            }
        }
        return out
    }

    /// The characters of the base64 (and base64url) encoding that only the
    /// secret's bytes decide, for each of the three alignments it can start at.
    private static func base64Cores(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for offset in 0..<3 {
            let encoded = Data([UInt8](repeating: 0, count: offset) + bytes).base64EncodedString()
            var chars = Array(encoded.utf8.filter { $0 != UInt8(ascii: "=") })
            let leading = [0, 2, 3][offset]
            let trailing = (offset + bytes.count) % 3 == 0 ? 0 : 1
            guard chars.count - leading - trailing >= 4 else { continue }
            chars = Array(chars[leading..<(chars.count - trailing)])
            out.append(chars)
            out.append(
                chars.map {
                    $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0
                })
        }
        return out
    }
}
