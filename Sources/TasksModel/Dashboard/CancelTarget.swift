import FoundationEssentials

/// What a cancel confirmation is about: fixed when `c` was pressed, so a
/// re-sort under the dialog cannot change which job is cancelled.
public struct CancelTarget: Sendable, Hashable {
    public var id: JobID
    public var type: String
    public var percentage: Double
    public var step: String?
    public var title: String?
    public var status: JobStatus?
    public var createdAt: Date?
    /// The API host (and profile) the cancel goes to.
    public var server = ""
    /// When the dialog opened: the job's age is shown as of then.
    public var openedAt: Date?
}

/// What a confirmation of several cancels is about (Space marks, then `c`):
/// the active jobs it sends a cancel to, and the marked jobs it skips and why.
/// Fixed when `c` was pressed, like `CancelTarget`.
public struct MarkedCancel: Sendable, Hashable {
    /// A marked job no cancel is sent to.
    public struct Skipped: Sendable, Hashable {
        public var id: JobID
        public var type: String
        /// Why: its status ("completed"), or "cancel under way", "gone".
        public var why: String
        /// The audit log's words, or nil when the attempt is not worth a line.
        public var auditOutcome: CancelOutcome?
    }

    /// The active jobs, in the order they were marked.
    public var targets: [CancelTarget]
    public var skipped: [Skipped]
    /// The API host (and profile) the cancels go to.
    public var server = ""
}
