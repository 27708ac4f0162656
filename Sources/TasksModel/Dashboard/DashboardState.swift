import Foundation

/// The whole dashboard as one value: the engine, what the user is looking
/// at, and the cached row order. `update` changes it; `DashboardRenderer`
/// draws it. Neither touches a terminal or the network.
public struct DashboardState: Sendable {
    /// Fixed for the session.
    public struct Options: Sendable {
        /// Shown in the header: the API host (never the token, never a path with secrets).
        public var serverLabel: String
        public var demo = false
        public var readOnly = false
        public var insecure = false
        public var profile: TextProfile = .utf8
        public var timeZone: TimeZone = .current

        public init(
            serverLabel: String, demo: Bool = false, readOnly: Bool = false, insecure: Bool = false,
            profile: TextProfile = .utf8, timeZone: TimeZone = .current
        ) {
            self.serverLabel = serverLabel
            self.demo = demo
            self.readOnly = readOnly
            self.insecure = insecure
            self.profile = profile
            self.timeZone = timeZone
        }
    }

    public var options: Options
    public var engine: PollingEngine
    public var now: Date
    public var screen: Screen = .table
    public var prompt: Prompt?
    public var filter: StatusView = .all
    public var search = ""
    public var sort: SortOrder = .newest
    public var timeMode: TimeMode = .local
    /// The job under the cursor: kept across refreshes and re-sorts.
    public private(set) var selectedID: String?
    /// The first table row on screen.
    public private(set) var top = 0
    public var width = 80
    public var height = 24
    public var message: FooterMessage?
    /// Ids in display order (filtered, searched, sorted), and each id's position.
    public private(set) var visible: [String] = []
    private var position: [String: Int] = [:]
    /// Jobs by status (header counts), computed with `visible` so a frame never walks every job.
    public private(set) var statusCounts: [JobStatus: Int] = [:]
    /// Jobs finished and failed in each of the last 60 minutes, oldest first.
    public private(set) var activity: (done: [Int], failed: [Int]) = (
        [Int](repeating: 0, count: 60), [Int](repeating: 0, count: 60)
    )
    private var activityMinute = 0
    private var visibleDirty = true
    private var lastSortTick: Date?

    public init(options: Options, engine: PollingEngine, now: Date) {
        self.options = options
        self.engine = engine
        self.now = now
    }

    /// Rows the table can show at the current size.
    public var tableRows: Int { DashboardLayout(width: width, height: height).tableRows }

    /// Where the selection is in `visible`.
    public var selectedIndex: Int? { selectedID.flatMap { position[$0] } }

    /// The selected job.
    public var selected: TrackedJob? { selectedID.flatMap { engine[$0] } }

    // MARK: Update

    /// Starts the engine: the first list request.
    public mutating func start() -> DashboardEffects {
        var effects = DashboardEffects()
        let output = engine.update(.tick(now))
        effects.requests = output.requests
        return effects
    }

    public mutating func update(_ message: DashboardMessage) -> DashboardEffects {
        var effects = DashboardEffects()
        switch message {
        case .tick(let time):
            now = time
            apply(engine.update(.tick(time)), &effects)
            if Int(time.timeIntervalSince1970 / 60) != activityMinute { visibleDirty = true }
            if sort == .stalled, lastSortTick.map({ time.timeIntervalSince($0) >= 5 }) ?? true {
                visibleDirty = true
                lastSortTick = time
            }
        case .engine(let event):
            if case .completed(_, _, let at) = event { now = max(now, at) }
            apply(engine.update(event), &effects)
            visibleDirty = true
        case .resize(let newWidth, let newHeight):
            width = max(1, newWidth)
            height = max(1, newHeight)
            effects.clearScreen = true
        case .key(let key, let at):
            now = max(now, at)
            handle(key, &effects)
        }
        refreshVisibleIfNeeded()
        return effects
    }

    private mutating func apply(_ output: PollingEngine.Output, _ effects: inout DashboardEffects) {
        effects.requests += output.requests
        effects.notices += output.notices
        if let last = output.notices.last {
            let warning: Bool
            switch last.kind {
            case .warning: warning = true
            case .cancelOutcome(_, _, let outcome): warning = outcome.isWarning
            case .info: warning = false
            }
            message = FooterMessage(text: last.text, at: last.at, severity: warning ? .warning : .info)
        }
    }

    private mutating func say(_ text: String, warning: Bool = false) {
        message = FooterMessage(text: text, at: now, severity: warning ? .warning : .info)
    }

    // MARK: Keys

    private mutating func handle(_ key: Key, _ effects: inout DashboardEffects) {
        if key == .control("c") {
            effects.quit = true
            return
        }
        if key == .control("l") {
            effects.clearScreen = true
            return
        }
        switch prompt {
        case .confirmCancel(let target)?:
            prompt = nil
            if key == .character("y") || key == .character("Y") {
                confirmCancel(target, &effects)
            } else {
                say("cancel of \(target.id) aborted: nothing sent")
                audit(target.id, target.type, "aborted at the confirmation", &effects)
            }
            return
        case .search(let draft, let previous)?:
            switch key {
            case .enter:
                prompt = nil
                say(draft.isEmpty ? "search cleared" : "search: \(draft)")
            case .escape:
                prompt = nil
                search = previous
                visibleDirty = true
            case .backspace:
                let shorter = String(draft.dropLast())
                prompt = .search(draft: shorter, previous: previous)
                search = shorter
                visibleDirty = true
            case .character(let character):
                guard draft.count < 200 else { return }
                let longer = draft + String(character)
                prompt = .search(draft: longer, previous: previous)
                search = longer
                visibleDirty = true
            default:
                break
            }
            return
        case nil:
            break
        }
        switch screen {
        case .help:
            if key == .character("q") {
                effects.quit = true
            } else {
                screen = .table
            }
            return
        case .details(let id, let scroll):
            switch key {
            case .escape, .enter, .backspace: screen = .table
            case .up, .character("k"): screen = .details(id: id, scroll: max(0, scroll - 1))
            case .down, .character("j"): screen = .details(id: id, scroll: scroll + 1)
            case .pageUp: screen = .details(id: id, scroll: max(0, scroll - tableRows))
            case .pageDown, .character(" "): screen = .details(id: id, scroll: scroll + tableRows)
            case .home, .character("g"): screen = .details(id: id, scroll: 0)
            case .end, .character("G"): screen = .details(id: id, scroll: Int.max / 2)
            case .character("q"): effects.quit = true
            case .character("c"): beginCancel(id, &effects)
            case .character("?"): screen = .help
            default: break
            }
            return
        case .table:
            break
        }
        switch key {
        case .up, .character("k"): move(by: -1)
        case .down, .character("j"): move(by: 1)
        case .pageUp: move(by: -tableRows)
        case .pageDown: move(by: tableRows)
        case .home, .character("g"): move(to: 0)
        case .end, .character("G"): move(to: visible.count - 1)
        case .enter:
            if let selectedID { screen = .details(id: selectedID, scroll: 0) }
        case .character("c"):
            if let selectedID { beginCancel(selectedID, &effects) } else { say("no job selected") }
        case .character("r"):
            apply(engine.update(.refresh(now)), &effects)
            if !engine.paused { say("refreshing") }
        case .character("p"):
            if engine.paused {
                apply(engine.update(.resume(now)), &effects)
                say("resumed")
            } else {
                apply(engine.update(.pause(now)), &effects)
                say("paused: no requests until p")
            }
        case .character("f"):
            filter = filter.next
            visibleDirty = true
            say("filter: \(filter.rawValue)")
        case .character("s"):
            sort = sort.next
            visibleDirty = true
            say("sort: \(sort.rawValue)")
        case .character("t"):
            timeMode = timeMode.next
            say("times: \(timeMode.rawValue)")
        case .character("/"):
            prompt = .search(draft: search, previous: search)
        case .character("?"):
            screen = .help
        case .character("q"):
            effects.quit = true
        case .escape:
            if !search.isEmpty {
                search = ""
                visibleDirty = true
                say("search cleared")
            }
        default:
            break
        }
    }

    /// A cancel attempt that sent nothing, for the audit log.
    private func audit(_ id: String, _ type: String, _ outcome: String, _ effects: inout DashboardEffects) {
        effects.notices.append(
            EngineNotice(kind: .cancelOutcome(jobID: id, type: type, outcome: .notSent(outcome)), text: outcome, at: now))
    }

    private mutating func beginCancel(_ id: String, _ effects: inout DashboardEffects) {
        if options.readOnly {
            say("read-only: cancelling is disabled (--read-only); nothing sent", warning: true)
            audit(id, engine[id]?.job.type ?? "?", "refused: read-only", &effects)
            return
        }
        guard let tracked = engine[id] else {
            say("job \(id) is no longer known; nothing sent", warning: true)
            return
        }
        if tracked.gone {
            say("job \(id) is gone from the server (404); nothing sent", warning: true)
            return
        }
        guard tracked.job.status.isActive else {
            say("job \(id) is \(tracked.job.status.wireName): only active jobs can be cancelled; nothing sent")
            audit(id, tracked.job.type, "not sent: already \(tracked.job.status.wireName)", &effects)
            return
        }
        if tracked.cancel.isOutstanding {
            say("cancel of \(id) is already under way")
            return
        }
        prompt = .confirmCancel(
            CancelTarget(
                id: id, type: tracked.job.type, percentage: tracked.job.progress.percentage,
                step: tracked.job.progress.currentStep))
    }

    private mutating func confirmCancel(_ target: CancelTarget, _ effects: inout DashboardEffects) {
        // Checked again: the job may have finished while the dialog was open.
        guard !options.readOnly else { return }
        let before = engine[target.id]?.cancel
        apply(engine.update(.cancel(id: target.id, at: now)), &effects)
        if let after = engine[target.id]?.cancel, after != before, after.isOutstanding {
            say("cancel of \(target.id) (\(target.type)) sent; waiting for the server")
        }
    }

    // MARK: Selection

    private mutating func move(by delta: Int) {
        guard !visible.isEmpty else { return }
        let current = selectedIndex ?? 0
        move(to: current + delta)
    }

    private mutating func move(to index: Int) {
        guard !visible.isEmpty else { return }
        let clamped = min(max(0, index), visible.count - 1)
        selectedID = visible[clamped]
        scrollToSelection()
    }

    private mutating func scrollToSelection() {
        let rows = tableRows
        guard let index = selectedIndex else {
            top = 0
            return
        }
        if index < top { top = index }
        if index >= top + rows { top = index - rows + 1 }
        top = max(0, min(top, max(0, visible.count - rows)))
    }

    /// Recomputes the row order when data, filter, search or sort changed.
    public mutating func refreshVisibleIfNeeded() {
        guard visibleDirty else {
            scrollToSelection()
            return
        }
        visibleDirty = false
        let previousIndex = selectedIndex ?? 0
        let query = search.lowercased()
        var rows: [TrackedJob] = []
        rows.reserveCapacity(engine.jobs.count)
        var counts: [JobStatus: Int] = [:]
        for tracked in engine.jobs.values { counts[tracked.job.status, default: 0] += 1 }
        statusCounts = counts
        computeActivity()
        for tracked in engine.jobs.values where filter.includes(tracked.job.status) {
            if !query.isEmpty, !Self.matches(tracked.job, query) { continue }
            rows.append(tracked)
        }
        let now = self.now
        let engine = self.engine
        switch sort {
        case .newest:
            rows.sort { Self.newer($0, $1) }
        case .status:
            rows.sort {
                let (a, b) = (Self.statusRank($0.job.status), Self.statusRank($1.job.status))
                return a != b ? a < b : Self.newer($0, $1)
            }
        case .progress:
            rows.sort {
                $0.job.progress.percentage != $1.job.progress.percentage
                    ? $0.job.progress.percentage > $1.job.progress.percentage : Self.newer($0, $1)
            }
        case .stalled:
            let stalled = Dictionary(
                uniqueKeysWithValues: rows.map { ($0.job.id, engine.stalledFor($0.job.id, at: now) ?? -1) })
            rows.sort {
                let (a, b) = (stalled[$0.job.id]!, stalled[$1.job.id]!)
                return a != b ? a > b : Self.newer($0, $1)
            }
        }
        visible = rows.map(\.job.id)
        position = Dictionary(uniqueKeysWithValues: visible.enumerated().map { ($1, $0) })
        if let selectedID, position[selectedID] != nil {
            // Stays on the same job.
        } else if !visible.isEmpty {
            selectedID = visible[min(previousIndex, visible.count - 1)]
        } else {
            selectedID = nil
        }
        scrollToSelection()
    }

    private mutating func computeActivity() {
        var done = [Int](repeating: 0, count: 60)
        var failed = [Int](repeating: 0, count: 60)
        for finish in engine.finishes.values {
            let age = Int(now.timeIntervalSince(finish.at) / 60)
            guard age >= 0, age < 60 else { continue }
            if finish.status == .failed { failed[59 - age] += 1 } else { done[59 - age] += 1 }
        }
        activity = (done, failed)
        activityMinute = Int(now.timeIntervalSince1970 / 60)
    }

    static func matches(_ job: Job, _ query: String) -> Bool {
        job.id.lowercased().contains(query) || job.type.lowercased().contains(query)
            || (job.title?.lowercased().contains(query) ?? false)
            || (job.progress.currentStep?.lowercased().contains(query) ?? false)
    }

    static func newer(_ a: TrackedJob, _ b: TrackedJob) -> Bool {
        let (x, y) = (a.job.createdAt ?? a.firstSeen, b.job.createdAt ?? b.firstSeen)
        return x != y ? x > y : a.job.id < b.job.id
    }

    static func statusRank(_ status: JobStatus) -> Int {
        switch status {
        case .processing: 0
        case .queued: 1
        case .unknown: 2
        case .failed: 3
        case .cancelled: 4
        case .completed: 5
        }
    }
}
