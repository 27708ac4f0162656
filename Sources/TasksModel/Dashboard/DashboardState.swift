import FoundationEssentials

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
        /// Local times are shown in this zone: `.system` in the program, a fixed one in tests.
        public var timeZone: LocalZone
        /// The config profile in use, if one was chosen: the cancel dialog names it.
        public var profileName: String?
        /// Mouse reporting is on (off with `--no-mouse`): the help says which.
        public var mouse = true
        /// How the end of a watched job is told (the `notify` setting, chosen for this terminal).
        public var notifier = TerminalNotifier(bell: true)

        public init(
            serverLabel: String, demo: Bool = false, readOnly: Bool = false, insecure: Bool = false,
            profile: TextProfile = .utf8, timeZone: LocalZone
        ) {
            self.serverLabel = serverLabel
            self.demo = demo
            self.readOnly = readOnly
            self.insecure = insecure
            self.profile = profile
            self.timeZone = timeZone
        }
    }

    public internal(set) var options: Options
    public internal(set) var engine: PollingEngine
    public internal(set) var now: Date
    public internal(set) var screen: Screen = .table
    /// The first line of the help screen on show (the help scrolls when the screen is shorter than it).
    public internal(set) var helpScroll = 0
    /// The open prompt, and whether its cancel dialog may be answered yet (`PromptState`).
    public internal(set) var prompts = PromptState()
    /// What the last frame on the terminal showed: clicks act on its rows.
    public internal(set) var painted: FrameJobs?
    /// Filter, search, sort, the rows in order, the selection and the scroll.
    public internal(set) var table = TableState()
    /// Jobs marked with Space for a cancel of several, in the order they were marked.
    public internal(set) var marks: [JobID] = []
    /// Jobs watched with `w`: their ending rings the bell and notifies (`DashboardState+Watch`).
    public internal(set) var watched: [JobID: Watch] = [:]
    /// The last click on a job row, to tell a double-click.
    var doubleClick = DoubleClick()
    public internal(set) var timeMode: TimeMode = .local
    public internal(set) var width = 80
    public internal(set) var height = 24
    /// The job id the open prompt asked for, until its answer comes.
    public internal(set) var opening: JobID?
    /// The footer's message: the last thing the user was told.
    public internal(set) var message: FooterMessage?
    /// The details pane's JSON text, encoded once per job version.
    public let detailsText = DetailsTextCache()
    /// The pane's job, read again for the details let go of while it was off screen.
    public internal(set) var detailsFetch: DetailsFetch?
    /// Each job's id as the table shows it: short, and unique among the jobs loaded.
    public internal(set) var shortIDs: [JobID: String] = [:]
    /// What the header counts, computed with `visible` so a frame never walks every job.
    public internal(set) var statistics = HeaderStatistics()
    /// The table's rows on screen, computed after every input (`TableWindow`).
    public internal(set) var window = TableWindow()
    /// The audit log as the audit screen last read it (`a`); nil while it is being read.
    public internal(set) var audit: AuditRead?
    /// Completed jobs' durations by type: SLOW, the estimates, "typical" (`DurationHistory`).
    public internal(set) var history: DurationHistory
    /// The first estimate shown for each active job, scored when it completes (`EstimateShown`).
    public internal(set) var shownEstimates: [JobID: EstimateShown] = [:]
    /// The audit screen's table (`AuditText.table`: header line first) for the width it was
    /// laid out at: built when the log arrives or the width changes, never per frame.
    public internal(set) var auditLines: (width: Int, lines: [String])?
    /// The job the details pane shows while it is open, computed with `window`.
    public internal(set) var details: DetailsSubject?

    public init(options: Options, engine: PollingEngine, now: Date, history: DurationHistory = DurationHistory()) {
        self.options = options
        self.engine = engine
        self.now = now
        self.history = history
        window = tableWindow()
    }

    /// Rows the table can show at the current size.
    public var tableRows: Int { DashboardLayout(width: width, height: height).tableRows }

    // What the table shows, read from `table` (which alone changes it).
    public var filter: StatusView { table.filter }
    public var supportView: Bool { table.supportView }
    public var search: String { table.search }
    public var sort: SortOrder { table.sort }
    public var sortReversed: Bool { table.sortReversed }
    public var selectedID: JobID? { table.selectedID }
    public var top: Int { table.top }
    public var visible: [JobID] { table.visible }
    public var selectedIndex: Int? { table.selectedIndex }
    public var prompt: Prompt? { prompts.prompt }
    /// The open cancel dialog has been on the screen, whole, at the current
    /// size (`FrameJobs.dialog`): only then may a key answer it.
    public var dialogPainted: Bool { prompts.dialogPainted }

    // MARK: Update

    /// Starts the engine: the first list request.
    public mutating func start() -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        apply(engine.update(.tick(now)), &effects)
        refreshVisibleIfNeeded()
        return effects
    }

    /// Folds one input into the state and returns what the outside world must do, in order.
    public mutating func update(_ input: DashboardInput) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        var listFolded = false
        switch input {
        case .tick(let time):
            now = time
            apply(engine.update(.tick(time)), &effects)
            if HeaderStatistics.minute(of: time) != statistics.minute { table.invalidate() }
            table.tick(time)
        case .engine(let event):
            if case .completed(_, _, let at, _) = event { now = max(now, at) }
            apply(engine.update(event), &effects)
            recordDurations(event, &effects)
            if case .completed(.job(let id), let result, _, _) = event { openAnswered(id, result, &effects) }
            tellEndedWatches(&effects)
            settleDetailsFetch(event)
            table.invalidate()
            if case .completed(.list, .list(.success), _, _) = event { listFolded = true }
        case .resize(let newWidth, let newHeight):
            width = max(1, newWidth)
            height = max(1, newHeight)
            effects.append(.clearScreen)
            // A dialog must be seen again at the new size before it is answered,
            // and one the new size cannot show whole is no longer a question.
            prompts.sizeChanged()
            closeDialogThatCannotShow(&effects)
        case .key(let key, let at):
            now = max(now, at)
            handle(key, &effects)
        case .paste(let text, let complete):
            paste(text, &effects)
            if !complete {
                say(
                    "a paste never ended (no end marker within 1 s): it was cut there, its text taken as text",
                    as: .warning, &effects)
            }
        case .mouse(let event, let at):
            now = max(now, at)
            handle(event, at: at, &effects)
        case .painted(let shown):
            painted = shown
            prompts.painted(shown, width: width, height: height)
        case .auditFailed(let reason):
            // Kept with what the footer said of the cancel itself: both matter.
            let before = message.map { $0.text.contains("NOT RECORDED") ? "" : $0.text + "; " } ?? ""
            say(before + "NOT RECORDED: " + reason, as: .warning, &effects)
        case .auditRead(let read):
            auditArrived(read)
        }
        refreshVisibleIfNeeded()
        if listFolded {
            // Off-screen jobs let go of their details; the rows on screen are taken again after.
            dropDetailsOffScreen()
            refreshVisibleIfNeeded()
        }
        return effects
    }

    /// The engine's output as effects: its requests to send, each notice
    /// logged (and audited when it is a cancel outcome), the last one in the footer.
    mutating func apply(_ output: PollingEngine.Output, _ effects: inout [DashboardEffect]) {
        effects += output.requests.map(DashboardEffect.send)
        for notice in output.notices {
            effects.append(.log(notice.shownText))
            if case .cancelOutcome(let id, let type, let outcome) = notice.kind {
                effects.append(.audit(jobID: id, type: type, outcome: outcome))
            }
        }
        guard let last = output.notices.last else { return }
        if case .cancelOutcome(let id, _, .forbidden) = last.kind {
            say("not allowed to cancel \(id) on \(options.serverLabel) (403); polling goes on", as: .warning, &effects)
        } else {
            say(last.shownText, as: last.severity, &effects)
        }
    }

    /// Shows `text` in the footer.
    mutating func say(_ text: String, as severity: FooterMessage.Severity = .info, _ effects: inout [DashboardEffect]) {
        let footer = FooterMessage(text: text, at: now, severity: severity)
        message = footer
        effects.append(.footer(footer))
    }
}

extension EngineNotice {
    /// How the footer shows this notice, from its kind: a cancel outcome warns
    /// unless the cancel went through.
    var severity: FooterMessage.Severity {
        switch kind {
        case .warning, .pollingStopped: .warning
        case .cancelOutcome(_, _, let outcome): outcome.isWarning ? .warning : .info
        case .info, .stillPaused: .info
        }
    }

    /// The notice as the dashboard shows and logs it: a notice about a key's
    /// work names the key, from the keymap.
    var shownText: String {
        switch kind {
        case .stillPaused: "\(text): press \(Keymap.key(for: .togglePause, in: .table)) to resume"
        case .pollingStopped: "\(text), \(Keymap.key(for: .refresh, in: .table)) retries"
        case .info, .warning, .cancelOutcome: text
        }
    }
}
