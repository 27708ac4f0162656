import CNcurses
import CTerminalGuard
import FoundationEssentials
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
        /// No thread could be made for the dashboard (the system is out of threads or memory).
        case noThread

        var description: String {
            switch self {
            case .noThread:
                "cannot start the dashboard: no thread could be created (the system is out of threads or memory)"
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
    /// The colours in use: `.none` with `--no-color`, `NO_COLOR` or a terminal without colours.
    let palette: CellAttributes.Palette
    /// Mouse reporting was asked of the terminal (not with `--no-mouse`).
    let mouse: Bool
    /// Write URLs as OSC 8 links (`LinkOverlay`).
    let hyperlinks: Bool
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var painter = RowPainter()
    private var ended = false

    init(noColor: Bool, mouse: Bool = true, hyperlinks: Bool = false) throws {
        self.hyperlinks = hyperlinks
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
            palette = CellAttributes.Palette(colors: Int(tt_colors()), pairs: Int(tt_color_pairs()))
            for pair in CellAttributes.pairs(for: palette) {
                init_pair(pair.number, pair.foreground, pair.background)
            }
        } else {
            palette = .none
        }
        self.mouse = mouse
        tt_guard_install(1, Self.crashRestoreSequence())
        // The mouse, after the leave-and-resume above (leaving turns it off), and
        // only with the crash guard in place: its sequence turns it off again.
        // Presses only (a click, the wheel): curses asks for button events
        // (?1000, with SGR coordinates ?1006 where terminfo says so), never
        // motion, which would flood a slow link. No click interval: curses
        // would hold each press back waiting for a release; `DoubleClick`
        // tells double-clicks from the presses' times instead.
        if mouse {
            mouseinterval(0)
            mousemask(tt_button1_pressed() | tt_button4_pressed() | tt_button5_pressed(), nil)
        }
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
        // endwin turns the mouse off too; said plainly as well, whatever terminfo
        // spelled, so no shell is left receiving clicks as escape codes.
        if mouse { mousemask(0, nil) }
        Self.writeControl("\u{1B}[?2004l" + (mouse ? "\u{1B}[?1000l\u{1B}[?1006l" : ""))
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
        /// `complete` is false when the paste had no end marker and was cut after `PasteReader.openLimit`.
        case paste(String, complete: Bool)
        case mouse(MouseEvent)
        case resize
        case none
    }

    /// The bracketed paste being read, if any (`PasteReader`: paste is data, never keys).
    private var pastes = PasteReader()

    /// When the loop must read again even with no input: an open paste is cut then.
    var pasteDeadline: Date? { pastes.deadline }

    /// One key if one is waiting (never blocks). Inside a bracketed paste,
    /// every character read is text, and the whole paste is one `.paste`.
    func readKey() -> Input {
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            let code = UInt32(character)
            let isFunctionKey = result == KEY_CODE_YES
            // A resize is never paste data: the state must learn the new size at
            // once, or a dialog would be judged against the old one.
            if isFunctionKey, Int32(truncatingIfNeeded: code) == KEY_RESIZE { return .resize }
            if isFunctionKey, Int32(truncatingIfNeeded: code) == KEY_MOUSE {
                // Taken off curses' queue even inside a paste, where it is nothing.
                var event = MEVENT()
                guard getmouse(&event) == OK, !pastes.isActive else { continue }
                let input = KeyDecoder.mouse(state: event.bstate, row: event.y, column: event.x)
                if case .none = input { continue }
                return input
            }
            let read: PasteReader.Read =
                if result == ERR {
                    .empty
                } else if isFunctionKey, Int32(truncatingIfNeeded: code) == KeyDecoder.pasteStart {
                    .start
                } else if isFunctionKey, Int32(truncatingIfNeeded: code) == KeyDecoder.pasteEnd {
                    .end
                } else if isFunctionKey {
                    .functionKey
                } else {
                    .character(code)
                }
            switch pastes.feed(read, at: Date()) {
            case .passThrough:
                // An end marker with no paste open is nothing.
                if read == .end { continue }
                return KeyDecoder.decode(result: result, code: code)
            case .consumed:
                continue
            case .waiting:
                return .none
            case .paste(let text, let complete):
                return .paste(text, complete: complete)
            }
        }
    }

    /// Rings the bell and sends a desktop notification (`TerminalNotification.bytes`):
    /// written between frames, after curses has flushed; it moves no cursor and draws nothing.
    func notify(_ notification: TerminalNotification) {
        Self.writeControl(notification.bytes)
    }

    /// Writes a control sequence straight to the terminal (not through curses),
    /// all of it: a short write is continued, an interrupted one retried.
    private static func writeControl(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if count > 0 {
                sent += count
            } else if count < 0, errno == EINTR {
                continue
            } else if count < 0, errno == EAGAIN {
                // A non-blocking terminal that is full: wait for room, not forever.
                var out = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
                guard poll(&out, 1, 1000) > 0 else { return }
            } else {
                return
            }
        }
    }

    /// Puts `text` on the clipboard by OSC 52 (between frames: curses has flushed everything).
    func copyToClipboard(_ text: String) {
        Self.writeControl(Clipboard.osc52(text))
    }

    // MARK: Output

    /// Paints `frame`, touching only the rows that changed since the last
    /// one, with one doupdate. `force` repaints everything (Ctrl-L, resize).
    func paint(_ frame: Frame, force: Bool = false) {
        painter.paint(frame, force: force, on: self)
    }
}

/// The painter's operations as curses calls on the screen's window; nothing
/// reaches the terminal before `flush`.
extension Terminal: PaintTarget {
    func clear() { wclear(window) }

    func move(row: Int, column: Int) { wmove(window, Int32(row), Int32(column)) }

    func clearToEndOfLine() { wclrtoeol(window) }

    func setStyle(_ style: Style) {
        let cell = CellAttributes(style, palette: palette)
        var attributes = tt_a_normal()
        if cell.bold { attributes |= tt_a_bold() }
        if cell.dim { attributes |= tt_a_dim() }
        if cell.reverse { attributes |= tt_a_reverse() }
        if cell.underline { attributes |= tt_a_underline() }
        wattr_set(window, attributes, cell.pair, nil)
    }

    func addText(_ text: String) {
        let characters = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        waddnwstr(window, characters, Int32(characters.count))
    }

    func flush() {
        wnoutrefresh(window)
        doupdate()
    }

    func rewriteLinked(_ rows: [(y: Int, row: FrameRow)], width: Int) {
        guard hyperlinks else { return }
        Self.writeControl(LinkOverlay.bytes(rows, width: width, palette: palette))
    }
}
