/// Which screen is showing.
public enum Screen: Sendable, Hashable {
    case table
    case details(id: JobID, scroll: Int)
    case help
}
