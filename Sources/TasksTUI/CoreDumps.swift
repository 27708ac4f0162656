import CTerminalGuard

#if canImport(Glibc)
    import Glibc
#endif

/// No core file may hold the token: at start, `RLIMIT_CORE` is set to 0 and
/// the process is made non-dumpable (`prctl(PR_SET_DUMPABLE, 0)`, which also
/// keeps other processes of the user from reading its memory). The crash
/// guard still restores the terminal and re-raises the signal: the exit
/// status is the same, only no core is written.
///
/// `TASKS_TUI_ALLOW_CORE=1` leaves both as they were, for debugging a crash.
enum CoreDumps {
    static let optOutVariable = "TASKS_TUI_ALLOW_CORE"

    enum Outcome: Equatable {
        /// Both turned off.
        case disabled
        /// The opt-out variable is set: nothing changed.
        case allowedByEnvironment
        /// A call failed (errno): said on stderr, the program goes on.
        case failed(Int32)
    }

    /// Turns core dumps off unless `TASKS_TUI_ALLOW_CORE=1` is in `environment`.
    @discardableResult
    static func disable(environment: [String: String]) -> Outcome {
        if environment[optOutVariable] == "1" { return .allowedByEnvironment }
        if tt_disable_core_dumps() == 0 { return .disabled }
        return .failed(errno)
    }

    /// The soft core size limit: nil when unlimited or unknown.
    static var limit: Int64? {
        let value = tt_core_limit()
        return value < 0 ? nil : Int64(value)
    }

    /// Whether the kernel would dump this process (nil where it cannot be asked).
    static var dumpable: Bool? {
        let value = tt_core_dumpable()
        return value < 0 ? nil : value != 0
    }
}
