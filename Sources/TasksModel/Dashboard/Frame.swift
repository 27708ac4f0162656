/// A rendered screen: rows of styled spans, each span's text already
/// sanitized and measured. The painter copies it to the terminal; tests
/// compare it with golden text.
public struct Frame: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var rows: [FrameRow]
    /// Which jobs the frame names where input can act on them (`FrameJobs`):
    /// once painted, a click or a `y` is answered against this, not against
    /// a state that has moved on since.
    public var jobs: FrameJobs

    public init(width: Int, height: Int, rows: [FrameRow], jobs: FrameJobs? = nil) {
        self.width = width
        self.height = height
        self.rows = rows
        self.jobs = jobs ?? FrameJobs(width: width, height: height)
    }

    /// The frame as plain text, one line per row, padded to the width.
    public var text: String {
        rows.map { row in
            let line = row.spans.map(\.text).joined()
            return line + String(repeating: " ", count: max(0, width - row.width))
        }.joined(separator: "\n")
    }
}

/// One line of a frame.
public struct FrameRow: Sendable, Hashable {
    public var spans: [Span] = []

    public init(spans: [Span] = []) { self.spans = spans }

    /// Columns used.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// True when a span of the row is a link.
    public var hasLinks: Bool { spans.contains { $0.link != nil } }
}

/// Text in one style. `text` is safe to write to a terminal as is.
public struct Span: Sendable, Hashable {
    public var text: String
    public var width: Int
    public var style: Style
    /// The URL this span shows (its text, whole or a piece of it), for an OSC 8
    /// link where the terminal supports them; already checked by `Hyperlink.isLinkable`.
    public var link: String?

    public init(text: String, width: Int, style: Style = Style(), link: String? = nil) {
        self.text = text
        self.width = width
        self.style = style
        self.link = link
    }
}

/// How a span looks. Colour is never the only signal: every status also has a word and a symbol.
public struct Style: Sendable, Hashable {
    public enum Color: Int, Sendable, Hashable, CaseIterable {
        case red = 1, green, yellow, blue, magenta, cyan
    }

    public var color: Color?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false
    /// Part of the selection bar: one background across the whole selected
    /// row, the text keeping its colour on it (the terminal picks the
    /// background; reverse video where there are no colours).
    public var selected = false

    public init(
        color: Color? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false,
        selected: Bool = false
    ) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.selected = selected
    }

    public static let plain = Style()
}

/// Builds one row from left to right, never past its width.
struct RowBuilder {
    let width: Int
    let profile: TextProfile
    private(set) var row = FrameRow()
    private(set) var used = 0

    init(width: Int, profile: TextProfile) {
        self.width = width
        self.profile = profile
    }

    var remaining: Int { max(0, width - used) }

    /// Adds untrusted text, sanitized and cut to `columns` (or what is left), padded when `pad`.
    mutating func add(
        _ text: String, columns: Int? = nil, style: Style = .plain, pad: Bool = true, alignRight: Bool = false
    ) {
        let limit = min(columns ?? remaining, remaining)
        guard limit > 0 else { return }
        let clean = TerminalText.sanitize(text, profile: profile)
        var (cut, cutWidth) = TerminalText.truncate(clean, to: limit, profile: profile)
        if pad, cutWidth < limit {
            let padding = String(repeating: " ", count: limit - cutWidth)
            cut = alignRight ? padding + cut : cut + padding
            cutWidth = limit
        }
        append(Span(text: cut, width: cutWidth, style: style))
    }

    /// Adds text we wrote ourselves (already safe), cut to fit.
    mutating func addTrusted(_ text: String, style: Style = .plain) {
        add(text, columns: nil, style: style, pad: false)
    }

    mutating func space(_ count: Int = 1) {
        let columns = min(count, remaining)
        guard columns > 0 else { return }
        append(Span(text: String(repeating: " ", count: columns), width: columns))
    }

    /// Appends a row built for a sub-column (its spans are already safe and measured).
    mutating func append(contentsOf other: FrameRow) {
        for span in other.spans where span.width <= remaining { append(span) }
    }

    /// Adds wrapped pieces (`DetailsWrap`): text sanitized, URLs linked; nothing is padded.
    mutating func add(_ pieces: [Hyperlink.Piece], style: Style = .plain) {
        for piece in pieces {
            if let url = piece.url {
                addLink(piece.text, url: url, style: style)
            } else {
                add(piece.text, style: style, pad: false)
            }
        }
    }

    /// Adds a piece of a URL that `Hyperlink.isLinkable` accepted (printable ASCII), linked to `url`, cut to fit.
    mutating func addLink(_ text: String, url: String, style: Style = .plain) {
        let columns = min(text.utf8.count, remaining)
        guard columns > 0 else { return }
        append(Span(text: String(text.utf8.prefix(columns))!, width: columns, style: style, link: url))
    }

    /// Pads the rest of the row in `style` (for a highlighted row).
    mutating func fill(style: Style = .plain) {
        guard remaining > 0 else { return }
        append(Span(text: String(repeating: " ", count: remaining), width: remaining, style: style))
    }

    private mutating func append(_ span: Span) {
        if let last = row.spans.last, last.style == span.style, last.link == span.link {
            row.spans[row.spans.count - 1] = Span(
                text: last.text + span.text, width: last.width + span.width, style: span.style, link: span.link)
        } else {
            row.spans.append(span)
        }
        used += span.width
    }
}
