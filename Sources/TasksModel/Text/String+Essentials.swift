#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few text operations we used from full Foundation, written on the
/// standard library so that nothing links ICU (34 MB of the binary): trimming
/// as `trimmingCharacters(in:)` does (by Unicode scalar, with Foundation's
/// definitions of whitespace), padding, and a number to one decimal.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`).
    public func trimmingSpaces() -> String { trimmingScalars(where: ScalarClass.isSpace) }

    /// Without leading and trailing whitespace and line ends (Foundation's `.whitespacesAndNewlines`).
    public func trimmingWhitespace() -> String { trimmingScalars(where: ScalarClass.isWhitespaceOrNewline) }

    /// Without leading and trailing scalars found in `characters`.
    public func trimming(anyOf characters: String) -> String {
        let set = Set(characters.unicodeScalars)
        return trimmingScalars(where: { set.contains($0) })
    }

    /// Without trailing whitespace and line ends (a table row's padding).
    public func droppingTrailingWhitespace() -> String {
        var scalars = String(self).unicodeScalars
        // As the regular expression `\s+$` did: the zero-width space is not `\s`.
        while let last = scalars.last, last != "\u{200B}", ScalarClass.isWhitespaceOrNewline(last) {
            scalars.removeLast()
        }
        return String(scalars)
    }

    /// Each `scalar` replaced by `replacement`, scalar by scalar: a `;` that a
    /// combining mark follows is still a `;` (comparing `Character`s would miss it).
    public func replacingScalar(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for each in String(self).unicodeScalars {
            if each == scalar { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(each) }
        }
        return String(out)
    }

    /// Left-aligned in `width` characters, padded with spaces on the right (never cut).
    public func rightPadded(to width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - count))
    }

    /// Right-aligned in `width` characters, padded with `pad` on the left (never cut).
    public func leftPadded(to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: Swift.max(0, width - count)) + self
    }

    private func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
            let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// Foundation's character classes, by scalar.
enum ScalarClass {
    /// Tab, Unicode's Zs, and the zero-width space (Zs in Unicode 3, and still in Foundation's set).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        isSpace(scalar) || (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85
            || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}

/// Numbers as text without `String(format:)`.
public enum NumberText {
    /// `value` to one decimal exactly as `printf("%.1f")` writes it (the C library's
    /// rounding of the binary value: 0.25 is `0.2`), without `String(format:)`.
    public static func oneDecimal(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        _ = withVaList([value]) { arguments in vsnprintf(&buffer, buffer.count, "%.1f", arguments) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `value` in at least `width` characters, zeros after the sign: `07`, `-5` (as `%02d`).
    public static func zeroPadded(_ value: Int, digits width: Int) -> String {
        let text = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - text.count)) + text
    }
}
