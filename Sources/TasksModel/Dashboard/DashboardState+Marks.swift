/// Marks: Space marks jobs, `c` then asks once for all of them, and each
/// active one goes through the single cancel's lifecycle (`confirmCancel`:
/// the engine's cancel path, `CancelVerification`, one audit line per job).
extension DashboardState {
    /// Space: marks the selected job, or unmarks it.
    mutating func toggleMark(_ effects: inout [DashboardEffect]) {
        guard let selectedID else {
            say("no job selected", &effects)
            return
        }
        if let index = marks.firstIndex(of: selectedID) {
            marks.remove(at: index)
        } else {
            marks.append(selectedID)
        }
        say(
            marks.isEmpty
                ? "no job marked"
                : "\(marks.count) marked: \(Keymap.key(for: .cancel, in: .table)) cancels them (asks first), "
                    + "\(Keymap.key(for: .clearSearch, in: .table)) clears",
            &effects)
    }

    /// Clears every mark; says whether there were any.
    mutating func clearMarks() -> Bool {
        defer { marks.removeAll() }
        return !marks.isEmpty
    }

    /// A job the engine no longer holds (pruned, gone from the list) loses its mark.
    mutating func dropVanishedMarks() {
        guard !marks.isEmpty else { return }
        marks.removeAll { engine[$0] == nil }
    }

    /// `c` with marks: one dialog listing the active ones and the skipped ones.
    mutating func beginMarkedCancel(_ effects: inout [DashboardEffect]) {
        dropVanishedMarks()
        if options.readOnly {
            say(
                "read-only: cancelling is disabled (--read-only); nothing sent for the \(marks.count) marked",
                as: .warning, &effects)
            for id in marks { notSent(id, engine[id]?.job.type ?? "?", .readOnly, &effects) }
            return
        }
        var marked = MarkedCancel(targets: [], skipped: [], server: cancelServer)
        for id in marks {
            guard let tracked = engine[id] else { continue }
            if let refusal = engine.cancelRefusal(for: id) {
                let why =
                    switch refusal {
                    case .notActive(let status): status.wireName
                    case .gone: "gone (404)"
                    case .alreadyUnderWay: "cancel under way"
                    case .unknownJob: "unknown"
                    }
                marked.skipped.append(
                    .init(id: id, type: tracked.job.type, why: why, auditOutcome: refusal.auditOutcome))
                continue
            }
            if let target = cancelTarget(id) { marked.targets.append(target) }
        }
        guard !marked.targets.isEmpty else {
            say("none of the \(marks.count) marked jobs is active; nothing sent", &effects)
            auditSkipped(marked, &effects)
            marks.removeAll()
            return
        }
        prompts.show(.confirmMarkedCancel(marked))
        guard refuseDialogThatCannotShow(&effects) else { return }
        // Only a key pressed after the dialog is on screen answers it (`PromptState.show`).
        effects.append(.flushInput)
    }

    /// `y`: each active job is cancelled as if confirmed on its own; the skipped are audited as not sent.
    mutating func confirmMarkedCancel(_ marked: MarkedCancel, _ effects: inout [DashboardEffect]) {
        guard !options.readOnly else { return }
        auditSkipped(marked, &effects)
        let before = Set(engine.jobs.values.filter { $0.cancel.isOutstanding }.map(\.job.id))
        for target in marked.targets { confirmCancel(target, &effects) }
        let started = marked.targets.filter { engine[$0.id]?.cancel.isOutstanding == true && !before.contains($0.id) }
        marks.removeAll()
        let skipped = marked.skipped.isEmpty ? "" : "; \(marked.skipped.count) skipped (not active)"
        let notStarted = marked.targets.count - started.count
        let refused = notStarted == 0 ? "" : "; \(notStarted) not sent (finished meanwhile)"
        say(
            "cancel of \(started.count) job\(started.count == 1 ? "" : "s") sent; waiting for the server\(refused)\(skipped)",
            as: notStarted == 0 ? .info : .warning, &effects)
    }

    /// Any key but `y`: nothing is sent; each job's audit line says so. The marks stay.
    mutating func declineMarkedCancel(_ marked: MarkedCancel, _ effects: inout [DashboardEffect]) {
        for target in marked.targets { notSent(target.id, target.type, .declined, &effects) }
        let clears = Keymap.key(for: .clearSearch, in: .table)
        say(
            "cancel of \(marked.targets.count) marked jobs aborted: nothing sent (marks kept; \(clears) clears)",
            &effects)
    }

    private func auditSkipped(_ marked: MarkedCancel, _ effects: inout [DashboardEffect]) {
        for skipped in marked.skipped {
            if let outcome = skipped.auditOutcome { notSent(skipped.id, skipped.type, outcome, &effects) }
        }
    }
}
