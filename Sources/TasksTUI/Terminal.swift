import CNcurses
import CTerminalGuard
import Foundation
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// The curses screen: set up, reading keys, painting and tear-down. It only
/// makes the curses calls: `KeyDecoder` says what a key is and `RowPainter`
/// which rows to draw, so both are tested without a terminal. Every call
/// happens on the thread that made it (ncurses is not thread-safe).
final class Terminal {
    enum SetupError: Error, CustomStringConvertible {
        case notATerminal
        case unusableTerm(String)
        case unknownTerm(String)

        var description: String {
            switch self {
            case .notATerminal:
                "tasks-tui needs a terminal on standard input and output (for scripts, use `tasks-tui list`)"
            case .unusableTerm(let term):
                "cannot drive this terminal (TERM=\(term.isEmpty ? "<unset>" : term)): it needs cursor addressing; "
                    + "try TERM=xterm-256color, or use `tasks-tui list` for plain output"
            case .unknownTerm(let term):
                "unknown terminal type TERM=\(term) (no terminfo entry); try TERM=xterm-256color, "
                    + "or use `tasks-tui list` for plain output"
            }
        }
    }

    let profile: TextProfile
    let colors: Bool
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var painter = RowPainter()
    private var ended = false

    init(noColor: Bool) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw SetupError.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { throw SetupError.unusableTerm(term) }
        profile = TerminalText.adoptEnvironmentLocale() ? .utf8 : .ascii
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else { throw SetupError.notATerminal }
        // The modes before curses touches them: what a fatal signal puts back.
        _ = tt_guard_save(0)
        // newterm, not initscr: initscr prints and exits on an unknown TERM.
        guard let screen = newterm(nil, output, input) else { throw SetupError.unknownTerm(term) }
        self.screen = screen
        set_term(screen)
        guard let window = tt_stdscr() else {
            endwin()
            delscreen(screen)
            throw SetupError.unusableTerm(term)
        }
        self.window = window
        if tigetstr("cup") == nil || Int(bitPattern: tigetstr("cup")) == -1 {
            endwin()
            delscreen(screen)
            throw SetupError.unusableTerm(term)
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        nodelay(window, true)
        // No typeahead check inside doupdate: with a key waiting, ncurses would
        // flush a partial frame and stop there. Frames are small, and keys are
        // read between them; a frame is one write.
        typeahead(-1)
        set_escdelay(25)
        curs_set(0)
        // Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~,
        // which curses reports as two key codes of our own, so a paste is never read as keys.
        define_key("\u{1B}[200~", KeyDecoder.pasteStart)
        define_key("\u{1B}[201~", KeyDecoder.pasteEnd)
        Self.writeControl("\u{1B}[?2004h")
        // The cursor is hidden: never spend bytes moving it after an update.
        leaveok(window, true)
        // ncurses 6.4 flushes after every cursor move until the screen has once
        // left and resumed (its `_endwin` is still "initial"): a frame went out
        // as a write per changed row, each its own packet over SSH. Leaving and
        // resuming once, before anything is drawn, makes each frame one write
        // (strace of the demo at 120x40: 470 writes in 25 s before, 34 after).
        // Before colours start: resuming with colours on resets the palette (OSC 104).
        endwin()
        doupdate()
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            for color in Style.Color.allCases {
                init_pair(Int16(color.rawValue), Self.cursesColor(color), -1)
            }
            colors = true
        } else {
            colors = false
        }
        tt_guard_install(1, Self.crashRestoreSequence())
    }

    /// What the fatal-signal handler writes before re-raising: leave the
    /// alternate screen, show the cursor, plain attributes, and turn off the
    /// modes a terminal may have been put in (bracketed paste, mouse).
    private static func crashRestoreSequence() -> String {
        func capability(_ name: String) -> String {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
            return String(cString: value)
        }
        return capability("sgr0") + capability("rmcup") + capability("cnorm")
            + "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l"
    }

    deinit { end() }

    /// Restores the terminal. Safe to call twice.
    func end() {
        guard !ended else { return }
        ended = true
        tt_guard_remove()
        Self.writeControl("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    // MARK: Input

    /// What one read of the keyboard yielded.
    enum Input: Equatable {
        case key(Key)
        case paste(String)
        case resize
        case none
    }

    /// The text of a bracketed paste being read, until its end marker.
    private var pasting: String?
    /// The most text one paste keeps; the rest is dropped (a prompt holds far less).
    static let pasteLimit = 65_536

    /// One key if one is waiting (never blocks). Inside a bracketed paste,
    /// every character read is text, and the whole paste is one `.paste`.
    func readKey() -> Input {
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            let code = UInt32(character)
            if result == KEY_CODE_YES, Int32(truncatingIfNeeded: code) == KeyDecoder.pasteStart {
                pasting = ""
                continue
            }
            guard var text = pasting else { return KeyDecoder.decode(result: result, code: code) }
            if result == ERR { return .none }  // the rest of the paste has not arrived yet
            if result == KEY_CODE_YES {
                if Int32(truncatingIfNeeded: code) == KeyDecoder.pasteEnd {
                    pasting = nil
                    return .paste(text)
                }
                continue  // a function key inside a paste is nothing
            }
            if text.unicodeScalars.count < Self.pasteLimit, let scalar = Unicode.Scalar(code) {
                text.unicodeScalars.append(scalar)
            }
            pasting = text
        }
    }

    /// Rings the bell and sends a desktop notification (`TerminalNotification.bytes`):
    /// written between frames, after curses has flushed; it moves no cursor and draws nothing.
    func notify(_ notification: TerminalNotification) {
        Self.writeControl(notification.bytes)
    }

    /// Writes a control sequence straight to the terminal (not through curses).
    private static func writeControl(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = write(1, &bytes, bytes.count)
    }

    // MARK: Output

    /// Paints `frame`, touching only the rows that changed since the last
    /// one, with one doupdate. `force` repaints everything (Ctrl-L, resize).
    func paint(_ frame: Frame, force: Bool = false) {
        painter.paint(frame, force: force, on: self)
    }

    private static func cursesColor(_ color: Style.Color) -> Int16 {
        switch color {
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        }
    }
}

/// The painter's operations as curses calls on the screen's window; nothing
/// reaches the terminal before `flush`.
extension Terminal: PaintTarget {
    func clear() { wclear(window) }

    func move(row: Int, column: Int) { wmove(window, Int32(row), Int32(column)) }

    func clearToEndOfLine() { wclrtoeol(window) }

    func setStyle(_ style: Style) {
        var attributes = tt_a_normal()
        if style.bold { attributes |= tt_a_bold() }
        if style.dim { attributes |= tt_a_dim() }
        if style.reverse { attributes |= tt_a_reverse() }
        if style.underline { attributes |= tt_a_underline() }
        let pair: Int16 = colors ? Int16(style.color?.rawValue ?? 0) : 0
        wattr_set(window, attributes, pair, nil)
    }

    func addText(_ text: String) {
        let characters = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        waddnwstr(window, characters, Int32(characters.count))
    }

    func flush() {
        wnoutrefresh(window)
        doupdate()
    }
}
