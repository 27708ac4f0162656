import Foundation

/// Results: folding what the server answered into the engine's state.
extension PollingEngine {
    /// `sentAt`: when the request was sent. An answer to a request sent
    /// before the data held for a job was asked for is older than that data:
    /// it never replaces it and never counts as fresh.
    ///
    /// `replayed`: a 304 answered from the conditional cache. Its data is as
    /// old as the last full answer to the same request (`fullAnswerSentAt`),
    /// so it never replaces newer data, and it counts as fresh for at most
    /// `replayTrust` of the job's intervals after that answer.
    mutating func handle(
        _ request: EngineRequest, _ result: EngineResult, at now: Date, sentAt: Date, replayed: Bool = false,
        _ output: inout Output
    ) {
        var dataSentAt = sentAt
        let answered: Bool
        switch result {
        case .list(.success), .job(.success): answered = true
        default: answered = false
        }
        if answered, replayed {
            // A replay whose full answer this engine never saw is taken as current.
            dataSentAt = fullAnswerSentAt[request] ?? sentAt
        } else if answered {
            recordFullAnswer(request, sentAt: sentAt)
        }
        switch (request, result) {
        case (.list(let filter, let limit), .list(let outcome)):
            listAnswered(
                filter: filter, limit: limit, outcome, at: now, sentAt: dataSentAt, replayed: replayed && answered,
                &output)
        case (.job(let id), .job(let outcome)):
            jobAnswered(id, outcome, at: now, sentAt: dataSentAt, replayed: replayed && answered, &output)
        case (.cancel(let id), .cancel(let outcome)):
            cancelAnswered(id, outcome, at: now, sentAt: sentAt, &output)
        default:
            break
        }
    }

    /// A replayed list carried jobs whose held data is newer than what it
    /// replays. Where the held data says the same (status, progress, step,
    /// `updated_at`), the replay confirms it as of the read that brought it:
    /// fresh while that read is under `replayTrust` intervals old. Where it
    /// differs, the list says nothing about the job now, so an active one is
    /// read on its own (never by another list that a 304 would replay too).
    mutating func confirmReplayedOver(_ list: JobList, at now: Date, sentAt: Date) {
        for job in list.jobs where holdsNewer(job.id, than: sentAt) {
            guard var tracked = jobs[job.id], tracked.job.status.isActive else { continue }
            let held = tracked.job
            let same =
                held.status == job.status && held.progress == job.progress && held.updatedAt == job.updatedAt
            if same, now.timeIntervalSince(tracked.dataSentAt) < Self.replayTrust * tracked.policy.interval {
                tracked.lastFresh = now
                tracked.awaitingList = false
                tracked.needsConfirmation = false
            } else {
                tracked.needsConfirmation = true
            }
            jobs[job.id] = tracked
        }
    }

    /// The limit to fall back to after `error` refused a list of `limit`: a
    /// 422 or 400 whose message names `limit` (FastAPI's `le=100`) gets 100,
    /// then 50; nil for any other error, or below 50.
    static func smallerLimit(after error: APIError, limit: Int) -> Int? {
        guard case .server(let status, let message, _) = error, status == 422 || status == 400,
            message.lowercased().contains("limit")
        else { return nil }
        if limit > 100 { return 100 }
        if limit > 50 { return 50 }
        return nil
    }

    /// Remembers when the last full answer to `request` was sent (bounded: the
    /// older half goes when it holds more than 4,096 requests).
    mutating func recordFullAnswer(_ request: EngineRequest, sentAt: Date) {
        fullAnswerSentAt[request] = sentAt
        if fullAnswerSentAt.count > 4096 {
            let cut = fullAnswerSentAt.values.sorted()[fullAnswerSentAt.count / 2]
            fullAnswerSentAt = fullAnswerSentAt.filter { $0.value >= cut }
        }
    }

    /// Whether the data held for this job came from a request sent after `sentAt`.
    func holdsNewer(_ id: JobID, than sentAt: Date) -> Bool {
        guard let held = jobs[id]?.dataSentAt else { return false }
        return held > sentAt
    }

    private mutating func listAnswered(
        filter: StatusFilter, limit: Int, _ outcome: Result<JobList, APIError>, at now: Date, sentAt: Date,
        replayed: Bool, _ output: inout Output
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
        var awaited: Set<JobID> = []
        for id in jobs.unsettled.keys where jobs[id]?.awaitingList == true {
            if filter == .all || jobs[id]?.job.status.wireName == filter.rawValue {
                jobs[id]?.awaitingList = false
                awaited.insert(id)
            }
        }
        switch outcome {
        case .success(let list) where filter != .all:
            succeeded(at: now)
            activeListAnswered(
                filter: filter, limit: limit, list, at: now, sentAt: sentAt, replayed: replayed, &output)
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
            if replayed { confirmReplayedOver(list, at: now, sentAt: sentAt) }
            observeNaiveZone(list.jobs, at: now)
            for job in list.jobs where !holdsNewer(job.id, than: sentAt) {
                merge(job, at: now, sentAt: sentAt, fromRefresh: filter == .all, replayed: replayed)
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
        case .failure(let error) where Self.smallerLimit(after: error, limit: limit) != nil:
            // Not a failing server: a limit it will not serve. Ask again, smaller, now.
            let smaller = Self.smallerLimit(after: error, limit: limit) ?? limit
            limitFallback = LimitFallback(refused: max(limit, limitFallback?.refused ?? 0), using: smaller)
            configuration.activeListLimit = min(configuration.activeListLimit, smaller)
            configuration.listLimit = min(configuration.listLimit, smaller)
            activeListFull = [:]
            if filter == .all { nextListAt = now } else { nextActiveAt[filter] = now }
            succeeded(at: now)
            output.notices.append(
                EngineNotice(
                    kind: .warning,
                    text: "the server refuses limit=\(limit) (\(error.description)): lists ask for \(smaller) at most",
                    at: now))
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
        filter: StatusFilter, limit: Int, _ list: JobList, at now: Date, sentAt: Date, replayed: Bool,
        _ output: inout Output
    ) {
        let complete = list.jobs.count + list.skipped.count < limit
        let activeList = configuration.activeListLimit > 0 && limit >= configuration.activeListLimit
        if complete || activeList { nextActiveAt[filter] = now.addingTimeInterval(configuration.listInterval) }
        if list.jobs.contains(where: { $0.status.wireName != filter.rawValue }) {
            if !statusFilterIgnored {
                statusFilterIgnored = true
                activeListFull = [:]
                // No active list will carry anything again.
                for id in jobs.unsettled.keys { jobs[id]?.carriedByActiveList = false }
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
        if replayed { confirmReplayedOver(list, at: now, sentAt: sentAt) }
        observeNaiveZone(list.jobs, at: now)
        for job in list.jobs where !holdsNewer(job.id, than: sentAt) {
            merge(job, at: now, sentAt: sentAt, fromRefresh: false, replayed: replayed)
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
        let candidates: [(key: JobID, value: TrackedJob)] =
            filter == .processing || filter == .queued ? Array(jobs.unsettled) : Array(jobs)
        for (id, tracked) in candidates
        where tracked.job.status.wireName == filter.rawValue && !seen.contains(id) && !holdsNewer(id, than: sentAt) {
            if let last, !Self.listsBefore(tracked, last) { continue }
            jobs[id]?.carriedByActiveList = false
            if !tracked.inFlight, !tracked.carriedByLastList { jobs[id]?.readOnce = true }
        }
    }

    private mutating func jobAnswered(
        _ id: JobID, _ outcome: Result<Job, APIError>, at now: Date, sentAt: Date, replayed: Bool,
        _ output: inout Output
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
            merge(job, at: now, sentAt: sentAt, fromRefresh: false, replayed: replayed)
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

    /// Folds fresh server data for one job into the state (`sentAt`: when its
    /// request was sent; for a replay, when the full answer it replays was).
    mutating func merge(_ answered: Job, at now: Date, sentAt: Date? = nil, fromRefresh: Bool, replayed: Bool = false) {
        // Zoneless timestamps in another zone's local time, moved to UTC (`NaiveZone`).
        let job = naiveZone.shifted(answered)
        let policy = configuration.rules.policy(for: job.type)
        // A replay is trusted for `replayTrust` intervals after the full answer it replays.
        let trusted = !replayed || now.timeIntervalSince(sentAt ?? now) < Self.replayTrust * policy.interval
        guard var tracked = jobs[job.id] else {
            var tracked = TrackedJob(job: job, policy: policy, at: now)
            tracked.dataSentAt = sentAt ?? now
            tracked.clockOffset = serverClock.offset
            tracked.carriedByLastList = fromRefresh
            tracked.needsConfirmation = !trusted && job.status.isActive
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
        if trusted {
            tracked.lastFresh = now
            tracked.needsConfirmation = false
        } else {
            // Replayed for too long: not fresh; a read of its own must confirm it.
            tracked.needsConfirmation = job.status.isActive
        }
        tracked.failures = 0
        tracked.retryAt = nil
        tracked.lastError = nil
        tracked.gone = false
        tracked.awaitingList = false
        tracked.readOnce = false
        if fromRefresh { tracked.carriedByLastList = true }
        if case .notHonoured = tracked.cancel, job.status.isFinal {
            // The verdict was wrong, or the server was slow: the audit log gets a second line.
            tracked.cancel = .none
            let at = job.completedAt ?? job.updatedAt ?? serverTime(now)
            let outcome: CancelOutcome =
                job.status == .cancelled ? .cancelledAfterAll(at: at) : .finishedAs(job.status)
            let text =
                job.status == .cancelled
                ? "job \(job.id) \(outcome) (it was reported NOT honoured)"
                : "job \(job.id) finished as \(job.status) after the cancel was reported NOT honoured"
            laterNotices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: job.id, type: job.type, outcome: outcome), text: text, at: now))
        }
        jobs[job.id] = tracked
    }

    /// Checks a list's zoneless timestamps against the server's clock (`NaiveZone`).
    mutating func observeNaiveZone(_ answered: [Job], at now: Date) {
        var progressed = Set<JobID>()
        for job in answered where job.naiveTimestamps {
            guard let held = jobs[job.id]?.job else { continue }
            if held.progress.percentage != job.progress.percentage
                || held.progress.currentStep != job.progress.currentStep
            {
                progressed.insert(job.id)
            }
        }
        naiveZone.observe(answered, progressed: progressed, rules: configuration.rules, serverNow: serverTime(now))
    }

    private mutating func recordFinish(_ job: Job, at now: Date) {
        let at = job.completedAt ?? now
        guard now.timeIntervalSince(at) <= configuration.activityWindow else { return }
        finishes[job.id] = Finish(at: at, status: job.status)
        oldestFinish = min(oldestFinish ?? at, at)
    }

    /// Forgets finishes older than the activity window. Runs on every update,
    /// so it reads one date, not every finish, unless one is out of date.
    mutating func pruneActivity(_ now: Date) {
        let cutoff = now.addingTimeInterval(-configuration.activityWindow)
        guard let oldest = oldestFinish, oldest < cutoff else { return }
        finishes = finishes.filter { $0.value.at >= cutoff }
        oldestFinish = finishes.values.lazy.map(\.at).min()
    }
}

/// Opening a job by id: the job may be in no list (old, or beyond the newest
/// N), so it is read on its own and then pinned.
extension PollingEngine {
    /// Reads job `id` now, whatever the slots and the backoff: the user is
    /// waiting on it. A job already tracked is pinned at once.
    mutating func open(_ id: JobID, _ output: inout Output) {
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
