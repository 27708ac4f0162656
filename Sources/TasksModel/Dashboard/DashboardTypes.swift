import Foundation

/// A key, decoded by the terminal layer.
public enum Key: Sendable, Hashable {
    case up, down, pageUp, pageDown, home, end, enter, escape, backspace, tab
    case character(Character)
    /// Ctrl plus a letter, lower case: `.control("c")`, `.control("l")`.
    case control(Character)
}

/// What the dashboard reacts to.
public enum DashboardMessage: Sendable {
    case key(Key, at: Date)
    case tick(Date)
    /// A request finished (from the executor).
    case engine(EngineEvent)
    case resize(width: Int, height: Int)
}

/// What `update` asks the outside world to do.
public struct DashboardEffects: Sendable {
    /// Requests to send.
    public var requests: [EngineRequest] = []
    /// Things to log, and cancel outcomes for the audit log.
    public var notices: [EngineNotice] = []
    public var quit = false
    /// Ctrl-L: repaint everything from scratch.
    public var clearScreen = false

    public init() {}
}

/// The status filter, cycled with `f`.
public enum StatusView: String, Sendable, Hashable, CaseIterable {
    case all, active, finished, failed, cancelled

    public var next: StatusView {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    func includes(_ status: JobStatus) -> Bool {
        switch self {
        case .all: true
        case .active: status.isActive
        case .finished: status.isFinal
        case .failed: status == .failed
        case .cancelled: status == .cancelled
        }
    }
}

/// The order of rows, cycled with `s`.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    case newest, status, progress, stalled

    public var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What a cancel confirmation is about: fixed when `c` was pressed, so a
/// re-sort under the dialog cannot change which job is cancelled.
public struct CancelTarget: Sendable, Hashable {
    public var id: String
    public var type: String
    public var percentage: Double
    public var step: String?
}

/// A one-line question or input at the bottom of the screen.
public enum Prompt: Sendable, Hashable {
    case confirmCancel(CancelTarget)
    /// Editing a search; `previous` is restored by Esc.
    case search(draft: String, previous: String)
}

/// Which screen is showing.
public enum Screen: Sendable, Hashable {
    case table
    case details(id: String, scroll: Int)
    case help
}

/// The last message for the footer.
public struct FooterMessage: Sendable, Hashable {
    /// How the footer shows a message: plain, or in red when something went wrong.
    public enum Severity: Sendable, Hashable {
        case info, warning
    }

    public var text: String
    public var at: Date
    public var severity: Severity

    public init(text: String, at: Date, severity: Severity) {
        self.text = text
        self.at = at
        self.severity = severity
    }
}
