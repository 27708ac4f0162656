import FoundationEssentials

/// Every list and read feeds the duration history: a job seen completed is
/// recorded once, with the first estimate shown for it scored, and each new
/// sample goes to the executable to append to this server's history file.
extension DashboardState {
    mutating func recordDurations(_ event: EngineEvent, _ effects: inout [DashboardEffect]) {
        guard case .completed(let request, let result, _, _) = event else { return }
        let jobs: [Job] =
            switch (request, result) {
            case (_, .list(.success(let list))): list.jobs
            // An answer about another job than the one asked for is no answer (the engine refuses it too).
            case (.job(let asked), .job(.success(let job))) where asked == job.id: [job]
            default: []
            }
        for job in jobs where job.status == .completed {
            if let sample = history.record(job, shown: shownEstimates[job.id]) {
                effects.append(.recordDuration(sample))
            }
        }
    }

    /// After the rows are built: the first estimate each active job shows is
    /// kept to be scored: in the table's ETA column when the table is on the
    /// screen and wide enough for it, or in the job's details pane. A job no
    /// longer active lets its go (a completed one was scored in
    /// `recordDurations`, before this).
    mutating func noteShownEstimates() {
        if !shownEstimates.isEmpty {
            shownEstimates = shownEstimates.filter { engine[$0.key]?.job.status.isActive ?? false }
        }
        let layout = DashboardLayout(width: width, height: height)
        guard layout.fits else { return }
        let rows: [JobRow] =
            switch screen {
            case .table: JobColumnWidths(width: layout.body.width).shows(.eta) ? window.lines.map(\.row) : []
            case .details: details.map { [$0.row] } ?? []
            default: []
            }
        for row in rows where shownEstimates[row.id] == nil {
            guard let estimate = row.estimate, let tracked = engine[row.id] else { continue }
            shownEstimates[row.id] = EstimateShown(
                at: now.addingTimeInterval(tracked.clockOffset), seconds: estimate.seconds)
        }
    }
}
