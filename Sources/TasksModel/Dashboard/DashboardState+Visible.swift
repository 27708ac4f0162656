import FoundationEssentials

/// The table's rows: which jobs show, in which order, where the selection and
/// the first row on screen are, and the header's counts and sparklines.
extension DashboardState {
    /// Selects the row at `index`, clamped to the rows there are, and scrolls to it.
    mutating func move(to index: Int) {
        table.move(to: index, rows: tableRows)
    }

    /// After every input: the row order when data, filter, search, sort or
    /// the minute changed; then the scroll, the rows on screen (`window`) and the details pane's job.
    public mutating func refreshVisibleIfNeeded() {
        if table.isStale { recomputeVisible() }
        table.scrollToSelection(rows: tableRows)
        window = tableWindow()
        details = if case .details(let id, _) = screen { detailsSubject(for: id) } else { nil }
        noteShownEstimates()
        refreshAuditLines()
    }

    /// The rows shown, in order: filtered, searched, sorted; the selection kept on its job.
    private mutating func recomputeVisible() {
        dropVanishedMarks()
        let query = search.lowercased()
        // Every job read once (a compact one is built again on each read:
        // `JobTable`), then filtered in place into the rows shown.
        var rows = Array(engine.jobs.values)
        statistics.count(rows)
        if shortIDs.count != engine.jobs.count || engine.jobs.keys.contains(where: { shortIDs[$0] == nil }) {
            shortIDs = ShortID.forms(of: engine.jobs.keys)
        }
        statistics.countActivity(engine.finishes.values, now: now)
        let now = self.now
        let engine = self.engine
        var attention: [JobID: Int] = [:]
        for tracked in rows {
            if let rank = Self.attentionRank(tracked, engine: engine, history: history, at: now) {
                attention[tracked.job.id] = rank
            }
        }
        statistics.attention = attention.count
        rows.removeAll { tracked in
            !filter.includes(tracked.job.status) || (supportView && attention[tracked.job.id] == nil)
                || (!query.isEmpty && !Self.matches(tracked.job, query))
        }
        if supportView {
            rows.sort {
                let (a, b) = (attention[$0.job.id]!, attention[$1.job.id]!)
                return a != b ? a < b : Self.newer($0, $1)
            }
        } else {
            sortRows(&rows, engine: engine, at: now)
            if sortReversed { rows.reverse() }
        }
        table.show(rows.map(\.job.id))
    }

    /// How badly a job needs a human, 0 worst; nil when it does not: cancel
    /// not honoured, gone, stalled, slow against its type, overdue, stale, failed in the last hour.
    static func attentionRank(
        _ tracked: TrackedJob, engine: PollingEngine, history: DurationHistory, at now: Date
    ) -> Int? {
        if case .notHonoured = tracked.cancel { return 0 }
        if tracked.gone { return 1 }
        // Stalled, overdue and stale are said only of active jobs: a finished one
        // skips the engine's lookups (each builds a compact job again).
        if tracked.job.status.isActive {
            if engine.stalledFor(tracked.job.id, at: now) != nil { return 2 }
            if let running = JobRow.runningFor(tracked, now: now),
                history.slowPast(tracked.job, runningFor: running) != nil
            {
                return 3
            }
            if tracked.isOverdue(at: now) { return 4 }
            if engine.isStale(tracked.job.id, at: now) { return 5 }
        }
        if tracked.job.status == .failed {
            let at = tracked.job.completedAt ?? engine.finishes[tracked.job.id]?.at ?? tracked.firstSeen
            if now.timeIntervalSince(at) <= 3600 { return 6 }
        }
        return nil
    }

    private func sortRows(_ rows: inout [TrackedJob], engine: PollingEngine, at now: Date) {
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
        case .slowest:
            // How long each has run against its type's median; jobs with no such measure last.
            let history = self.history
            let standing = Dictionary(
                uniqueKeysWithValues: rows.map { tracked in
                    let running = JobRow.runningFor(tracked, now: now)
                    return (tracked.job.id, running.flatMap { history.standing(tracked.job, runningFor: $0) } ?? -1)
                })
            rows.sort {
                let (a, b) = (standing[$0.job.id]!, standing[$1.job.id]!)
                return a != b ? a > b : Self.newer($0, $1)
            }
        }
    }

    static func matches(_ job: Job, _ query: String) -> Bool {
        job.id.text.lowercased().contains(query) || job.type.lowercased().contains(query)
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
