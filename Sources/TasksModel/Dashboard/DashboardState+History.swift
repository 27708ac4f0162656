/// Every list and read feeds the duration history: a job seen completed is
/// recorded once, and each new sample goes to the executable to append to
/// this server's history file.
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
            if let sample = history.record(job) { effects.append(.recordDuration(sample)) }
        }
    }
}
