/// How a simulated job answers an accepted cancel: a real backend honours most
/// at once, some only after a while, and a few never, and the client must cope
/// with all three.
public enum CancelBehaviour: Sendable, Equatable {
    /// Cancelled from the moment the request is accepted.
    case honour
    /// Cancelled this many seconds after the request is accepted.
    case afterDelay(Double)
    /// Accepted, and never acted upon.
    case ignore
}
