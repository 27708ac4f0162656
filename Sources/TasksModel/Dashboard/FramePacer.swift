import FoundationEssentials

/// When the dashboard loop flushes a frame and when it wakes up: a pure
/// value, so the policy is tested without a clock.
///
/// Over SSH every flush is at least one encrypted packet. A key is answered
/// at once; changes the server brings are coalesced into at most one flush
/// per `window`. Time passing alone is flushed each second only while the
/// user watches something count seconds (a retry countdown, an open dialog
/// or pane); while only the table's elapsed times tick, at most every
/// `clockStep` seconds (a flush the server causes carries them along with
/// it); when nothing on screen moves by itself, the loop wakes only every
/// `idleStep` seconds.
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
    /// The shortest time between two flushes caused by the clock alone while
    /// only the table's elapsed times tick: they are at most this late.
    public var clockStep: TimeInterval
    /// When the last frame was flushed.
    public private(set) var lastFlush: Date?
    /// A frame was held back: it must be flushed by `deferredUntil`.
    public var pending: Bool { deferredUntil != nil }
    /// When a held frame is due, if one is held.
    public private(set) var deferredUntil: Date?
    /// A frame the server caused has been flushed. The first one (the first
    /// list, or why there is none) is flushed at once: held for the window
    /// after the empty start-up frame, it made the first rows a second late.
    public private(set) var serverFrameFlushed = false

    public init(window: TimeInterval = 1, idleStep: TimeInterval = 10, clockStep: TimeInterval = 5) {
        self.window = window
        self.idleStep = idleStep
        self.clockStep = clockStep
    }

    /// Whether a frame wanted for `cause` is flushed now; when not, it is
    /// held (`pending`) until `deferredUntil`. `tickStep` is how long a
    /// frame caused by the clock alone may wait (`tickStep(for:)`).
    public mutating func shouldFlush(now: Date, cause: Cause, tickStep: TimeInterval? = nil) -> Bool {
        if cause == .key { return true }
        if cause == .server && !serverFrameFlushed {
            serverFrameFlushed = true
            return true
        }
        guard let lastFlush else { return true }
        let step = cause == .tick ? max(window, tickStep ?? window) : window
        // A clock set back must not hold frames for the length of the jump.
        if now < lastFlush || now.timeIntervalSince(lastFlush) >= step - 0.001 { return true }
        // A frame held for the server is due a window after the last flush, whatever wakes the loop then.
        if let deferredUntil, now >= deferredUntil.addingTimeInterval(-0.001) { return true }
        let due = lastFlush.addingTimeInterval(step)
        deferredUntil = min(deferredUntil ?? due, due)
        return false
    }

    /// Records a flush at `now`.
    public mutating func flushed(at now: Date) {
        lastFlush = now
        deferredUntil = nil
    }

    /// How long a frame caused by the clock alone may wait in `state`: a
    /// second while the user watches seconds count (`countsSeconds`),
    /// `clockStep` while only elapsed times tick, else a second (an idle
    /// screen wakes only every `idleStep` anyway).
    public func tickStep(for state: DashboardState) -> TimeInterval {
        Self.countsSeconds(state) || !Self.ticksEverySecond(state) ? window : clockStep
    }

    /// When the loop must wake next for the screen's sake (the engine's own
    /// deadlines come on top): the next second while the user watches
    /// seconds count, `clockStep` after the last flush while only elapsed
    /// times tick, otherwise the next `idleStep` boundary; never later than a
    /// held frame.
    public func nextWake(for state: DashboardState, after now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        var wake: Date
        if Self.countsSeconds(state) {
            wake = Date(timeIntervalSince1970: (seconds.rounded(.down) + 1))
        } else if Self.ticksEverySecond(state), let lastFlush {
            wake = max(lastFlush.addingTimeInterval(clockStep), now.addingTimeInterval(0.001))
        } else if Self.ticksEverySecond(state) {
            wake = Date(timeIntervalSince1970: (seconds.rounded(.down) + 1))
        } else {
            wake = Date(timeIntervalSince1970: ((seconds / idleStep).rounded(.down) + 1) * idleStep)
        }
        if let deferred = deferredUntil { wake = min(wake, max(deferred, now)) }
        return wake
    }

    /// Whether anything on screen changes each second by itself: an active
    /// job (its elapsed time), or anything `countsSeconds` names.
    public static func ticksEverySecond(_ state: DashboardState) -> Bool {
        countsSeconds(state) || state.engine.jobs.unsettled.values.contains { $0.job.status.isActive }
    }

    /// Whether the user watches seconds count, so a second's change is
    /// flushed each second even with nothing else to send: a connection
    /// retrying or connecting (its countdown), a prompt, the details pane or
    /// help (ages and the one job's elapsed time in seconds).
    public static func countsSeconds(_ state: DashboardState) -> Bool {
        if state.prompt != nil { return true }
        switch state.screen {
        case .table: break
        // The audit screen shows times of the past only.
        case .audit: return false
        case .details, .help: return true
        }
        switch state.engine.connection {
        case .connected, .paused, .unauthorized: return false
        case .connecting, .retrying: return true
        }
    }
}
