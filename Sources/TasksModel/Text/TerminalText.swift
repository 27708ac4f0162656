import CTextWidth

/// What the terminal can show: full UTF-8, or ASCII only (a non-UTF-8 locale).
public enum TextProfile: Sendable, Hashable {
    case utf8
    case ascii
}

/// Makes untrusted text safe and measurable for a terminal.
///
/// Everything a server sends (type, title, step, error message) goes through
/// `sanitize` before it is measured or drawn: control characters become
/// visible placeholders, bidi and zero-width characters are removed, so no
/// byte sequence from the server can move the cursor, set the window title,
/// write the clipboard or reorder a row. Widths come from wcwidth(3), the
/// function ncursesw itself uses, so the layout and the painter agree.
public enum TerminalText {
    /// Scalars read from one field for one line: a 1 MB step text costs no more than this.
    public static let lineScalarLimit = 2048

    /// Safe text for one line of the terminal.
    public static func sanitize(_ text: String, profile: TextProfile, scalarLimit: Int = lineScalarLimit) -> String {
        // The token never reaches the terminal, whatever text carries it.
        let text = Redaction.redact(text, scalarLimit: scalarLimit)
        var result = String.UnicodeScalarView()
        var marksOnBase = 0
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > scalarLimit { break }
            let value = scalar.value
            if removed(value) { continue }
            // A skin-tone modifier after its emoji: wcwidth counts 2 more
            // columns that the terminal does not draw. Keep the base alone.
            if scalar.properties.isEmojiModifier, let last = result.last, last.properties.isEmojiModifierBase {
                continue
            }
            if let placeholder = placeholder(value, profile: profile) {
                result.append(placeholder)
                marksOnBase = 0
                continue
            }
            if profile == .ascii {
                if value > 0x7E {
                    // One "?" per visible character: combining marks add nothing.
                    if tt_wcwidth(value) == 0 || isCombining(value) { continue }
                    result.append("?")
                } else {
                    result.append(scalar)
                }
                continue
            }
            let width = tt_wcwidth(value)
            if width < 0 {
                result.append("\u{FFFD}")
                marksOnBase = 0
            } else if width == 0 {
                // A combining mark: only on a base character, and at most two,
                // so twenty stacked marks cannot overflow a cell.
                guard !result.isEmpty, marksOnBase < 2 else { continue }
                result.append(scalar)
                marksOnBase += 1
            } else {
                result.append(scalar)
                marksOnBase = 0
            }
        }
        return String(result)
    }

    /// Columns `text` (already sanitized) takes.
    public static func width(_ text: String) -> Int { width(text.unicodeScalars) }

    /// Columns one character takes.
    public static func width(_ character: Character) -> Int { width(character.unicodeScalars) }

    private static func width(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
        var total = 0
        for scalar in scalars {
            let width = Int(tt_wcwidth(scalar.value))
            if width > 0 { total += width }
        }
        return total
    }

    /// Cuts sanitized text to at most `columns`, never inside a character,
    /// ending with an ellipsis when something was cut. Returns the text and its width.
    public static func truncate(_ text: String, to columns: Int, profile: TextProfile) -> (String, Int) {
        guard columns > 0 else { return ("", 0) }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = self.width(text[index])
            if used + width > columns {
                // Does not fit: cut, leaving room for the ellipsis.
                let ellipsis = profile == .utf8 ? "…" : "~"
                var kept = text[text.startIndex..<end]
                var keptWidth = used
                while keptWidth + 1 > columns, let last = kept.last {
                    keptWidth -= self.width(last)
                    kept = kept.dropLast()
                }
                return (String(kept) + ellipsis, keptWidth + 1)
            }
            used += width
            end = text.index(after: index)
        }
        return (text, used)
    }

    /// Sanitizes, truncates and pads to exactly `columns`.
    public static func fit(_ text: String, _ columns: Int, profile: TextProfile, alignRight: Bool = false) -> String {
        let (cut, width) = truncate(sanitize(text, profile: profile), to: columns, profile: profile)
        let padding = String(repeating: " ", count: max(0, columns - width))
        return alignRight ? padding + cut : cut + padding
    }

    /// Sets LC_CTYPE from the environment; true when it is UTF-8.
    public static func adoptEnvironmentLocale() -> Bool { tt_setlocale_from_environment() != 0 }

    /// Switches LC_CTYPE to C.UTF-8 so widths are known: for tests and tools.
    @discardableResult
    public static func useUTF8Locale() -> Bool { tt_use_utf8_locale() != 0 }

    /// True for a character `sanitize` drops: bidi controls, every width-0
    /// format character (general category Cf), variation selectors, the
    /// combining grapheme joiner and the Hangul fillers, which terminals draw
    /// with widths no two agree on.
    public static func isRemoved(_ scalar: Unicode.Scalar) -> Bool { removed(scalar.value) }

    /// True for a character `sanitize` replaces with a placeholder: C0, DEL, C1,
    /// line and paragraph separators, surrogates.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        placeholder(scalar.value, profile: .ascii) != nil
    }

    private static func removed(_ value: UInt32) -> Bool {
        switch value {
        case 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0:  // grapheme joiner, Hangul fillers
            return true
        case 0x17B4, 0x17B5, 0x206A...0x206F, 0xFFF9...0xFFFB, 0x1D173...0x1D17A:  // width-0 format
            return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:  // bidi controls
            return true
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E:  // zero-width
            return true
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0xE0000...0xE007F:  // variation selectors, tags
            return true
        case 0x00...0x7F:
            return false
        default:
            // Every other format character (Cf): invisible, width 0 or worse.
            return Unicode.Scalar(value).map { $0.properties.generalCategory == .format } ?? false
        }
    }

    private static func placeholder(_ value: UInt32, profile: TextProfile) -> Unicode.Scalar? {
        switch value {
        case 0x00...0x1F:
            return profile == .utf8 ? Unicode.Scalar(0x2400 + value) : "?"
        case 0x7F:
            return profile == .utf8 ? "\u{2421}" : "?"
        case 0x80...0x9F, 0x2028, 0x2029, 0xD800...0xDFFF:
            return profile == .utf8 ? "\u{FFFD}" : "?"
        default:
            return nil
        }
    }

    private static func isCombining(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x1AB0...0x1AFF).contains(value) || (0x1DC0...0x1DFF).contains(value)
            || (0x20D0...0x20FF).contains(value) || (0xFE20...0xFE2F).contains(value)
    }
}
