import FoundationEssentials

/// The engine's connection to the server, for the header.
public enum ConnectionState: Sendable, Hashable {
    /// Nothing answered yet.
    case connecting
    case connected
    /// Requests are failing; the next attempt is at `next`.
    case retrying(since: Date, next: Date, reason: String)
    /// 401 or 403: polling stopped until the user refreshes.
    case unauthorized(String)
    case paused
}
