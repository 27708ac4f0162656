/// The order of rows, cycled with `s`.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    case newest, status, progress, stalled

    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
