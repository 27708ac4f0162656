import FoundationEssentials

/// One job as every view shows it: the status word and its look, the flags,
/// and the time texts. Computed in one place so the table, the details pane
/// and the CLI cannot disagree about what "running" or "STALLED 14m" means.
///
/// It holds plain values only. What the engine knows (how long a job has
/// stalled, whether its data is stale) comes in as `EngineFacts`, so this
/// type never asks the engine anything and the CLI, which has no engine,
/// builds rows from the job alone.
public struct JobRow: Sendable, Hashable {
    /// How times and symbols are written.
    public struct Context: Sendable, Hashable {
        public var now: Date
        public var timeMode: TimeMode
        public var zone: LocalZone
        public var profile: TextProfile
        /// Seconds the server's clock is ahead of ours: elapsed times count to the server's "now".
        public var serverOffset: Double = 0
        /// When the client first saw the job final (server time): where the
        /// duration of a job that ended without `completed_at` stops.
        public var finalSeenAt: Date?

        public init(now: Date, timeMode: TimeMode = .local, zone: LocalZone, profile: TextProfile) {
            self.now = now
            self.timeMode = timeMode
            self.zone = zone
            self.profile = profile
        }
    }

    /// The engine's answers about one job, as values. The default says
    /// nothing is wrong, which is all a one-shot command can know.
    public struct EngineFacts: Sendable, Hashable {
        public var cancel: CancelState = .none
        /// The server answered 404 for it.
        public var gone = false
        /// Seconds without progress, when past the stall threshold.
        public var stalledFor: Double?
        /// Active and older than its type's maximum duration.
        public var overdue = false
        /// When the data last arrived, if it is stale because requests fail.
        public var staleSince: Date?
        /// Seconds since an active job nothing reads was last read (2 minutes or more).
        public var unreadFor: Double?
        /// The p90 of its type's completed jobs, when the job has run past it (`DurationHistory.slowPast`).
        public var slowPast: Double?
        /// Our own estimate of the time left, when the server sent none (`DurationHistory.estimate`).
        public var estimate: Estimate?

        public init(
            cancel: CancelState = .none, gone: Bool = false, stalledFor: Double? = nil, overdue: Bool = false,
            staleSince: Date? = nil
        ) {
            (self.cancel, self.gone, self.stalledFor) = (cancel, gone, stalledFor)
            (self.overdue, self.staleSince) = (overdue, staleSince)
        }
    }

    public let job: Job
    /// The status in the API's own word ("processing"), as `list`, the
    /// filter and the web page say it.
    public let statusWord: String
    /// A symbol beside the word, so colour is never the only signal.
    public let statusSymbol: String
    public let statusStyle: Style
    /// Warnings, most urgent first: "CANCEL REQUESTED", "STALLED 14m", ...
    public let flags: [String]
    /// The creation time in the chosen time mode, as a date when not today (`TimeText.dayOrClock`); "?" when the server sent none.
    public let created: String
    /// How long the job ran (finished) or has been running (active); empty without a creation time.
    public let elapsed: String
    /// When a finished job ended, as `created` is written (`14:03:22`, `Dec 31` when not today);
    /// "?" when the server said nothing of it; empty while the job is active.
    public let ended: String
    /// The TIME column (narrow tables, in place of ELAPSED and ENDED): the most useful one time
    /// per row. Active: `elapsed` (a queued job's is how long it has waited since it was made);
    /// finished: how long ago it ended (`3m ago`).
    public let time: String
    /// "~1m35s" for an active job with an estimate; else empty.
    public let eta: String
    /// Our own estimate, when `eta` is ours (`≈`): its range for the details
    /// pane, and the one scored against the job's end.
    public let estimate: Estimate?
    /// The step, or the error message for a failed job that has one.
    public let detail: String
    /// The progress bar's colour: the status's, cyan while active (yellow for a status we do not know).
    public let progressStyle: Style
    /// The type's family ("scrape", "ads", ...; the type when unknown), for narrow tables.
    /// Computed when drawn: matching the type against the rules is the dearest part of a row,
    /// and rows are built after every input (`TableWindow`), most never drawn narrow.
    public var family: String { PollRules.family(of: job.type) }
    /// The id as the table shows it: short, unique among the jobs loaded. Nil: the whole id.
    public var shortID: String?
    /// Opened by id (`:`) and kept in the table whatever the lists hold.
    public var pinned = false
    /// Watched (`w`): its ending rings the bell.
    public var watched = false

    public init(job: Job, facts: EngineFacts = EngineFacts(), context: Context) {
        self.job = job
        let utf8 = context.profile == .utf8
        (statusSymbol, statusWord, statusStyle) = Self.look(job.status, utf8: utf8)
        flags = Self.flags(facts, now: context.now)
        created =
            job.createdAt.map { TimeText.dayOrClock($0, mode: context.timeMode, zone: context.zone, now: context.now) }
            ?? "?"
        let serverNow = context.now.addingTimeInterval(context.serverOffset)
        elapsed = Self.elapsed(job, now: serverNow, finalSeenAt: context.finalSeenAt)
        if job.status.isFinal {
            let end = Self.end(job, finalSeenAt: context.finalSeenAt)
            ended =
                end.map { TimeText.dayOrClock($0, mode: context.timeMode, zone: context.zone, now: context.now) }
                ?? "?"
            time = end.map { TimeText.agoShort(serverNow.timeIntervalSince($0)) } ?? "?"
        } else {
            (ended, time) = ("", elapsed)
        }
        // The server's figure as "~1m35s"; ours, never passed off as the server's, as "≈1m35s".
        estimate = job.status.isActive && job.progress.estimatedSecondsRemaining == nil ? facts.estimate : nil
        let ours = estimate.map { (context.profile == .utf8 ? "≈" : "~~") + TimeText.duration($0.seconds) } ?? ""
        eta =
            job.status.isActive
            ? job.progress.estimatedSecondsRemaining.map { "~" + TimeText.duration($0) } ?? ours : ""
        if job.status == .failed, let message = job.error?.message {
            detail = message
        } else {
            detail = job.progress.currentStep ?? ""
        }
        progressStyle = Self.progressStyle(job.status)
    }

    /// A tracked job: the cancel, gone and overdue facts come from it; the
    /// stall and staleness answers are the engine's, passed in.
    public init(
        _ tracked: TrackedJob, stalledFor: Double?, isStale: Bool, unreadFor: Double? = nil,
        history: DurationHistory? = nil, context: Context
    ) {
        var facts = EngineFacts(
            cancel: tracked.cancel, gone: tracked.gone, stalledFor: stalledFor,
            overdue: tracked.isOverdue(at: context.now), staleSince: isStale ? tracked.lastFresh : nil)
        if !isStale { facts.unreadFor = unreadFor }
        if let history, let running = Self.runningFor(tracked, now: context.now) {
            facts.slowPast = history.slowPast(tracked.job, runningFor: running)
            // A stalled job's progress rate says nothing of when it ends.
            if stalledFor == nil { facts.estimate = history.estimate(tracked.job, runningFor: running) }
        }
        var context = context
        context.serverOffset = tracked.clockOffset
        context.finalSeenAt = tracked.finalSeenServerTime
        self.init(job: tracked.job, facts: facts, context: context)
    }

    public var id: JobID { job.id }
    public var status: JobStatus { job.status }
    /// The status as the server names it ("processing"): what `list` prints,
    /// so its output matches the API's filters and scripts can grep it.
    public var wireStatus: String { job.status.wireName }
    /// Symbol and word: "▶ processing".
    public var statusText: String { statusSymbol + " " + statusWord }

    /// The mark of a watched job (`w`): after the id on its row, before the
    /// header's count, and in the help's legend. One spelling for all three.
    static func watchedMark(utf8: Bool) -> String { utf8 ? "◉" : "w" }

    static func look(_ status: JobStatus, utf8: Bool) -> (symbol: String, word: String, style: Style) {
        switch status {
        case .queued: (utf8 ? "◌" : ".", "queued", Style(color: .yellow))
        case .processing: (utf8 ? "▶" : ">", "processing", Style(color: .cyan, bold: true))
        case .completed: (utf8 ? "✓" : "+", "completed", Style(color: .green))
        case .failed: (utf8 ? "✗" : "X", "failed", Style(color: .red, bold: true))
        case .cancelled: (utf8 ? "⊘" : "-", "cancelled", Style(color: .magenta))
        case .unknown(let text): ("?", text, Style(color: .yellow))
        }
    }

    /// The flags a row shows, most urgent first: a cancel the user asked for
    /// matters more than a job that is merely slow.
    static func flags(_ facts: EngineFacts, now: Date) -> [String] {
        var flags: [String] = []
        switch facts.cancel {
        case .pending, .sending, .requested: flags.append("CANCEL REQUESTED")
        case .notHonoured: flags.append("CANCEL NOT HONOURED")
        case .failed(let why): flags.append("CANCEL FAILED: \(why)")
        case .unknown: flags.append("CANCEL OUTCOME UNKNOWN")
        case .none: break
        }
        if facts.gone { flags.append("GONE") }
        if let stalled = facts.stalledFor { flags.append("STALLED \(TimeText.duration(stalled))") }
        if facts.slowPast != nil { flags.append("SLOW") }
        if facts.overdue { flags.append("OVERDUE") }
        if let since = facts.staleSince { flags.append("STALE \(TimeText.ago(now.timeIntervalSince(since)))") }
        if let unread = facts.unreadFor {
            flags.append("UNREAD " + (unread < 3600 ? "\(Int(unread / 60))m" : TimeText.duration(unread)))
        }
        return flags
    }

    /// One origin, while running and after: `started_at` when the server
    /// sends it, else `created_at` (`elapsedOrigin`). An active job's time
    /// counts to `now` on the server's clock; a finished job's stops at
    /// completion. A final job without `completed_at` stops at its
    /// `updated_at`, else when the client first saw it final (`finalSeenAt`);
    /// with neither (a one-shot command) it shows "?", never a time that grows.
    static func elapsed(_ job: Job, now: Date, finalSeenAt: Date? = nil) -> String {
        guard let origin = elapsedOrigin(job) else { return "" }
        if job.status.isFinal {
            guard let end = end(job, finalSeenAt: finalSeenAt) else { return "?" }
            return TimeText.duration(end.timeIntervalSince(origin))
        }
        return TimeText.duration(now.timeIntervalSince(origin))
    }

    /// When a final job ended: `completed_at`, else its `updated_at`, else when the client first saw it final.
    static func end(_ job: Job, finalSeenAt: Date?) -> Date? { job.completedAt ?? job.updatedAt ?? finalSeenAt }

    /// Seconds an active job has run, on the server's clock; nil for a finished job or one without times.
    static func runningFor(_ tracked: TrackedJob, now: Date) -> Double? {
        guard tracked.job.status.isActive, let origin = elapsedOrigin(tracked.job) else { return nil }
        return now.addingTimeInterval(tracked.clockOffset).timeIntervalSince(origin)
    }

    /// Where ELAPSED counts from: `started_at` when known, else `created_at`.
    static func elapsedOrigin(_ job: Job) -> Date? { job.startedAt ?? job.createdAt }

    static func progressStyle(_ status: JobStatus) -> Style {
        switch status {
        case .completed: Style(color: .green)
        case .failed: Style(color: .red)
        case .cancelled: Style(color: .magenta)
        // A status we do not know is yellow in its cell; its bar says the same.
        case .unknown: Style(color: .yellow)
        default: Style(color: .cyan)
        }
    }
}
