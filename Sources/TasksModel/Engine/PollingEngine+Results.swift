import FoundationEssentials

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
}
