import Foundation
import Testing

@testable import TasksModel

@Suite("Keymap: every binding is reachable and does its action")
struct KeymapTests {
    /// A dashboard showing `context`, arranged so that every action in it
    /// changes something observable: the selection is mid-table, the details
    /// pane is scrolled, a search is under way.
    static func state(in context: KeyContext) -> DashboardState {
        var state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.down, at: state.now))
        _ = state.update(.key(.down, at: state.now))
        state.table.setSearch("job_")
        switch context {
        case .table: break
        case .details:
            // Short enough that the job's details scroll well past line 5.
            _ = state.update(.resize(width: 80, height: 10))
            state.screen = .details(id: state.selectedID!, scroll: 5)
        case .help:
            // Short enough that the help scrolls well past line 5.
            _ = state.update(.resize(width: 80, height: 10))
            state.screen = .help
            state.helpScroll = 5
        case .confirm:
            _ = state.update(.key(.character("c"), at: state.now))
            _ = state.paint()
        case .search:
            state.prompts.show(.search(draft: "job", previous: "a"))
            state.table.setSearch("job")
        case .openJob:
            state.prompts.show(.openJob(draft: "job"))
        case .confirmView:
            // The view's active jobs, "1" typed so far, the dialog painted.
            _ = state.update(.key(.character("C"), at: state.now))
            _ = state.paint()
            _ = state.update(.key(.character("1"), at: state.now))
        case .audit:
            // Thirty attempts on the loaded jobs, the cursor on the sixth.
            _ = state.update(.key(.character("a"), at: state.now))
            _ = state.update(.auditRead(.entries(Self.auditEntries(state), skipped: 0, path: "audit.log")))
            for _ in 0..<5 { _ = state.update(.key(.down, at: state.now)) }
        }
        return state
    }

    /// Audit lines about the jobs `state` holds, newest first.
    static func auditEntries(_ state: DashboardState) -> [AuditEntry] {
        let ids = Array(state.engine.jobs.keys).sorted()
        return (0..<30).map { index in
            AuditEntry(
                time: state.now.addingTimeInterval(Double(-index)), user: "u", host: "h",
                server: state.options.serverLabel, profile: nil, jobID: ids[index % ids.count], type: "t",
                title: nil, outcome: "cancelled", frontEnd: "dashboard")
        }
    }

    /// A printable key bound nowhere in `context`, to reach its "any other key"
    /// action: the first free one of a few letters, so binding `x` takes
    /// another. Nil (a failed test, not a crash) when every one is bound.
    static func unboundKey(in context: KeyContext) -> Key? {
        let candidates = "xzvbhXZVBH".map(Key.character)
        let bound = Set(Keymap.bindings(in: context).flatMap(\.keys.keys))
        return candidates.first { !bound.contains($0) }
    }

    /// Whether pressing `key` took `before` to `after` (returning `effects`) as `action` should.
    static func did(
        _ action: KeyAction, key: Key, before: DashboardState, after: DashboardState, effects: [DashboardEffect]
    ) -> Bool {
        var rows = before.tableRows
        // On the audit screen the cursor is a line of the log, and moves as the table's selection
        // does, a page being the lines that screen shows.
        var index = before.selectedIndex!
        var last = before.visible.count - 1
        if case .audit(let selected) = before.screen {
            index = selected
            last = (before.audit?.entries.count ?? 0) - 1
            rows = AuditScreenView.room(in: DashboardLayout(width: before.width, height: before.height).body)
        }
        // The details pane scrolls no further than its last full page.
        var detailsLast = 0
        if case .details(let id, _) = before.screen {
            let body = DashboardLayout(width: before.width, height: before.height).body
            detailsLast = DetailsView(state: before, id: id, scroll: 0).lastScroll(in: body)
        }
        if case .help = before.screen {
            detailsLast = before.helpView.lastScroll(
                in: DashboardLayout(width: before.width, height: before.height).body)
        }
        // In the details pane and the help, "details" is where the scroll should be.
        func moved(table: Int, details: Int) -> Bool {
            if case .help = before.screen { return before.helpScroll == 5 && after.helpScroll == details }
            if case .audit = before.screen { return index == 5 && after.screen == .audit(selected: table) }
            if case .details(let id, let scroll) = before.screen {
                return scroll == 5 && after.screen == .details(id: id, scroll: details)
            }
            return after.selectedIndex == table && after.selectedIndex != index
        }
        switch action {
        case .up: return moved(table: index - 1, details: 4)
        case .down: return moved(table: index + 1, details: 6)
        case .pageUp: return moved(table: max(0, index - rows), details: max(0, 5 - rows))
        case .pageDown: return moved(table: min(last, index + rows), details: min(detailsLast, 5 + rows))
        case .first: return moved(table: 0, details: 0)
        case .last: return moved(table: last, details: detailsLast)
        case .openDetails: return after.screen == .details(id: before.selectedID!, scroll: 0)
        case .back: return before.screen != .table && after.screen == .table
        case .cancel:
            // Where the dialog cannot show whole (a short details screen), c says so and opens nothing.
            guard case .confirmCancel(let target)? = after.prompt else {
                return after.message?.text.contains("too small") == true
            }
            if case .details(let id, _) = before.screen { return target.id == id }
            return target.id == before.selectedID
        case .confirm:
            guard case .confirmCancel(let target)? = before.prompt else { return false }
            return after.prompt == nil && effects.requests == [.cancel(id: target.id)]
        case .declineCancel:
            if case .confirmViewCancel(let view, _)? = before.prompt {
                return after.prompt == nil && effects.requests.isEmpty
                    && view.targets.allSatisfy {
                        effects.contains(.audit(jobID: $0.id, type: $0.type, outcome: .declined))
                    }
            }
            guard case .confirmCancel(let target)? = before.prompt else { return false }
            return after.prompt == nil && effects.requests.isEmpty
                && effects.contains(
                    .audit(jobID: target.id, type: target.type, outcome: .notSent("aborted at the confirmation")))
        case .refresh: return effects.requests.contains(.list(status: .all, limit: 50))
        case .togglePause: return after.engine.paused != before.engine.paused
        case .cycleFilter: return after.filter == before.filter.next
        case .toggleSupport: return after.supportView != before.supportView
        case .toggleMark: return before.marks.isEmpty && after.marks == [before.selectedID!]
        case .toggleWatch:
            let id: JobID
            if case .details(let shown, _) = before.screen { id = shown } else { id = before.selectedID! }
            guard let tracked = before.engine[id] else { return false }
            if tracked.job.status.isFinal {
                return after.watched.isEmpty && after.message?.text.contains("ended") == true
            }
            return before.watched.isEmpty && after.watched[id] != nil && after.engine[id]?.pinned == true
        case .cycleSort: return after.sort == before.sort.next
        case .cycleTimes: return after.timeMode == before.timeMode.next
        case .beginSearch: return after.prompt == .search(draft: before.search, previous: before.search)
        case .clearSearch: return !before.search.isEmpty && after.search.isEmpty
        case .showHelp: return after.screen == .help
        case .quit: return effects.contains(.quit)
        case .redraw: return effects.contains(.clearScreen)
        case .keepSearch: return after.prompt == nil && after.search == "job"
        case .undoSearch: return after.prompt == nil && after.search == "a"
        case .deleteCharacter:
            if case .confirmViewCancel(let view, "1")? = before.prompt {
                return after.prompt == .confirmViewCancel(view, typed: "") && after.dialogPainted
            }
            if case .openJob? = before.prompt { return after.prompt == .openJob(draft: "jo") && after.search == "job_" }
            return after.prompt == .search(draft: "jo", previous: "a") && after.search == "jo"
        case .typeCharacter:
            guard case .character(let typed) = key else { return false }
            if case .confirmViewCancel(let view, "1")? = before.prompt {
                return after.prompt == .confirmViewCancel(view, typed: "1" + String(typed)) && after.dialogPainted
                    && effects.requests.isEmpty
            }
            if case .openJob? = before.prompt { return after.prompt == .openJob(draft: "job" + String(typed)) }
            return after.prompt == .search(draft: "job" + String(typed), previous: "a")
        case .beginOpen: return after.prompt == .openJob(draft: "")
        case .submitOpen: return after.prompt == nil && effects.requests == [.job(id: "job")]
        case .cancelOpen: return before.prompt != nil && after.prompt == nil && effects.requests.isEmpty
        case .cancelView:
            guard case .confirmViewCancel(let view, "")? = after.prompt else { return false }
            let active = before.visible.filter { before.engine[$0]?.job.status.isActive == true }
            return view.targets.map(\.id) == active && effects.contains(.flushInput) && effects.requests.isEmpty
        case .submitCount:
            // "1" typed: right only when the view holds one job... and then it is "y" that confirms.
            guard case .confirmViewCancel(let view, _)? = before.prompt else { return false }
            return after.prompt == nil && effects.requests.isEmpty
                && view.targets.allSatisfy { effects.contains(.audit(jobID: $0.id, type: $0.type, outcome: .declined)) }
        case .showAudit:
            return before.screen != after.screen && after.screen == .audit(selected: 0) && after.audit == nil
                && effects == [.readAuditLog]
        case .openAuditJob:
            guard case .audit(let selected) = before.screen, let entries = before.audit?.entries else { return false }
            return after.screen == .details(id: entries[selected].jobID, scroll: 0)
        case .copyID:
            let id: JobID? = if case .details(let id, _) = before.screen { id } else { before.selectedID }
            return id != nil && effects.contains(.copyToClipboard(id!.text))
        }
    }

    /// Every (context, key, action) the keymap promises, including each context's "any other key".
    static var promises: [(KeyContext, Key, KeyAction)] {
        var promises: [(KeyContext, Key, KeyAction)] = []
        for binding in Keymap.bindings {
            for context in KeyContext.allCases.filter(binding.contexts.contains) {
                for (key, action) in binding.keys { promises.append((context, key, action)) }
                if let other = binding.otherKeys {
                    guard let key = unboundKey(in: context) else {
                        Issue.record("no free key left in \(context) to try its \"any other key\" action")
                        continue
                    }
                    promises.append((context, key, other))
                }
            }
        }
        return promises
    }

    @Test("each binding's key has its action in each of its contexts: no row is shadowed by another")
    func reachable() {
        for (context, key, action) in Self.promises {
            #expect(Keymap.action(for: key, in: context) == action, "\(key) in \(context)")
        }
    }

    @Test("pressing each bound key in its context does what its action says")
    func keysDoTheirAction() {
        #expect(Self.promises.count > 40)
        for (context, key, action) in Self.promises {
            let before = Self.state(in: context)
            #expect(before.keyContext == context)
            var after = before
            let effects = after.update(.key(key, at: before.now))
            #expect(
                Self.did(action, key: key, before: before, after: after, effects: effects),
                "\(key) in \(context) should \(action)")
        }
    }

    @Test("unbound keys do nothing in the table and the details pane")
    func unboundKeysDoNothing() {
        for context in [KeyContext.table, .details] {
            var state = Self.state(in: context)
            let before = (state.screen, state.selectedID, state.prompt, state.search)
            guard let key = Self.unboundKey(in: context) else {
                Issue.record("no free key left in \(context)")
                continue
            }
            let effects = state.update(.key(key, at: state.now))
            #expect(effects.isEmpty)
            #expect(before == (state.screen, state.selectedID, state.prompt, state.search))
        }
    }

    @Test("every context with an \"any other key\" action has a free printable key to reach it")
    func freeKeyForOtherKeys() {
        for context in KeyContext.allCases where Keymap.bindings(in: context).contains(where: { $0.otherKeys != nil }) {
            #expect(Self.unboundKey(in: context) != nil, "\(context)")
        }
    }

    @Test("each row's label and hint name only keys the row binds: rebinding a key cannot leave its old name shown")
    func labelsNameTheirKeys() {
        /// The key names in a label or hint key ("Up/Down, j/k", "f, !", "/"), or nil for words ("any other key").
        func names(_ text: String, bound: Set<String>) -> [String]? {
            guard !text.contains(" ") || text.contains(", ") else { return nil }
            return text.components(separatedBy: ", ").flatMap { part in
                bound.contains(part) ? [part] : part.components(separatedBy: "/")
            }
        }
        for binding in Keymap.bindings where !binding.keys.isEmpty {
            let bound = Set(binding.order.map(\.name))
            for text in [binding.label, binding.hintKey(ascii: true)].compactMap({ $0 }) {
                guard let named = names(text, bound: bound) else { continue }
                #expect(named.allSatisfy(bound.contains), "\(text) names a key its row does not bind: \(bound)")
            }
        }
    }

    @Test("each context has one row per key, and read-only hides every row that changes the server")
    func readOnlyHidesMutations() {
        for context in KeyContext.allCases {
            let keys = Keymap.bindings(in: context).flatMap(\.keys.keys)
            #expect(Set(keys).count == keys.count, "a key bound twice in \(context)")
            #expect(Keymap.bindings(in: context, readOnly: true).allSatisfy { !$0.mutates })
        }
        #expect(Keymap.bindings(in: .table).contains { $0.mutates })
    }
}
