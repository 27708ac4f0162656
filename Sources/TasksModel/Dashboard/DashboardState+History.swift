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

    /// After the rows are built: the first estimate each active job on
    /// screen shows is kept to be scored; a job no longer active lets its go
    /// (a completed one was scored in `recordDurations`, before this).
    mutating func noteShownEstimates() {
        if !shownEstimates.isEmpty {
            shownEstimates = shownEstimates.filter { engine[$0.key]?.job.status.isActive ?? false }
        }
        let rows = window.lines.map(\.row) + (details.map { [$0.row] } ?? [])
        for row in rows where shownEstimates[row.id] == nil {
            guard let estimate = row.estimate, let tracked = engine[row.id] else { continue }
            shownEstimates[row.id] = EstimateShown(
                at: now.addingTimeInterval(tracked.clockOffset), seconds: estimate.seconds)
        }
    }
}
