/// The status filter, cycled with `f`.
public enum StatusView: String, Sendable, Hashable, CaseIterable {
    case all, active, finished, failed, cancelled

    public var next: StatusView {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    func includes(_ status: JobStatus) -> Bool {
        switch self {
        case .all: true
        case .active: status.isActive
        case .finished: status.isFinal
        case .failed: status == .failed
        case .cancelled: status == .cancelled
        }
    }
}
