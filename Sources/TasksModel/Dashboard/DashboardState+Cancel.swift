import FoundationEssentials

/// The cancel flow: `c` opens a confirmation bound to one job, `y` sends it,
/// any other key declines. Whether a cancel may be sent is decided by
/// `PollingEngine.cancelRefusal(for:)`, plus read-only here; nothing else.
extension DashboardState {
    mutating func beginCancel(_ id: JobID, _ effects: inout [DashboardEffect]) {
        if options.readOnly {
            say("read-only: cancelling is disabled (--read-only); nothing sent", as: .warning, &effects)
            notSent(id, engine[id]?.job.type ?? "?", .readOnly, &effects)
            return
        }
        if let refusal = engine.cancelRefusal(for: id) {
            say(refusal.text(id: id), as: refusal.isWarning ? .warning : .info, &effects)
            if let outcome = refusal.auditOutcome { notSent(id, engine[id]?.job.type ?? "?", outcome, &effects) }
            return
        }
        guard let target = cancelTarget(id) else { return }
        prompts.show(.confirmCancel(target))
        guard refuseDialogThatCannotShow(&effects) else { return }
        // Only a key pressed after the dialog is on screen answers it (`PromptState.show`).
        effects.append(.flushInput)
    }

    /// Words for a terminal too small for the cancel dialog.
    static let tooSmallForDialog = "terminal too small to show the cancel dialog whole"

    /// Just opened: a dialog this size cannot show whole is not opened (the
    /// footer says why). False when it was refused.
    mutating func refuseDialogThatCannotShow(_ effects: inout [DashboardEffect]) -> Bool {
        guard !DashboardRenderer.dialogFitsWhole(self) else { return true }
        // At the largest size the box can take, would it fit? If not, no terminal helps.
        var roomy = self
        roomy.width = max(width, 200)
        roomy.height = max(height, 60)
        let fitsSomewhere = DashboardRenderer.dialogFitsWhole(roomy)
        prompts.close()
        if fitsSomewhere {
            let cancel = Keymap.key(for: .cancel, in: keyContext)
            say(
                "\(Self.tooSmallForDialog) (\(width)x\(height)): enlarge it and press \(cancel) again; nothing sent",
                as: .warning, &effects)
        } else {
            say(
                "an id or the server name is too long to show whole in the cancel dialog; nothing sent: use tasks-tui cancel ID",
                as: .warning, &effects)
        }
        return false
    }

    /// After a resize: an open dialog the new size cannot show whole is closed
    /// as declined, each job audited "aborted: terminal too small".
    mutating func closeDialogThatCannotShow(_ effects: inout [DashboardEffect]) {
        guard prompt?.isCancelDialog == true, !DashboardRenderer.dialogFitsWhole(self) else { return }
        let why = CancelOutcome.terminalTooSmall
        switch prompt {
        case .confirmCancel(let target)?:
            notSent(target.id, target.type, why, &effects)
        case .confirmMarkedCancel(let marked)?:
            for target in marked.targets { notSent(target.id, target.type, why, &effects) }
        case .confirmViewCancel(let view, _)?:
            for target in view.targets { notSent(target.id, target.type, why, &effects) }
        default:
            break
        }
        prompts.close()
        say("cancel aborted: \(Self.tooSmallForDialog) at \(width)x\(height); nothing sent", as: .warning, &effects)
    }

    /// The server a cancel goes to, as the dialogs name it: host, and profile if one was chosen.
    var cancelServer: String { options.serverLabel + (options.profileName.map { " (profile \($0))" } ?? "") }

    /// The job `id` as a confirmation shows it, as of now.
    func cancelTarget(_ id: JobID) -> CancelTarget? {
        guard let tracked = engine[id] else { return nil }
        var target = CancelTarget(
            id: id, type: tracked.job.type, percentage: tracked.job.progress.percentage,
            step: tracked.job.progress.currentStep)
        target.title = tracked.job.title
        target.status = tracked.job.status
        target.createdAt = tracked.job.createdAt
        target.server = cancelServer
        target.openedAt = now
        return target
    }

    /// `y`: the engine sends the cancel, or refuses it if the job finished while the dialog was open.
    mutating func confirmCancel(_ target: CancelTarget, _ effects: inout [DashboardEffect]) {
        // The dialog never opens in read-only mode; this keeps it so if the options change.
        guard !options.readOnly else { return }
        let before = engine[target.id]?.cancel
        apply(engine.update(.cancel(id: target.id, at: now)), &effects)
        guard let after = engine[target.id]?.cancel, after != before else { return }
        switch after {
        case .sending:
            let paused = engine.paused ? " (polling is paused; the cancel was sent all the same)" : ""
            say("cancel of \(target.id) (\(target.type)) sent; waiting for the server\(paused)", &effects)
        case .pending:
            say("cancel of \(target.id) (\(target.type)) goes out when its read in flight answers", &effects)
        default:
            break
        }
    }

    /// Any key but `y`: the job keeps running, and the audit log says so.
    mutating func declineCancel(_ target: CancelTarget, _ effects: inout [DashboardEffect]) {
        say("cancel of \(target.id) aborted: nothing sent", &effects)
        notSent(target.id, target.type, .declined, &effects)
    }

    /// Cancels sent whose answer has not come back.
    public var cancelsInFlight: Int { engine.cancelsInFlight }

    /// How long quitting waits for the answers of cancels in flight.
    public static let quitWait: TimeInterval = 2

    /// One step of quitting with cancels in flight: folds in `events` (the
    /// answers; nothing new is sent), and once no cancel is in flight or
    /// `quitWait` has passed since `start`, audits those still unanswered as
    /// unknown. `done`: the wait is over.
    public mutating func quitting(_ events: [EngineEvent], at time: Date, since start: Date) -> (
        effects: [DashboardEffect], done: Bool
    ) {
        var effects: [DashboardEffect] = []
        for event in events { effects += update(.engine(event)).filter { $0.request == nil } }
        now = max(now, time)
        guard cancelsInFlight == 0 || time.timeIntervalSince(start) >= Self.quitWait else { return (effects, false) }
        return (effects + abandonCancelsInFlight(), true)
    }

    /// The dashboard is quitting: each cancel still unanswered is audited as
    /// unknown, so no attempt goes unrecorded.
    public mutating func abandonCancelsInFlight() -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        apply(engine.abandonCancels(at: now), &effects)
        return effects
    }

    /// A cancel attempt that sent nothing: logged, and audited with `why` as its outcome.
    func notSent(_ id: JobID, _ type: String, _ outcome: CancelOutcome, _ effects: inout [DashboardEffect]) {
        effects.append(.log(outcome.description))
        effects.append(.audit(jobID: id, type: type, outcome: outcome))
    }
}
