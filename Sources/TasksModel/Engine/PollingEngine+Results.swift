import Foundation

/// Results: folding what the server answered into the engine's state.
extension PollingEngine {
    /// `sentAt`: when the request was sent. An answer to a request sent
    /// before the data held for a job was asked for is older than that data:
    /// it never replaces it and never counts as fresh.
    mutating func handle(
        _ request: EngineRequest, _ result: EngineResult, at now: Date, sentAt: Date, _ output: inout Output
    ) {
        switch (request, result) {
        case (.list(let filter, let limit), .list(let outcome)):
            listAnswered(filter: filter, limit: limit, outcome, at: now, sentAt: sentAt, &output)
        case (.job(let id), .job(let outcome)):
            jobAnswered(id, outcome, at: now, sentAt: sentAt, &output)
        case (.cancel(let id), .cancel(let outcome)):
            cancelAnswered(id, outcome, at: now, sentAt: sentAt, &output)
        default:
            break
        }
    }

    /// Whether the data held for this job came from a request sent after `sentAt`.
    func holdsNewer(_ id: String, than sentAt: Date) -> Bool {
        guard let held = jobs[id]?.dataSentAt else { return false }
        return held > sentAt
    }

    private mutating func listAnswered(
        filter: StatusFilter, limit: Int, _ outcome: Result<JobList, APIError>, at now: Date, sentAt: Date,
        _ output: inout Output
    ) {
        // The client read no more than the limit asked (`JobList.decode(_:limit:)`); say once that the server sent more.
        if case .success(let list) = outcome, list.beyondLimit > 0, !answerCutNoticed {
            answerCutNoticed = true
            output.notices.append(
                EngineNotice(
                    kind: .warning,
                    text:
                        "the server sent \(limit + list.beyondLimit) jobs for limit=\(limit): only the first \(limit) are read",
                    at: now))
        }
        var awaited: Set<String> = []
        for id in jobs.unsettled.keys where jobs[id]?.awaitingList == true {
            if filter == .all || jobs[id]?.job.status.wireName == filter.rawValue {
                jobs[id]?.awaitingList = false
                awaited.insert(id)
            }
        }
        switch outcome {
        case .success(let list) where filter != .all:
            succeeded(at: now)
            activeListAnswered(filter: filter, limit: limit, list, at: now, sentAt: sentAt, &output)
            // A job this list was sent to carry and did not: read it on its own,
            // never by another list that would leave it out again. Carrying it
            // means holding it: a list short of its limit held every job of the
            // status; a full one only those that come before its last job in the
            // server's order (the rest are beyond its limit, not moved on: a full
            // active list with thousands of them behind it must not read each).
            let seen = Set(list.jobs.map(\.id))
            let complete = list.jobs.count + list.skipped.count < limit
            let last: TrackedJob? = complete ? nil : list.jobs.last.flatMap { jobs[$0.id] }
            for id in awaited where !seen.contains(id) && jobs[id]?.inFlight == false && !holdsNewer(id, than: sentAt) {
                guard let tracked = jobs[id] else { continue }
                if !complete {
                    guard let last, Self.listsBefore(tracked, last) else { continue }
                }
                jobs[id]?.readOnce = true
            }
        case .success(let list):
            succeeded(at: now)
            let seen = Set(list.jobs.map(\.id))
            for job in list.jobs where !holdsNewer(job.id, than: sentAt) {
                merge(job, at: now, sentAt: sentAt, fromRefresh: filter == .all)
                settleCancelSeenInList(job.id, at: now, &output)
            }
            if filter == .all {
                lastListAt = now
                nextListAt = now.addingTimeInterval(configuration.listInterval)
                skippedInLastList = list.skipped
                listFailures = 0
                for (id, tracked) in jobs where !seen.contains(id) && !holdsNewer(id, than: sentAt) {
                    jobs[id]?.carriedByLastList = false
                    // Finished jobs that left the list leave the dashboard too; active ones stay polled.
                    // Pinned jobs stay whatever the list holds.
                    if tracked.job.status.isFinal, !tracked.cancel.isOutstanding, !tracked.pinned { jobs[id] = nil }
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
            if filter != .all { nextActiveAt[filter] = now.addingTimeInterval(configuration.listInterval) }
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

    /// A `status=` list: the newest `limit` jobs of that status (the active
    /// lists, every one of them; a coalesced list, as many as it needed). One
    /// that came back short of its limit held every job of the status: it
    /// counts as the active list. A server that answers with other statuses
    /// ignores the filter: nothing of it is merged and the active lists stop.
    private mutating func activeListAnswered(
        filter: StatusFilter, limit: Int, _ list: JobList, at now: Date, sentAt: Date, _ output: inout Output
    ) {
        let complete = list.jobs.count + list.skipped.count < limit
        let activeList = configuration.activeListLimit > 0 && limit >= configuration.activeListLimit
        if complete || activeList { nextActiveAt[filter] = now.addingTimeInterval(configuration.listInterval) }
        if list.jobs.contains(where: { $0.status.wireName != filter.rawValue }) {
            if !statusFilterIgnored {
                statusFilterIgnored = true
                activeListFull = [:]
                output.notices.append(
                    EngineNotice(
                        kind: .warning,
                        text:
                            "the server ignores status=\(filter.rawValue): showing the newest \(configuration.listLimit) only",
                        at: now))
            }
            return
        }
        let seen = Set(list.jobs.map(\.id))
        for job in list.jobs where !holdsNewer(job.id, than: sentAt) {
            merge(job, at: now, sentAt: sentAt, fromRefresh: false)
            jobs[job.id]?.carriedByActiveList = true
            settleCancelSeenInList(job.id, at: now, &output)
        }
        if activeList {
            let full = list.jobs.count >= configuration.activeListLimit
            activeListFull[filter] = full ? list.jobs.count : nil
        } else if complete {
            activeListFull[filter] = nil
        }
        // A job of this status the list no longer holds, though it would come
        // before the last one it holds, has moved on: read it once.
        let last: TrackedJob? = complete ? nil : list.jobs.last.flatMap { jobs[$0.id] }
        guard complete || last != nil else { return }
        // No job of an active status is held compactly (`JobTable.unsettled`).
        let candidates: [(key: String, value: TrackedJob)] =
            filter == .processing || filter == .queued ? Array(jobs.unsettled) : Array(jobs)
        for (id, tracked) in candidates
        where tracked.job.status.wireName == filter.rawValue && !seen.contains(id) && !holdsNewer(id, than: sentAt) {
            if let last, !Self.listsBefore(tracked, last) { continue }
            jobs[id]?.carriedByActiveList = false
            if !tracked.inFlight, !tracked.carriedByLastList { jobs[id]?.readOnce = true }
        }
    }

    private mutating func jobAnswered(
        _ id: String, _ outcome: Result<Job, APIError>, at now: Date, sentAt: Date, _ output: inout Output
    ) {
        jobs[id]?.inFlight = false
        // The first answer to an open by id: data pins the job; an error leaves nothing behind.
        if opening.remove(id) != nil, case .success(let job) = outcome, job.id == id {
            merge(job, at: now, fromRefresh: false)
            jobs[id]?.pinned = true
        }
        switch outcome {
        case .success(let job) where job.id != id:
            // An answer about another job is an error, never merged (no phantom row).
            let error = APIError.decode("asked for job \(id), the answer is about job \(job.id)")
            jobFailed(id, error, at: now)
            failed(error, global: false, at: now, &output)
        case .success where holdsNewer(id, than: sentAt):
            // Older than what is held (a list sent later answered first): dropped.
            succeeded(at: now)
        case .success(let job):
            succeeded(at: now)
            merge(job, at: now, sentAt: sentAt, fromRefresh: false)
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

    /// Folds fresh server data for one job into the state (`sentAt`: when its request was sent).
    mutating func merge(_ job: Job, at now: Date, sentAt: Date? = nil, fromRefresh: Bool) {
        let policy = configuration.rules.policy(for: job.type)
        guard var tracked = jobs[job.id] else {
            var tracked = TrackedJob(job: job, policy: policy, at: now)
            tracked.dataSentAt = sentAt ?? now
            tracked.clockOffset = serverClock.offset
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
            tracked.progressChangeSeenAt = now
            tracked.history.append(
                StepSeen(
                    at: now, status: job.status, percentage: job.progress.percentage, step: job.progress.currentStep))
            if tracked.history.count > configuration.historyLimit {
                tracked.history.removeFirst(tracked.history.count - configuration.historyLimit)
            }
        }
        if before.status.isActive, job.status.isFinal { recordFinish(job, at: now) }
        if !job.status.isFinal {
            tracked.finalSeenAt = nil
        } else if tracked.finalSeenAt == nil {
            tracked.finalSeenAt = now
        }
        tracked.dataSentAt = max(tracked.dataSentAt, sentAt ?? now)
        tracked.clockOffset = serverClock.offset
        tracked.job = job
        tracked.policy = policy
        tracked.lastFresh = now
        tracked.failures = 0
        tracked.retryAt = nil
        tracked.lastError = nil
        tracked.gone = false
        tracked.awaitingList = false
        tracked.readOnce = false
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

/// Opening a job by id: the job may be in no list (old, or beyond the newest
/// N), so it is read on its own and then pinned.
extension PollingEngine {
    /// Reads job `id` now, whatever the slots and the backoff: the user is
    /// waiting on it. A job already tracked is pinned at once.
    mutating func open(_ id: String, _ output: inout Output) {
        if jobs[id] != nil { jobs[id]?.pinned = true }
        let request = EngineRequest.job(id: id)
        guard !inFlight.contains(request) else {
            if jobs[id] == nil { opening.insert(id) }
            return
        }
        opening.insert(id)
        jobs[id]?.inFlight = true
        send(request, &output)
    }

    /// The number of pinned jobs.
    public var pinnedCount: Int { jobs.values.reduce(0) { $0 + ($1.pinned ? 1 : 0) } }
}
