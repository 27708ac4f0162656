import Foundation

/// Results: folding what the server answered into the engine's state.
extension PollingEngine {
    mutating func handle(_ request: EngineRequest, _ result: EngineResult, at now: Date, _ output: inout Output) {
        switch (request, result) {
        case (.list(let filter, _), .list(let outcome)):
            listAnswered(filter: filter, outcome, at: now, &output)
        case (.job(let id), .job(let outcome)):
            jobAnswered(id, outcome, at: now, &output)
        case (.cancel(let id), .cancel(let outcome)):
            cancelAnswered(id, outcome, at: now, &output)
        default:
            break
        }
    }

    private mutating func listAnswered(
        filter: StatusFilter, _ outcome: Result<JobList, APIError>, at now: Date, _ output: inout Output
    ) {
        for id in jobs.keys where jobs[id]?.awaitingList == true {
            if filter == .all || jobs[id]?.job.status.wireName == filter.rawValue { jobs[id]?.awaitingList = false }
        }
        switch outcome {
        case .success(let list):
            succeeded(at: now)
            let seen = Set(list.jobs.map(\.id))
            for job in list.jobs {
                merge(job, at: now, fromRefresh: filter == .all)
                settleCancelSeenInList(job.id, at: now, &output)
            }
            if filter == .all {
                lastListAt = now
                nextListAt = now.addingTimeInterval(configuration.listInterval)
                skippedInLastList = list.skipped
                listFailures = 0
                for (id, tracked) in jobs where !seen.contains(id) {
                    jobs[id]?.carriedByLastList = false
                    // Finished jobs that left the list leave the dashboard too; active ones stay polled.
                    if tracked.job.status.isFinal, !tracked.cancel.isOutstanding { jobs[id] = nil }
                }
                if !list.skipped.isEmpty {
                    output.notices.append(
                        EngineNotice(
                            kind: .warning,
                            text:
                                "\(list.skipped.count) job(s) in the list could not be read: \(list.skipped[0].reason)",
                            at: now))
                }
            }
        case .failure(let error):
            if filter == .all {
                listFailures += 1
                let delay = configuration.retryDelay(
                    afterFailures: listFailures, retryAfter: error.retryAfter, using: &random)
                nextListAt = now.addingTimeInterval(delay)
            }
            failed(error, global: true, at: now, &output)
        }
        probeInFlight = false
    }

    private mutating func jobAnswered(
        _ id: String, _ outcome: Result<Job, APIError>, at now: Date, _ output: inout Output
    ) {
        jobs[id]?.inFlight = false
        switch outcome {
        case .success(let job):
            succeeded(at: now)
            merge(job, at: now, fromRefresh: false)
            verifyCancel(id, at: now, &output)
        case .failure(let error) where error.errorClass == .notFound:
            // The server answered, so the link is fine; the job is gone.
            succeeded(at: now)
            if var tracked = jobs[id] {
                tracked.gone = true
                tracked.lastError = .notFound("job \(id)")
                jobs[id] = tracked
                output.notices.append(EngineNotice(kind: .warning, text: "job \(id) is gone (404)", at: now))
            }
        case .failure(let error):
            jobFailed(id, error, at: now)
            failed(error, global: false, at: now, &output)
        }
    }

    /// Folds fresh server data for one job into the state.
    mutating func merge(_ job: Job, at now: Date, fromRefresh: Bool) {
        let policy = configuration.rules.policy(for: job.type)
        guard var tracked = jobs[job.id] else {
            var tracked = TrackedJob(job: job, policy: policy, at: now)
            tracked.carriedByLastList = fromRefresh
            if job.status.isFinal { recordFinish(job, at: now) }
            jobs[job.id] = tracked
            return
        }
        let before = tracked.job
        if before.progress.percentage != job.progress.percentage
            || before.progress.currentStep != job.progress.currentStep
            || before.status != job.status
        {
            tracked.progressChangedAt = now
            tracked.history.append(
                StepSeen(
                    at: now, status: job.status, percentage: job.progress.percentage, step: job.progress.currentStep))
            if tracked.history.count > configuration.historyLimit {
                tracked.history.removeFirst(tracked.history.count - configuration.historyLimit)
            }
        }
        if before.status.isActive, job.status.isFinal { recordFinish(job, at: now) }
        tracked.job = job
        tracked.policy = policy
        tracked.lastFresh = now
        tracked.failures = 0
        tracked.retryAt = nil
        tracked.lastError = nil
        tracked.gone = false
        tracked.awaitingList = false
        if fromRefresh { tracked.carriedByLastList = true }
        if case .notHonoured = tracked.cancel, job.status.isFinal { tracked.cancel = .none }
        jobs[job.id] = tracked
    }

    private mutating func recordFinish(_ job: Job, at now: Date) {
        let at = job.completedAt ?? now
        guard now.timeIntervalSince(at) <= configuration.activityWindow else { return }
        finishes[job.id] = Finish(at: at, status: job.status)
    }

    mutating func pruneActivity(_ now: Date) {
        guard finishes.count > 0 else { return }
        let cutoff = now.addingTimeInterval(-configuration.activityWindow)
        if finishes.values.contains(where: { $0.at < cutoff }) {
            finishes = finishes.filter { $0.value.at >= cutoff }
        }
    }
}
