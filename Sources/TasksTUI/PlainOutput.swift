import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

// How the one-shot commands (list, show, watch, cancel, config) shape plain
// output: they write lines, not a screen, and may be piped.

/// The terminal's width for plain output, or a sensible one when piped.
func outputWidth() -> Int {
    var size = winsize()
    if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
    return 120
}

/// UTF-8 output when the locale says so, ASCII otherwise.
func outputProfile() -> TextProfile {
    TerminalText.adoptEnvironmentLocale() ? .utf8 : .ascii
}
