import FoundationEssentials
import TasksModel

/// Where the simulator reads the time. Injected so that tests move time by
/// hand and check every transition without sleeping.
public protocol SimClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemSimClock: SimClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualSimClock: SimClock {
    private let current: Locked<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Locked(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
