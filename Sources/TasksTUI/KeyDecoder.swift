import CNcurses
import TasksModel

/// Turns what `wget_wch` returned into a key, with no curses state involved,
/// so every byte and key code the terminal can send is testable without a
/// terminal.
enum KeyDecoder {
    /// The key codes `Terminal` asks curses to report for the start and end of a bracketed paste.
    static let pasteStart = KEY_MAX + 1
    static let pasteEnd = KEY_MAX + 2

    /// Decodes one `wget_wch` result.
    ///
    /// - Parameters:
    ///   - result: `wget_wch`'s return value: `ERR` (nothing waiting),
    ///     `KEY_CODE_YES` (`code` is a function key such as `KEY_UP`), or `OK`
    ///     (`code` is a character).
    ///   - code: the character or key code it stored.
    ///
    /// Keys the dashboard has no use for decode to `.none` rather than to a
    /// character, so they can never be typed into a search: Tab, unknown
    /// function keys, C0 controls other than the ones named here, and C1
    /// controls (U+0080–U+009F, which a terminal would act on if echoed).
    static func decode(result: Int32, code: UInt32) -> Terminal.Input {
        if result == ERR { return .none }
        if result == KEY_CODE_YES { return functionKey(Int32(truncatingIfNeeded: code)) }
        return character(code)
    }

    /// A mouse event as `getmouse` gave it: its button state and cell. Only a
    /// left press and the wheel mean something; a release, another button or
    /// a cell off the screen (curses may give -1) is nothing.
    static func mouse(state: mmask_t, row: Int32, column: Int32) -> Terminal.Input {
        guard row >= 0, column >= 0 else { return .none }
        let kind: MouseEvent.Kind
        if state & tt_button1_pressed() != 0 {
            kind = .press
        } else if state & tt_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & tt_button5_pressed() != 0 {
            kind = .wheelDown
        } else {
            return .none
        }
        return .mouse(MouseEvent(row: Int(row), column: Int(column), kind: kind))
    }

    /// A curses key code (`KEY_*`).
    private static func functionKey(_ code: Int32) -> Terminal.Input {
        switch code {
        case KEY_RESIZE: .resize
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_PPAGE: .key(.pageUp)
        case KEY_NPAGE: .key(.pageDown)
        case KEY_HOME: .key(.home)
        case KEY_END: .key(.end)
        case KEY_ENTER: .key(.enter)
        case KEY_BACKSPACE: .key(.backspace)
        default: .none
        }
    }

    /// A character: the few control bytes with a meaning, Ctrl plus a letter,
    /// or a printable character.
    private static func character(_ code: UInt32) -> Terminal.Input {
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        // Terminals send DEL (127) or Ctrl-H (8) for the Backspace key.
        case 8, 127: return .key(.backspace)
        // Tab has no binding; without this case it would read as Ctrl-I.
        case 9: return .none
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(code) + 96))))
        case 0..<32, 0x80..<0xA0: return .none
        default:
            guard let scalar = Unicode.Scalar(code) else { return .none }
            return .key(.character(Character(scalar)))
        }
    }
}
