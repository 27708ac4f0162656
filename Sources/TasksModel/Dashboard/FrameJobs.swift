/// The jobs a frame shows where the user can act on them: the job on each
/// table row, and the jobs a cancel dialog names when it is drawn whole.
///
/// The loop hands it back as `DashboardInput.painted` once the frame is on
/// the terminal. A click is hit-tested against the rows painted, not the
/// state's newer order (the frame pacer may hold a repaint back a second
/// while rows move); a `y` answers a dialog only if the frame painted it
/// whole at the current size. So what acts is what the user saw.
public struct FrameJobs: Sendable, Hashable {
    /// The size the frame was drawn for: input at another size cannot rely on it.
    public var width: Int
    public var height: Int
    /// Screen row to the job drawn on it (table rows only).
    public var rows: [Int: JobID] = [:]
    /// The jobs named by the cancel dialog on screen, in order, when every
    /// line of it is drawn and no id in it is cut; nil when there is none.
    public var dialog: [JobID]?

    public init(width: Int, height: Int, rows: [Int: JobID] = [:], dialog: [JobID]? = nil) {
        self.width = width
        self.height = height
        self.rows = rows
        self.dialog = dialog
    }
}
