import FoundationEssentials

/// Copying text to the system clipboard through the terminal: OSC 52. The
/// terminal (or tmux, with `set-clipboard on`) puts the decoded text on the
/// clipboard; one that does not support it ignores the sequence.
public enum Clipboard {
    /// The most bytes copied: tmux and most terminals refuse far larger payloads.
    public static let limit = 4096

    /// True when `text` may be copied: not empty, within `limit`, and without
    /// any control or invisible character (`TerminalText` would hide them on
    /// screen, so the clipboard would hold something else than what was shown).
    public static func isCopyable(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= limit
            && !text.unicodeScalars.contains { TerminalText.isControl($0) || TerminalText.isRemoved($0) }
    }

    /// `ESC ] 52 ; c ; base64(text) ESC \`: the payload is base64, so no
    /// byte of `text` can end the sequence or reach the terminal as itself.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{1B}\\"
    }
}
