/// Keys: the keymap turns a key into an action for the current context, and
/// `perform` carries the action out. No key is named here: a new key is a row
/// in `Keymap.bindings`, a new action is a case in `perform`.
extension DashboardState {
    /// Where keys go now: an open prompt takes them all, else the screen does.
    public var keyContext: KeyContext {
        switch (prompt, screen) {
        case (.confirmCancel?, _), (.confirmMarkedCancel?, _): .confirm
        case (.confirmViewCancel?, _): .confirmView
        case (.search?, _): .search
        case (.openJob?, _): .openJob
        case (nil, .table): .table
        case (nil, .details): .details
        case (nil, .help): .help
        case (nil, .audit): .audit
        }
    }

    mutating func handle(_ key: Key, _ effects: inout [DashboardEffect]) {
        // Keys read before the dialog was on screen were typed or pasted
        // ahead: they are no answer to a question not yet seen.
        if prompt?.isCancelDialog == true, !dialogPainted { return }
        guard let action = Keymap.action(for: key, in: keyContext) else { return }
        perform(action, key: key, &effects)
    }

    /// Carries out `action`, pressed as `key` (only typing a character reads the key).
    mutating func perform(_ action: KeyAction, key: Key, _ effects: inout [DashboardEffect]) {
        if case .confirmViewCancel? = prompt, answerViewCancel(action, key: key, &effects) { return }
        switch action {
        case .up, .down, .pageUp, .pageDown, .first, .last:
            if case .help = screen {
                let region = DashboardLayout(width: width, height: height).body
                let last = helpView.lastScroll(in: region)
                helpScroll = min(last, max(0, destination(of: action, from: min(helpScroll, last), last: last)))
            } else if case .details(let id, let scroll) = screen {
                // Clamped to the last page, so `k` and PgUp after `G` or PgDn move at once.
                let region = DashboardLayout(width: width, height: height).body
                let last = DetailsView(state: self, id: id, scroll: 0).lastScroll(in: region)
                let to = destination(of: action, from: min(scroll, last), last: last)
                screen = .details(id: id, scroll: min(last, max(0, to)))
            } else if case .audit(let selected) = screen {
                // A page is the lines the audit screen shows, not the table's rows.
                let page = AuditScreenView.room(in: DashboardLayout(width: width, height: height).body)
                let last = (audit?.entries.count ?? 0) - 1
                moveAudit(to: destination(of: action, from: selected, last: last, page: page))
            } else {
                move(to: destination(of: action, from: selectedIndex ?? 0, last: visible.count - 1))
            }
        case .openDetails:
            if let selectedID {
                screen = .details(id: selectedID, scroll: 0)
                fetchDetailsIfDropped(selectedID, &effects)
            }
        case .back:
            screen = .table
        case .cancel:
            if case .details(let id, _) = screen {
                beginCancel(id, &effects)
            } else if !marks.isEmpty {
                beginMarkedCancel(&effects)
            } else if let selectedID {
                beginCancel(selectedID, &effects)
            } else {
                say("no job selected", &effects)
            }
        case .confirm:
            if case .confirmMarkedCancel(let marked)? = prompt {
                prompts.close()
                confirmMarkedCancel(marked, &effects)
                return
            }
            guard case .confirmCancel(let target)? = prompt else { return }
            prompts.close()
            confirmCancel(target, &effects)
        case .declineCancel:
            if case .confirmMarkedCancel(let marked)? = prompt {
                prompts.close()
                declineMarkedCancel(marked, &effects)
                return
            }
            guard case .confirmCancel(let target)? = prompt else { return }
            prompts.close()
            declineCancel(target, &effects)
        case .toggleMark:
            toggleMark(&effects)
        case .toggleWatch:
            toggleWatch(&effects)
        case .refresh:
            apply(engine.update(.refresh(now)), &effects)
            if !engine.paused { say("refreshing", &effects) }
        case .togglePause:
            if engine.paused {
                apply(engine.update(.resume(now)), &effects)
                say("resumed", &effects)
            } else {
                apply(engine.update(.pause(now)), &effects)
                say("paused: no requests until \(Keymap.key(for: .togglePause, in: .table))", &effects)
            }
        case .cycleFilter:
            table.cycleFilter()
            say("filter: \(filter.rawValue)", &effects)
        case .toggleSupport:
            table.toggleSupportView()
            // The support view opens on its worst job, the one most likely to be acted on.
            if supportView {
                refreshVisibleIfNeeded()
                move(to: 0)
            }
            say(
                supportView
                    ? "support view: jobs needing attention, worst first (\(Keymap.key(for: .toggleSupport, in: .table)) leaves)"
                    : "support view off",
                &effects)
        case .cycleSort:
            table.cycleSort()
            say("sort: \(sort.rawValue)", &effects)
        case .cycleTimes:
            timeMode = timeMode.next
            say("times: \(timeMode.rawValue)", &effects)
        case .cancelView:
            beginViewCancel(&effects)
        case .submitCount:
            break  // only in the view cancel's dialog (`answerViewCancel`)
        case .showAudit:
            showAudit(&effects)
        case .openAuditJob:
            openAuditJob(&effects)
        case .showHelp:
            screen = .help
            helpScroll = 0
        case .quit:
            effects.append(.quit)
        case .redraw:
            effects.append(.clearScreen)
        case .beginSearch:
            prompts.show(.search(draft: search, previous: search))
        case .clearSearch:
            let hadMarks = clearMarks()
            guard !search.isEmpty else {
                if hadMarks { say("marks cleared", &effects) }
                return
            }
            table.setSearch("")
            say(hadMarks ? "search and marks cleared" : "search cleared", &effects)
        case .keepSearch:
            guard case .search(let draft, _)? = prompt else { return }
            prompts.close()
            say(draft.isEmpty ? "search cleared" : "search: \(draft)", &effects)
        case .undoSearch:
            guard case .search(_, let previous)? = prompt else { return }
            prompts.close()
            setSearch(previous)
        case .beginOpen:
            prompts.show(.openJob(draft: ""))
        case .submitOpen:
            guard case .openJob(let draft)? = prompt else { return }
            prompts.close()
            openJob(draft, &effects)
        case .cancelOpen:
            prompts.close()
        case .copyID:
            copyID(&effects)
        case .deleteCharacter:
            if case .openJob(let draft)? = prompt {
                prompts.show(.openJob(draft: String(draft.dropLast())))
                return
            }
            guard case .search(let draft, let previous)? = prompt else { return }
            let shorter = String(draft.dropLast())
            prompts.show(.search(draft: shorter, previous: previous))
            setSearch(shorter)
        case .typeCharacter:
            if case .openJob(let draft)? = prompt, case .character(let character) = key {
                if draft.count < Self.idLimit { prompts.show(.openJob(draft: draft + String(character))) }
                return
            }
            guard case .search(let draft, let previous)? = prompt, case .character(let character) = key,
                draft.count < Self.searchLimit
            else { return }
            let longer = draft + String(character)
            prompts.show(.search(draft: longer, previous: previous))
            setSearch(longer)
        }
    }

    /// Where a movement takes a position: the selected row in the table, the
    /// first line shown in the details pane. A page is the table's height.
    /// The help screen as drawn for this state.
    var helpView: HelpView {
        HelpView(readOnly: options.readOnly, profile: options.profile, scroll: helpScroll, mouse: options.mouse)
    }

    private func destination(of movement: KeyAction, from position: Int, last: Int, page: Int? = nil) -> Int {
        let page = page ?? tableRows
        return switch movement {
        case .up: position - 1
        case .down: position + 1
        case .pageUp: position - page
        case .pageDown: position + page
        case .first: 0
        default: last
        }
    }

    /// Pasted text: into the open text prompt, as text; never as keys. Only
    /// printable characters are kept (a newline or a control cannot act).
    mutating func paste(_ text: String, _ effects: inout [DashboardEffect]) {
        let printable = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
            ))
        switch prompt {
        case .search(let draft, let previous)?:
            let longer = String((draft + printable).prefix(Self.searchLimit))
            prompts.show(.search(draft: longer, previous: previous))
            setSearch(longer)
        case .openJob(let draft)?:
            prompts.show(.openJob(draft: String((draft + printable).prefix(Self.idLimit))))
        default:
            say("pasted text ignored: paste goes only into a text prompt (/ search, : open)", as: .warning, &effects)
        }
    }

    /// The longest search the prompt accepts, in characters.
    static let searchLimit = 200
    /// The longest job id the open prompt accepts, in characters.
    static let idLimit = 200

    /// Enter in the open prompt: the id without the spaces around it (a
    /// ticket's copy often has some) is read from the server; its answer opens
    /// the details pane (`openAnswered`).
    mutating func openJob(_ draft: String, _ effects: inout [DashboardEffect]) {
        open(JobID(draft.trimmingWhitespace()), &effects)
    }

    /// Reads `id` from the server; its answer opens the details pane (`openAnswered`).
    mutating func open(_ id: JobID, _ effects: inout [DashboardEffect]) {
        guard !id.isEmpty else { return }
        opening = id
        apply(engine.update(.open(id: id, at: now)), &effects)
        say("opening \(id) on \(options.serverLabel)…", &effects)
    }

    /// The answer to the open prompt's request: the job's details, or what went wrong in words
    /// (a 404 is "no such job"; a network error is not).
    mutating func openAnswered(_ id: JobID, _ result: EngineResult, _ effects: inout [DashboardEffect]) {
        guard opening == id, case .job(let outcome) = result else { return }
        opening = nil
        switch outcome {
        case .success where engine[id] != nil:
            table.select(id)
            screen = .details(id: id, scroll: 0)
            say("\(id) opened and pinned: polled until it finishes", &effects)
        case .success:
            say("could not open \(id): the answer was about another job", as: .warning, &effects)
        case .failure(let error) where error.errorClass == .notFound:
            say("no such job on \(options.serverLabel): \(id)", as: .warning, &effects)
        case .failure(let error):
            say("could not open \(id): \(error.description)", as: .warning, &effects)
        }
    }

    /// `Y`: the id of the job shown in the details pane, else of the selected
    /// row, to the clipboard. An id with a control or invisible character is
    /// not copied: pasted into a shell, it could run something or name
    /// another job than the one it looks like.
    mutating func copyID(_ effects: inout [DashboardEffect]) {
        let id: JobID?
        if case .details(let shown, _) = screen { id = shown } else { id = selectedID }
        guard let id else {
            say("no job selected", &effects)
            return
        }
        guard Clipboard.isCopyable(id.text) else {
            say("id not copied: it holds control or invisible characters", as: .warning, &effects)
            return
        }
        effects.append(.copyToClipboard(id.text))
        say("copied id \(id) to the clipboard (OSC 52)", &effects)
    }

    private mutating func setSearch(_ text: String) {
        table.setSearch(text)
    }
}
