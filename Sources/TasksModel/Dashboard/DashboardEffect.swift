/// One thing `DashboardState.update` asks the outside world to do. `update`
/// returns these as values, in order, and the loop carries them out: the
/// state never reaches the network, the files or the terminal, and the loop
/// never reads a flag back from the state to learn what to do.
public enum DashboardEffect: Sendable, Hashable {
    /// Send this request; its result comes back as `DashboardInput.engine`.
    case send(EngineRequest)
    /// Append a line to the audit log: a cancel attempt and how it ended.
    case audit(jobID: JobID, type: String, outcome: CancelOutcome)
    /// Write a line to the log file.
    case log(String)
    /// The footer now shows this. The state already holds it (`message`) for
    /// the renderer; it is returned so that callers see what the user was told.
    case footer(FooterMessage)
    /// End the dashboard.
    case quit
    /// Repaint the whole screen from scratch (Ctrl-L, a resize).
    case clearScreen
    /// Discard every key typed or pasted so far (`flushinp`): the cancel
    /// dialog just opened, and keys sent before it was seen are no answer.
    case flushInput
    /// Put this text on the system clipboard through the terminal (OSC 52,
    /// `Clipboard.osc52`): the `Y` key's job id, already checked to be printable.
    case copyToClipboard(String)
    /// Append a completed job's duration to this server's history file.
    case recordDuration(DurationSample)
    /// Read the audit log (this server's entries, newest first) for the audit
    /// screen; the answer comes back as `DashboardInput.auditRead`.
    case readAuditLog
    /// A watched job ended: write this bell and desktop notification to the
    /// terminal (between frames; it draws nothing).
    case notify(TerminalNotification)
}

extension DashboardEffect {
    /// The request this effect sends, if it is `.send`.
    public var request: EngineRequest? {
        if case .send(let request) = self { request } else { nil }
    }
}

extension [DashboardEffect] {
    /// The requests to send, in order.
    public var requests: [EngineRequest] {
        compactMap { effect in
            if case .send(let request) = effect { request } else { nil }
        }
    }
}
