/// What a cancel confirmation is about: fixed when `c` was pressed, so a
/// re-sort under the dialog cannot change which job is cancelled.
public struct CancelTarget: Sendable, Hashable {
    public var id: String
    public var type: String
    public var percentage: Double
    public var step: String?
}
