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
    static func bytes(_ rows: [(y: Int, row: FrameRow)], width: Int, palette: CellAttributes.Palette) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "\u{1B}7"
        for (y, row) in rows {
            var x = 0
            for span in row.spans where span.width > 0 {
                out += cursor(y, x) + sgr(span.style, palette: palette)
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

    /// SGR for `style` as curses draws it on an ANSI terminal (the only kind
    /// that shows links): the attributes and colour pair of `CellAttributes`,
    /// so a selection bar row keeps its background, bright text or reverse video.
    static func sgr(_ style: Style, palette: CellAttributes.Palette) -> String {
        let attributes = CellAttributes(style, palette: palette)
        var codes = ["0"]
        if attributes.bold { codes.append("1") }
        if attributes.dim { codes.append("2") }
        if attributes.underline { codes.append("4") }
        if attributes.reverse { codes.append("7") }
        if attributes.pair != 0,
            let pair = CellAttributes.pairs(for: palette).first(where: { $0.number == attributes.pair })
        {
            if let code = colorCode(pair.foreground, normal: 30, bright: 90, extended: 38) { codes.append(code) }
            if let code = colorCode(pair.background, normal: 40, bright: 100, extended: 48) { codes.append(code) }
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameter for curses colour `number` (-1: the default, no parameter).
    private static func colorCode(_ number: Int16, normal: Int, bright: Int, extended: Int) -> String? {
        switch number {
        case ..<0: nil
        case 0..<8: "\(normal + Int(number))"
        case 8..<16: "\(bright + Int(number) - 8)"
        default: "\(extended);5;\(number)"
        }
    }
}
