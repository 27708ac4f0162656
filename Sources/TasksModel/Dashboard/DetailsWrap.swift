/// How the details pane wraps one value (a field, or a line of a JSON block)
/// to its width, keeping URLs whole:
/// - text wraps at the last character that fits, as before;
/// - a URL is never cut in the middle when it fits on a line: it moves to a
///   line of its own (indented like the rest);
/// - a URL wider than an indented line starts a new line at column 0 and
///   continues on the following lines at column 0, over the whole width, with
///   nothing inserted: no indent, no marker. Each piece is linked to the whole
///   URL, so a click on any of them opens it, and a selection of those lines
///   holds the URL with only the line breaks.
enum DetailsWrap {
    /// One line of the pane: after the indent (the label's column, the block's
    /// two spaces) when `indented`, else from column 0.
    struct Line: Hashable {
        var indented: Bool
        /// Sanitized text, and URL pieces (`url` set: the whole URL the piece belongs to).
        var pieces: [Hyperlink.Piece]
    }

    /// `raw` (server text) sanitized and wrapped to `width` columns with lines
    /// indented by `indent`; URLs are found and kept whole when `links`.
    /// `labelled`: the first line carries a label in the indent, so it is
    /// kept even when a long URL leaves it empty. At least one line, at most `limit`.
    static func lines(
        _ raw: String, width: Int, indent: Int, links: Bool, labelled: Bool, profile: TextProfile, scalarLimit: Int,
        limit: Int
    ) -> [Line] {
        let limited =
            raw.unicodeScalars.count > scalarLimit
            ? String(String.UnicodeScalarView(raw.unicodeScalars.prefix(scalarLimit))) : raw
        var found = links ? Hyperlink.pieces(limited) : [Hyperlink.Piece(limited)]
        // A URL candidate that runs to the cut may be a truncated URL: plain text.
        if limited.unicodeScalars.count < raw.unicodeScalars.count,
            let last = found.lastIndex(where: { $0.url != nil }),
            !found[(last + 1)...].contains(where: { piece in
                piece.text.unicodeScalars.contains {
                    $0.properties.isWhitespace || "\"<>`{}|^".unicodeScalars.contains($0)
                }
            })
        {
            found[last].url = nil
        }
        let pieces = found.map { piece in
            piece.url == nil
                ? Hyperlink.Piece(TerminalText.sanitize(piece.text, profile: profile, scalarLimit: scalarLimit))
                : piece
        }
        return wrap(pieces, width: width, indent: indent, labelled: labelled, limit: limit)
    }

    /// Wraps sanitized pieces (see the type's rules).
    static func wrap(_ pieces: [Hyperlink.Piece], width: Int, indent: Int, labelled: Bool, limit: Int) -> [Line] {
        var lines: [Line] = []
        var current = Line(indented: true, pieces: [])
        guard width - indent > 0 else { return [current] }
        var used = 0
        func capacity() -> Int { current.indented ? width - indent : width }
        func newLine(indented: Bool) -> Bool {
            lines.append(current)
            current = Line(indented: indented, pieces: [])
            used = 0
            return lines.count < limit
        }
        func append(_ text: String, url: String?) {
            if let last = current.pieces.last, last.url == url {
                current.pieces[current.pieces.count - 1].text += text
            } else {
                current.pieces.append(Hyperlink.Piece(text, url: url))
            }
        }
        pieces: for piece in pieces {
            if let url = piece.url {
                // URL pieces are printable ASCII: one column a character.
                let length = piece.text.utf8.count
                if used + length <= capacity() {
                    append(piece.text, url: url)
                    used += length
                    continue
                }
                if length <= width - indent {
                    guard newLine(indented: true) else { break pieces }
                    append(piece.text, url: url)
                    used = length
                    continue
                }
                if current.pieces.isEmpty, !(labelled && lines.isEmpty) {
                    current.indented = false
                } else {
                    guard newLine(indented: false) else { break pieces }
                }
                var rest = Substring(piece.text)
                while !rest.isEmpty {
                    if used >= width {
                        guard newLine(indented: false) else { break pieces }
                    }
                    let take = min(width - used, rest.utf8.count)
                    let chunk = rest.prefix(take)
                    append(String(chunk), url: url)
                    used += take
                    rest = rest.dropFirst(take)
                }
                continue
            }
            // Text: as many characters as fit, then the next line (at least one character a line).
            let text = piece.text
            var start = text.startIndex
            var index = start
            while index < text.endIndex {
                let columns = TerminalText.width(text[index])
                if used > 0, used + columns > capacity() {
                    if start < index { append(String(text[start..<index]), url: nil) }
                    start = index
                    guard newLine(indented: true) else { break pieces }
                }
                used += columns
                index = text.index(after: index)
            }
            if start < index { append(String(text[start..<index]), url: nil) }
        }
        if lines.count < limit { lines.append(current) }
        return lines
    }
}
