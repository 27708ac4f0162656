/// A key, decoded by the terminal layer.
public enum Key: Sendable, Hashable {
    // `tab` is bound to nothing; it stays until the terminal layer stops decoding byte 9 as a key.
    case up, down, pageUp, pageDown, home, end, enter, escape, backspace, tab
    case character(Character)
    /// Ctrl plus a letter, lower case: `.control("c")`, `.control("l")`.
    case control(Character)
}
