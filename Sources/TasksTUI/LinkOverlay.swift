import TasksModel

/// OSC 8 links on a curses screen. ncurses knows nothing of OSC 8: it keeps
/// its own copy of every cell and writes only cells that changed, so a link
/// cannot go through it. After curses has written a frame (`doupdate`), the
/// rows that hold links (or held some) are written once more, straight to the
/// terminal, with exactly the same characters and attributes curses put
/// there, the URLs wrapped in OSC 8, between DECSC and DECRC (`ESC 7`,
/// `ESC 8`): the cursor and the attributes curses believes the terminal has
/// are put back, and the cells hold what curses believes they hold, so its
/// next update is right. A row is written whole (and blanked to its end), so
/// a cell that curses left untouched cannot keep a link from an earlier frame.
enum LinkOverlay {
    /// The bytes that rewrite `rows` (row number, contents) of a screen `width` columns wide.
    static func bytes(_ rows: [(y: Int, row: FrameRow)], width: Int, colors: Bool) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "\u{1B}7"
        for (y, row) in rows {
            var x = 0
            for span in row.spans where span.width > 0 {
                out += cursor(y, x) + sgr(span.style, colors: colors)
                if let link = span.link, Hyperlink.isLinkable(link),
                    span.text.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
                {
                    out += Hyperlink.open(link) + span.text + Hyperlink.close
                } else {
                    out += span.text
                }
                x += span.width
            }
            if x < width { out += cursor(y, x) + "\u{1B}[0m\u{1B}[K" }
        }
        return out + "\u{1B}[0m\u{1B}8"
    }

    private static func cursor(_ y: Int, _ x: Int) -> String { "\u{1B}[\(y + 1);\(x + 1)H" }

    /// SGR for `style` as curses draws it on an ANSI terminal (the only kind that shows links).
    static func sgr(_ style: Style, colors: Bool) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if colors, let color = style.color { codes.append("3\(color.rawValue)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
