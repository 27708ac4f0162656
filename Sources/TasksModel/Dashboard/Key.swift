/// A key, decoded by the terminal layer.
public enum Key: Sendable, Hashable {
    case up, down, pageUp, pageDown, home, end, enter, escape, backspace
    case character(Character)
    /// Ctrl plus a letter, lower case: `.control("c")`, `.control("l")`.
    case control(Character)
}
