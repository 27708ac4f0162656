import TasksModel

/// Copies frames to a screen, drawing only the rows that differ from the
/// previous frame: a one-line change (a tick, a progress step) costs one row
/// of output, not a screen, which matters on slow links and in tmux.
struct RowPainter {
    /// What the screen shows now, or nil when it must be redrawn in full.
    private(set) var previous: Frame?

    /// Paints `frame` on `target` with one flush, or none when nothing changed. `force` repaints everything
    /// (Ctrl-L, resize); so does a frame of another size than the last one.
    mutating func paint(_ frame: Frame, force: Bool = false, on target: some PaintTarget) {
        if force || previous?.width != frame.width || previous?.height != frame.height {
            target.clear()
            previous = nil
        }
        var drawn = false
        // Rows drawn that hold links, or held some: written again with their links after the flush.
        var linked: [(y: Int, row: FrameRow)] = []
        func hadLinks(_ y: Int) -> Bool { previous.map { y < $0.rows.count && $0.rows[y].hasLinks } ?? false }
        for (y, row) in frame.rows.enumerated() {
            if let previous, y < previous.rows.count, previous.rows[y] == row { continue }
            draw(row, at: y, on: target)
            drawn = true
            if row.hasLinks || hadLinks(y) { linked.append((y, row)) }
        }
        // Rows the previous frame had and this one lacks would keep stale text.
        if let previous, previous.rows.count > frame.rows.count {
            for y in frame.rows.count..<previous.rows.count {
                target.move(row: y, column: 0)
                target.clearToEndOfLine()
                if hadLinks(y) { linked.append((y, FrameRow())) }
            }
            drawn = true
        }
        previous = frame
        // An unchanged frame is not flushed at all: even an empty doupdate can
        // write a cursor move, and over SSH every write is a packet.
        if drawn { target.flush() }
        if !linked.isEmpty { target.rewriteLinked(linked, width: frame.width) }
    }

    /// Blanks row `y`, then writes each span at its own column: spans are
    /// placed by their measured width, so a character the terminal measures
    /// differently cannot shift the rest of the row.
    private func draw(_ row: FrameRow, at y: Int, on target: some PaintTarget) {
        target.move(row: y, column: 0)
        target.clearToEndOfLine()
        var x = 0
        for span in row.spans {
            target.setStyle(span.style)
            target.move(row: y, column: x)
            target.addText(span.text)
            x += span.width
        }
        // The next row's blanking must not inherit this row's last style.
        target.setStyle(.plain)
    }
}
