/// `C`: cancel every active job of the current view. One dialog names how
/// many, by type, the first five and the server; the answer is typed (the
/// count above five jobs, `y` for five or fewer) and Enter checks it, so a
/// stray `y`, a paste or keys typed ahead never cancel a batch. Each job then
/// goes through the single cancel's lifecycle.
extension DashboardState {
    mutating func beginViewCancel(_ effects: inout [DashboardEffect]) {
        let active = visible.filter { engine.cancelRefusal(for: $0) == nil }
        if options.readOnly {
            say("read-only: cancelling is disabled (--read-only); nothing sent", as: .warning, &effects)
            return
        }
        guard !active.isEmpty else {
            say("no active job in this view (\(viewWords)); nothing to cancel", &effects)
            return
        }
        let view = ViewCancel(targets: active.compactMap(cancelTarget), view: viewWords, server: cancelServer)
        prompts.show(.confirmViewCancel(view, typed: ""))
        guard refuseDialogThatCannotShow(&effects) else { return }
        // Only keys pressed after the dialog is on screen are typed into it (`PromptState.show`).
        effects.append(.flushInput)
    }

    /// The view the dialog names: its filter, search and support view.
    var viewWords: String {
        var words = ["filter \(filter.rawValue)"]
        if !search.isEmpty { words.append("search \"\(search)\"") }
        if supportView { words.append("needing attention") }
        return words.joined(separator: ", ")
    }

    /// A key in the view cancel's dialog: typing, Backspace, Enter, Esc.
    /// False for keys that do the same everywhere (Ctrl-C, Ctrl-L).
    mutating func answerViewCancel(_ action: KeyAction, key: Key, _ effects: inout [DashboardEffect]) -> Bool {
        guard case .confirmViewCancel(let view, let typed)? = prompt else { return false }
        switch action {
        case .typeCharacter:
            guard case .character(let character) = key, typed.count < 12 else { return true }
            prompts.editDraft(.confirmViewCancel(view, typed: typed + String(character)))
        case .deleteCharacter:
            prompts.editDraft(.confirmViewCancel(view, typed: String(typed.dropLast())))
        case .submitCount where view.confirmation.accepts(typed):
            prompts.close()
            for target in view.targets { confirmCancel(target, &effects) }
            let started = view.targets.filter { engine[$0.id]?.cancel.isOutstanding == true }.count
            let left = view.targets.count - started
            say(
                "cancel of \(started) job\(started == 1 ? "" : "s") sent; waiting for the server"
                    + (left == 0 ? "" : "; \(left) not sent (finished or under way meanwhile)"),
                as: left == 0 ? .info : .warning, &effects)
        case .submitCount, .declineCancel:
            prompts.close()
            for target in view.targets { notSent(target.id, target.type, .declined, &effects) }
            let why = action == .submitCount ? "\"\(typed)\" is not \(view.confirmation.expected)" : "declined"
            say("cancel of \(view.targets.count) jobs aborted (\(why)): nothing sent", &effects)
        default:
            return false
        }
        return true
    }
}
