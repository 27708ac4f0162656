import NIOConcurrencyHelpers

/// A value that threads share, behind a lock: every lock in the project is one.
///
/// Not `Synchronization.Mutex`, though its interface is the same: on Linux a
/// contended `Mutex` waits in a priority-inheritance futex inside the
/// runtime, which ThreadSanitizer does not instrument, so TSan cannot see the
/// lock pass from one thread to the next and reports races that are not there
/// (CI failed on ten such reports in the simulator's request counters). A pthread mutex,
/// which `NIOLockedValueBox` holds, is one TSan intercepts, so a race it
/// reports here is real.
public final class Locked<Value: Sendable>: Sendable {
    private let box: NIOLockedValueBox<Value>

    public init(_ value: Value) { box = NIOLockedValueBox(value) }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try box.withLockedValue(body)
    }
}
