import Testing

@testable import TasksModel
@testable import TasksTUI

/// A frame of plain rows; every character is one column wide.
private func frame(_ lines: [String], width: Int = 20, height: Int? = nil) -> Frame {
    Frame(
        width: width, height: height ?? lines.count,
        rows: lines.map { FrameRow(spans: [Span(text: $0, width: $0.count)]) })
}

@Suite struct RowPainterTests {
    @Test func firstFrameClearsAndDrawsEveryRowWithOneFlush() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two", "three"]), on: screen)
        #expect(screen.calls.first == .clear)
        #expect(screen.blankedRows == [0, 1, 2])
        #expect(screen.texts == ["one", "two", "three"])
        #expect(screen.flushes == 1)
        #expect(screen.calls.last == .flush)
    }

    @Test func unchangedFrameDrawsNothingButStillFlushesOnce() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two", "three"]), on: screen)
        screen.reset()
        painter.paint(frame(["one", "two", "three"]), on: screen)
        #expect(screen.calls == [.flush])
    }

    @Test func oneChangedRowRedrawsExactlyThatRow() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two", "three"]), on: screen)
        screen.reset()
        painter.paint(frame(["one", "2", "three"]), on: screen)
        #expect(
            screen.calls == [
                .move(row: 1, column: 0), .clearToEndOfLine,
                .style(.plain), .move(row: 1, column: 0), .text("2"),
                .style(.plain),
                .flush,
            ])
    }

    /// A row that differs only in style is a changed row.
    @Test func aStyleChangeAloneRedrawsTheRow() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two"]), on: screen)
        screen.reset()
        var next = frame(["one", "two"])
        next.rows[0].spans[0].style = Style(reverse: true)
        painter.paint(next, on: screen)
        #expect(screen.blankedRows == [0])
        #expect(screen.calls.contains(.style(Style(reverse: true))))
        #expect(screen.clears == 0)
    }

    @Test(arguments: [(21, 3), (20, 4), (10, 2)])
    func aSizeChangeClearsAndRedrawsEverything(width: Int, height: Int) {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two", "three"]), on: screen)
        screen.reset()
        painter.paint(frame(["one", "two", "three"], width: width, height: height), on: screen)
        #expect(screen.calls.first == .clear)
        #expect(screen.clears == 1)
        #expect(screen.blankedRows == [0, 1, 2])
        #expect(screen.texts == ["one", "two", "three"])
        #expect(screen.flushes == 1)
    }

    @Test func forceClearsAndRedrawsEverythingEvenWhenUnchanged() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["one", "two"]), on: screen)
        screen.reset()
        painter.paint(frame(["one", "two"]), force: true, on: screen)
        #expect(screen.calls.first == .clear)
        #expect(screen.texts == ["one", "two"])
        #expect(screen.flushes == 1)
        // Forcing once does not keep forcing: the next identical frame is free.
        screen.reset()
        painter.paint(frame(["one", "two"]), on: screen)
        #expect(screen.calls == [.flush])
    }

    @Test(arguments: [1, 2, 4])
    func aShorterFrameBlanksTheLeftoverRows(kept: Int) {
        let lines = ["a", "b", "c", "d", "e"]
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(lines, height: 5), on: screen)
        screen.reset()
        painter.paint(frame(Array(lines.prefix(kept)), height: 5), on: screen)
        #expect(screen.texts.isEmpty)
        #expect(screen.blankedRows == Array(kept..<5))
        #expect(screen.clears == 0)
        #expect(screen.calls.last == .flush)
    }

    @Test func aLongerFrameDrawsTheNewRows() {
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(frame(["a"], height: 3), on: screen)
        screen.reset()
        painter.paint(frame(["a", "b", "c"], height: 3), on: screen)
        #expect(screen.blankedRows == [1, 2])
        #expect(screen.texts == ["b", "c"])
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
        let screen = RecordingScreen()
        var painter = RowPainter()
        painter.paint(Frame(width: 10, height: 1, rows: [row]), on: screen)
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
        let screen = RecordingScreen()
        var painter = RowPainter()
        #expect(painter.previous == nil)
        painter.paint(frame(["x"]), on: screen)
        #expect(painter.previous == frame(["x"]))
    }
}
