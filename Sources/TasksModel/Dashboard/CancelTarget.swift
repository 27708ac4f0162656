import Foundation

/// What a cancel confirmation is about: fixed when `c` was pressed, so a
/// re-sort under the dialog cannot change which job is cancelled.
public struct CancelTarget: Sendable, Hashable {
    public var id: String
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
