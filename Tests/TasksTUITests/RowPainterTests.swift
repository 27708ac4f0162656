import Testing

@testable import TasksModel
@testable import TasksTUI

/// A frame of plain rows; every character is one column wide.
private func frame(_ lines: [String], width: Int = 20, height: Int? = nil) -> Frame {
    Frame(
        width: width, height: height ?? lines.count,
        rows: lines.map { FrameRow(spans: [Span(text: $0, width: $0.count)]) })
}

/// A painter on a recording screen; each `paint` records that frame's calls alone.
private struct Harness {
    var painter = RowPainter()
    let screen = RecordingScreen()

    init(first: Frame? = nil) {
        if let first { paint(first) }
    }

    mutating func paint(_ frame: Frame, force: Bool = false) {
        screen.reset()
        painter.paint(frame, force: force, on: screen)
    }
}

@Suite struct RowPainterTests {
    @Test func firstFrameClearsAndDrawsEveryRowWithOneFlush() {
        let screen = Harness(first: frame(["one", "two", "three"])).screen
        #expect(screen.calls.first == .clear)
        #expect(screen.blankedRows == [0, 1, 2])
        #expect(screen.texts == ["one", "two", "three"])
        #expect(screen.flushes == 1)
        #expect(screen.calls.last == .flush)
    }

    @Test func unchangedFrameDrawsNothingAndDoesNotFlush() {
        var harness = Harness(first: frame(["one", "two", "three"]))
        harness.paint(frame(["one", "two", "three"]))
        #expect(harness.screen.calls == [])
    }

    @Test func oneChangedRowRedrawsExactlyThatRow() {
        var harness = Harness(first: frame(["one", "two", "three"]))
        harness.paint(frame(["one", "2", "three"]))
        let screen = harness.screen
        let rowsVisited = screen.calls.compactMap { if case .move(let row, _) = $0 { row } else { nil } }
        #expect(Set(rowsVisited) == [1])
        #expect(screen.blankedRows == [1])
        #expect(screen.texts == ["2"])
        #expect(screen.clears == 0)
        #expect(screen.flushes == 1)
        #expect(screen.calls.last == .flush)
    }

    /// A row that differs only in style is a changed row.
    @Test func aStyleChangeAloneRedrawsTheRow() {
        var harness = Harness(first: frame(["one", "two"]))
        var next = frame(["one", "two"])
        next.rows[0].spans[0].style = Style(reverse: true)
        harness.paint(next)
        #expect(harness.screen.blankedRows == [0])
        #expect(harness.screen.calls.contains(.style(Style(reverse: true))))
        #expect(harness.screen.clears == 0)
    }

    @Test(arguments: [(21, 3), (20, 4), (10, 2)])
    func aSizeChangeClearsAndRedrawsEverything(width: Int, height: Int) {
        var harness = Harness(first: frame(["one", "two", "three"]))
        harness.paint(frame(["one", "two", "three"], width: width, height: height))
        let screen = harness.screen
        #expect(screen.calls.first == .clear)
        #expect(screen.clears == 1)
        #expect(screen.blankedRows == [0, 1, 2])
        #expect(screen.texts == ["one", "two", "three"])
        #expect(screen.flushes == 1)
    }

    @Test func forceClearsAndRedrawsEverythingEvenWhenUnchanged() {
        var harness = Harness(first: frame(["one", "two"]))
        harness.paint(frame(["one", "two"]), force: true)
        #expect(harness.screen.calls.first == .clear)
        #expect(harness.screen.texts == ["one", "two"])
        #expect(harness.screen.flushes == 1)
        // Forcing once does not keep forcing: the next identical frame is free.
        harness.paint(frame(["one", "two"]))
        #expect(harness.screen.calls == [])
    }

    @Test(arguments: [1, 2, 4])
    func aShorterFrameBlanksTheLeftoverRows(kept: Int) {
        let lines = ["a", "b", "c", "d", "e"]
        var harness = Harness(first: frame(lines, height: 5))
        harness.paint(frame(Array(lines.prefix(kept)), height: 5))
        #expect(harness.screen.texts.isEmpty)
        #expect(harness.screen.blankedRows == Array(kept..<5))
        #expect(harness.screen.clears == 0)
        #expect(harness.screen.calls.last == .flush)
    }

    @Test func aLongerFrameDrawsTheNewRows() {
        var harness = Harness(first: frame(["a"], height: 3))
        harness.paint(frame(["a", "b", "c"], height: 3))
        #expect(harness.screen.blankedRows == [1, 2])
        #expect(harness.screen.texts == ["b", "c"])
    }

    /// Each span gets its own style and starts at the column its measured
    /// width says (a wide character takes two), and the row ends in the
    /// plain style so the next row's blanking is not painted in colour.
    @Test func stylesAreSetPerSpanAndResetAfterTheRow() {
        let bold = Style(bold: true)
        let red = Style(color: .red, underline: true)
        let row = FrameRow(spans: [
            Span(text: "ab", width: 2, style: bold),
            Span(text: "界", width: 2, style: red),
            Span(text: "c", width: 1),
        ])
        let screen = Harness(first: Frame(width: 10, height: 1, rows: [row])).screen
        #expect(
            screen.calls == [
                .clear,
                .move(row: 0, column: 0), .clearToEndOfLine,
                .style(bold), .move(row: 0, column: 0), .text("ab"),
                .style(red), .move(row: 0, column: 2), .text("界"),
                .style(.plain), .move(row: 0, column: 4), .text("c"),
                .style(.plain),
                .flush,
            ])
    }

    @Test func remembersThePaintedFrame() {
        var harness = Harness()
        #expect(harness.painter.previous == nil)
        harness.paint(frame(["x"]))
        #expect(harness.painter.previous == frame(["x"]))
    }
}
