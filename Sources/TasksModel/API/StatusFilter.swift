/// The `status` filter of the list endpoint.
public enum StatusFilter: String, Sendable, Hashable, CaseIterable {
    case all, queued, processing, completed, failed, cancelled
}
