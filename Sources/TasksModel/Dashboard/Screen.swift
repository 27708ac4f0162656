/// Which screen is showing.
public enum Screen: Sendable, Hashable {
    case table
    case details(id: String, scroll: Int)
    case help
}
