import Foundation

/// When the dashboard loop flushes a frame and when it wakes up: a pure
/// value, so the policy is tested without a clock.
///
/// Over SSH every flush is at least one encrypted packet. A key is answered
/// at once; changes the server brings (and the clock) are coalesced into at
/// most one flush per `window`. When nothing on screen moves by itself (no
/// active job, no retry countdown, no open dialog or pane), the loop wakes
/// only every `idleStep` seconds, not every second.
public struct FramePacer: Sendable {
    /// What made the loop want a new frame.
    public enum Cause: Sendable, Hashable {
        /// A key, a paste or a resize: the user waits for the screen.
        case key
        /// Results from the network.
        case server
        /// Time passing (the clock, ages, elapsed times).
        case tick
    }

    /// The shortest time between two flushes caused by the server or the clock.
    public var window: TimeInterval
    /// How often an idle screen is redrawn (ages in rows move at this granularity at worst).
    public var idleStep: TimeInterval
    /// When the last frame was flushed.
    public private(set) var lastFlush: Date?
    /// A frame was held back: it must be flushed by `deferredUntil`.
    public private(set) var pending = false

    public init(window: TimeInterval = 1, idleStep: TimeInterval = 10) {
        self.window = window
        self.idleStep = idleStep
    }

    /// Whether a frame wanted for `cause` is flushed now; when not, it is
    /// held (`pending`) until `deferredUntil`.
    public mutating func shouldFlush(now: Date, cause: Cause) -> Bool {
        if cause == .key { return true }
        guard let lastFlush else { return true }
        // A clock set back must not hold frames for the length of the jump.
        if now < lastFlush || now.timeIntervalSince(lastFlush) >= window - 0.001 { return true }
        pending = true
        return false
    }

    /// Records a flush at `now`.
    public mutating func flushed(at now: Date) {
        lastFlush = now
        pending = false
    }

    /// When a held frame is due, if one is held.
    public var deferredUntil: Date? {
        guard pending, let lastFlush else { return nil }
        return lastFlush.addingTimeInterval(window)
    }

    /// When the loop must wake next for the screen's sake (the engine's own
    /// deadlines come on top): the next second while something on screen
    /// ticks each second, otherwise the next `idleStep` boundary; never later
    /// than a held frame.
    public func nextWake(for state: DashboardState, after now: Date) -> Date {
        let step = Self.ticksEverySecond(state) ? 1 : idleStep
        let seconds = now.timeIntervalSince1970
        var wake = Date(timeIntervalSince1970: ((seconds / step).rounded(.down) + 1) * step)
        if let deferred = deferredUntil { wake = min(wake, max(deferred, now)) }
        return wake
    }

    /// Whether anything on screen changes each second by itself: an active
    /// job (its elapsed time), a connection retrying or connecting (its
    /// countdown), a prompt, the details pane or help (ages in seconds).
    public static func ticksEverySecond(_ state: DashboardState) -> Bool {
        if state.prompt != nil || state.screen != .table { return true }
        switch state.engine.connection {
        case .connected, .paused, .unauthorized: break
        case .connecting, .retrying: return true
        }
        return state.engine.jobs.values.contains { $0.job.status.isActive }
    }
}
