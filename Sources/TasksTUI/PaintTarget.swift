import TasksModel

/// The few screen operations the painter needs. The curses `Terminal`
/// implements them; tests implement them with a recorder, so the row diff is
/// checked without a terminal.
protocol PaintTarget: AnyObject {
    /// Blanks the whole screen and forgets what the terminal shows, so the
    /// next flush rewrites every cell (after a resize, or Ctrl-L).
    func clear()
    /// Moves the cursor to `column` of `row` (both from 0).
    func move(row: Int, column: Int)
    /// Blanks from the cursor to the end of its row.
    func clearToEndOfLine()
    /// The style of the text added next.
    func setStyle(_ style: Style)
    /// Writes text at the cursor. The text is already sanitized.
    func addText(_ text: String)
    /// Sends everything drawn since the last flush to the terminal, at once.
    func flush()
    /// After a flush: these rows (just drawn) hold links or held some; the
    /// terminal writes them again with their OSC 8 links when it shows links.
    func rewriteLinked(_ rows: [(y: Int, row: FrameRow)], width: Int)
}
