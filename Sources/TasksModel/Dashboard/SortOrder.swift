/// The order of rows, cycled with `s`.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    case newest, status, progress, stalled
    /// Active jobs by how long they have run against their type's median
    /// duration (`DurationHistory.standing`): the most unusual first.
    case slowest

    /// How the help names it (within the help's 80 columns).
    public var helpName: String { self == .slowest ? "slowest vs typical" : rawValue }

    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
