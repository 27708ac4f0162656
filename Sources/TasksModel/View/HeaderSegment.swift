/// One thing the header says, in each of its forms (longest first), with how
/// much it matters. The header fits its segments to the width by their rank:
/// what needs a human is never left out; counts go before the rest.
struct HeaderSegment {
    enum Rank: Int, Comparable, CaseIterable {
        /// Needs a human: the attention count, a connection problem, marks, watched jobs. Never left out.
        case human = 0
        /// The counts, the server, the mode (demo, read-only, insecure TLS).
        case counts = 1
        /// The rest: refresh age, view, clock.
        case rest = 2

        static func < (lhs: Rank, rhs: Rank) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What goes between this segment and the one before it on the line.
    enum Separator {
        /// One space: the segment belongs with the one before (its styles set it apart).
        case space
        /// Two spaces.
        case gap
        /// ` │ `: another phrase begins.
        case bar
    }

    /// What the tests and the fitting call it.
    var name: String
    var rank: Rank
    var separator: Separator = .bar
    /// Each a run of spans of safe, measured text; longest first; never empty.
    var forms: [[Span]]
    /// Goes before the others of its rank when room is short (a refresh age that says only "<1m ago").
    var yieldsFirst = false
    /// How many of the last forms say so little that the rest goes, and what needs
    /// a human shortens, before they are used (the counts without what they count).
    var lastResortForms = 0

    init(_ name: String, _ rank: Rank, separator: Separator = .bar, forms: [[Span]]) {
        precondition(!forms.isEmpty, "a header segment needs a form")
        self.name = name
        self.rank = rank
        self.separator = separator
        self.forms = forms
    }

    /// A segment whose forms are each one span of trusted text in one style.
    init(_ name: String, _ rank: Rank, separator: Separator = .bar, style: Style, _ texts: [String]) {
        self.init(name, rank, separator: separator, forms: texts.map { [Span(trusted: $0, style: style)] })
    }

    static func width(_ form: [Span]) -> Int { form.reduce(0) { $0 + $1.width } }
}

extension Span {
    /// Text we wrote ourselves (or already sanitised), measured.
    init(trusted text: String, style: Style = .plain) {
        self.init(text: text, width: TerminalText.width(text), style: style)
    }
}

/// Which form of each segment fits a line of a given width.
struct HeaderFit {
    let segments: [HeaderSegment]
    let separatorStyle: Style
    let utf8: Bool
    /// The form shown of each segment; nil when it is left out.
    private(set) var choice: [Int?]

    /// Fits `segments` to `width`: first the rest shortens, then the counts;
    /// then the rest is left out, then what needs a human shortens; then the
    /// counts take their last-resort forms, then are left out. What needs a human is never left out: when even its
    /// shortest forms do not fit, the line is cut at its end (`fits` is false).
    init(_ segments: [HeaderSegment], width: Int, separatorStyle: Style, utf8: Bool) {
        self.segments = segments
        self.separatorStyle = separatorStyle
        self.utf8 = utf8
        choice = segments.map { _ in 0 }
        // (rank, down to its last-resort forms, may leave it out)
        let steps: [(HeaderSegment.Rank, lastResort: Bool, drop: Bool)] = [
            (.rest, true, false), (.counts, false, false), (.rest, true, true), (.human, true, false),
            (.counts, true, false), (.counts, true, true),
        ]
        // Within a rank: those that yield first, then from the end of the line.
        let order =
            segments.indices.reversed().filter { segments[$0].yieldsFirst }
            + segments.indices.reversed().filter { !segments[$0].yieldsFirst }
        for (rank, lastResort, drop) in steps {
            for index in order where segments[index].rank == rank {
                let shortest = segments[index].forms.count - 1 - (lastResort ? 0 : segments[index].lastResortForms)
                while totalWidth > width, let form = choice[index] {
                    if form < shortest {
                        choice[index] = form + 1
                    } else if drop {
                        choice[index] = nil
                    } else {
                        break
                    }
                }
            }
            if totalWidth <= width { break }
        }
        // Give back the room the steps left: first the counts left out, in their shortest
        // form, then longer forms, what needs a human first. (The rest stays out: a brand
        // or a clock coming back in a gap the server's name left would only mislead.)
        do {
            for index in segments.indices where segments[index].rank == .counts && choice[index] == nil {
                choice[index] = segments[index].forms.count - 1
                if totalWidth > width { choice[index] = nil }
            }
        }
        for rank in HeaderSegment.Rank.allCases {
            for index in segments.indices where segments[index].rank == rank {
                guard let shown = choice[index] else { continue }
                for form in 0..<shown {
                    choice[index] = form
                    if totalWidth <= width { break }
                    choice[index] = shown
                }
            }
        }
        fits = totalWidth <= width
    }

    /// Nothing was left out.
    var showsAll: Bool { !choice.contains(nil) }

    /// Every segment shown fits whole.
    private(set) var fits = false

    /// Every segment is shown in its longest form.
    var allLong: Bool { choice.allSatisfy { $0 == 0 } }

    /// Whether the segment called `name` is shown.
    func shows(_ name: String) -> Bool {
        segments.indices.contains { segments[$0].name == name && choice[$0] != nil }
    }

    var totalWidth: Int {
        var total = 0
        var first = true
        for (segment, form) in zip(segments, choice) {
            guard let form else { continue }
            if !first { total += separatorWidth(segment.separator) }
            total += HeaderSegment.width(segment.forms[form])
            first = false
        }
        return total
    }

    private func separatorWidth(_ separator: HeaderSegment.Separator) -> Int {
        switch separator {
        case .space: 1
        case .gap: 2
        case .bar: 3
        }
    }

    /// The shown segments on one row, cut at `builder`'s width if they must be;
    /// the segment called `alignRight`, if shown, at the right end of the row.
    func render(into builder: inout RowBuilder, alignRight: String? = nil) {
        var first = true
        var right: [Span]?
        for (segment, form) in zip(segments, choice) {
            guard let form else { continue }
            if segment.name == alignRight {
                right = segment.forms[form]
                continue
            }
            if !first {
                switch segment.separator {
                case .space: builder.space()
                case .gap: builder.space(2)
                case .bar: builder.addTrusted(utf8 ? " │ " : " | ", style: separatorStyle)
                }
            }
            for span in segment.forms[form] { builder.addTrusted(span.text, style: span.style) }
            first = false
        }
        if let right {
            builder.space(builder.remaining - HeaderSegment.width(right))
            for span in right { builder.addTrusted(span.text, style: span.style) }
        }
    }
}
