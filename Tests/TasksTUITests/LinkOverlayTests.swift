import Testing

@testable import TasksModel
@testable import TasksTUI

@Suite("OSC 8 links: rows with links are written again after curses, the same cells, the URL wrapped")
struct LinkOverlayTests {
    static let url = "https://a.example/r"

    static func row(_ spans: [Span]) -> FrameRow { FrameRow(spans: spans) }
    static let linked = row([
        Span(text: "  ", width: 2), Span(text: url, width: url.count, link: url),
        Span(text: "\",", width: 2, style: Style(color: .red, bold: true)),
    ])
    static let plain = row([Span(text: "plain", width: 5)])

    @Test("only rows drawn that hold or held a link are handed back, after the flush")
    func painterHandsBackLinkedRows() {
        var painter = RowPainter()
        let screen = RecordingScreen()
        painter.paint(Frame(width: 30, height: 3, rows: [Self.plain, Self.linked, Self.plain]), on: screen)
        #expect(Array(screen.calls.suffix(2)) == [.flush, .relink(rows: [1])])
        // Unchanged: nothing at all.
        screen.reset()
        painter.paint(Frame(width: 30, height: 3, rows: [Self.plain, Self.linked, Self.plain]), on: screen)
        #expect(screen.calls == [])
        // Row 0 changes (no link): no relink. Row 1 loses its link: relinked (its cells must lose the link too).
        screen.reset()
        painter.paint(
            Frame(width: 30, height: 3, rows: [Self.row([Span(text: "x", width: 1)]), Self.plain, Self.plain]),
            on: screen)
        #expect(screen.calls.last == .relink(rows: [1]))
        screen.reset()
        painter.paint(
            Frame(width: 30, height: 3, rows: [Self.plain, Self.plain, Self.row([Span(text: "y", width: 1)])]),
            on: screen)
        #expect(!screen.calls.contains { if case .relink = $0 { true } else { false } })
    }

    @Test("the bytes: DECSC, each span at its column in its attributes, the URL inside OSC 8, blank to the end, DECRC")
    func bytes() {
        let bytes = LinkOverlay.bytes([(y: 4, row: Self.linked)], width: 30, palette: .eight)
        #expect(
            bytes
                == "\u{1B}7" + "\u{1B}[5;1H\u{1B}[0m  "
                + "\u{1B}[5;3H\u{1B}[0m\u{1B}]8;;\(Self.url)\u{1B}\\\(Self.url)\u{1B}]8;;\u{1B}\\"
                + "\u{1B}[5;22H\u{1B}[0;1;31m\","
                + "\u{1B}[5;24H\u{1B}[0m\u{1B}[K" + "\u{1B}[0m\u{1B}8")
        // Without colours, no colour; a row that lost its links is written plain.
        #expect(!LinkOverlay.bytes([(y: 0, row: Self.linked)], width: 30, palette: .none).contains("31"))
        #expect(!LinkOverlay.bytes([(y: 0, row: Self.plain)], width: 30, palette: .eight).contains("]8;"))
        // A span whose link is not a checked URL is never linked.
        let forged = Self.row([Span(text: "x", width: 1, link: "https://e.example/\u{07}")])
        #expect(!LinkOverlay.bytes([(y: 0, row: forged)], width: 30, palette: .eight).contains("]8;"))
        #expect(LinkOverlay.bytes([], width: 30, palette: .eight).isEmpty)
    }

    @Test("a selected row keeps the bar: grey 238 on 256 colours, blue on 8/16, reverse without colours")
    func selectionBar() {
        let bar = Style(selected: true)
        #expect(LinkOverlay.sgr(bar, palette: .many).contains(";48;5;238"))
        #expect(LinkOverlay.sgr(bar, palette: .many).contains(";97"))
        #expect(LinkOverlay.sgr(bar, palette: .sixteen).contains(";44"))
        #expect(LinkOverlay.sgr(bar, palette: .eight) == "\u{1B}[0;37;44m")
        #expect(LinkOverlay.sgr(Style(color: .red, selected: true), palette: .eight) == "\u{1B}[0;31;44m")
        #expect(LinkOverlay.sgr(bar, palette: .none) == "\u{1B}[0;7m")
        // A plain style has none of them.
        for palette: CellAttributes.Palette in [.none, .eight, .sixteen, .many] {
            let plain = LinkOverlay.sgr(Style(), palette: palette)
            #expect(plain == "\u{1B}[0m")
        }
    }
}
