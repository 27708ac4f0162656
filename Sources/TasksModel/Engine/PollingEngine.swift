import Foundation

/// The polling engine: the list refresh, per-type polling of active jobs,
/// coalescing, backoff, stall and overdue detection, and cancel verification.
///
/// A value type with one entry point, `update(_:)`: an event in, the requests
/// to send and the notices to show out. It never reads a clock and never does
/// I/O, so every rule is tested with made-up times and a scripted API.
public struct PollingEngine: Sendable {
    public var configuration: EngineConfiguration
    /// Every job the engine knows, by id.
    public private(set) var jobs: [String: TrackedJob] = [:]
    public private(set) var connection: ConnectionState = .connecting
    public private(set) var paused = false
    /// When the last list refresh answered.
    public private(set) var lastListAt: Date?
    /// When the next list refresh is due.
    public private(set) var nextListAt: Date
    /// Jobs the last list response could not read.
    public private(set) var skippedInLastList: [JobList.Skipped] = []
    /// Requests in flight.
    public private(set) var inFlight: Set<EngineRequest> = []
    /// Finished jobs seen in the activity window: id to (finish time, status).
    public private(set) var finishes: [String: Finish] = [:]

    public struct Finish: Sendable, Hashable {
        public var at: Date
        public var status: JobStatus
    }

    /// When the global backoff allows the next request (transport errors, 429, list errors).
    private var globalRetryAt: Date?
    private var globalFailures = 0
    /// A list refresh probing a server that was failing: nothing else goes until it answers.
    private var probeInFlight = false
    private var failingSince: Date?
    private var listFailures = 0
    private var random: SeededRandom
    /// Jobs whose confirmed cancel waits for a free slot.
    private var pendingCancels: Set<String> = []

    public init(configuration: EngineConfiguration = EngineConfiguration(), start: Date, seed: UInt64 = 0x7A5C) {
        self.configuration = configuration
        nextListAt = start
        random = SeededRandom(seed: seed)
    }

    /// What `update` asks for.
    public struct Output: Sendable {
        public var requests: [EngineRequest] = []
        public var notices: [EngineNotice] = []
    }

    // MARK: Queries

    /// The tracked job with this id.
    public subscript(id: String) -> TrackedJob? { jobs[id] }

    /// Stalled for how long, if stalled.
    public func stalledFor(_ id: String, at now: Date) -> Double? {
        guard let tracked = jobs[id] else { return nil }
        return tracked.stalledFor(at: now, threshold: configuration.stallThreshold(for: tracked.policy))
    }

    /// The data is older than its interval because of errors (never because of a pause).
    public func isStale(_ id: String, at now: Date) -> Bool {
        guard let tracked = jobs[id], tracked.job.status.isActive, !paused else { return false }
        let old = now.timeIntervalSince(tracked.lastFresh) > tracked.policy.interval + 1
        if tracked.lastError != nil { return old || tracked.failures > 0 }
        switch connection {
        case .retrying, .unauthorized: return old
        default: return false
        }
    }

    /// The earliest time anything is due: the runner sleeps until then.
    /// Nil when nothing can be sent until a request answers (all slots busy,
    /// or a probe in flight): the answer wakes the runner, so it never spins.
    public func nextWakeup(after now: Date) -> Date? {
        if paused { return nil }
        if case .unauthorized = connection { return nil }
        if probeInFlight || inFlight.count >= configuration.maxInFlight { return nil }
        if let globalRetryAt { return max(globalRetryAt, now) }
        if !pendingCancels.isEmpty { return now }
        var earliest: Date? = inFlight.contains(.list(status: .all, limit: configuration.listLimit)) ? nil : nextListAt
        for tracked in jobs.values where !tracked.inFlight && !tracked.awaitingList && tracked.isPolled(at: now) {
            earliest = min(earliest ?? tracked.nextDue, tracked.nextDue)
        }
        return earliest
    }

    // MARK: Update

    public mutating func update(_ event: EngineEvent) -> Output {
        var output = Output()
        let now: Date
        switch event {
        case .tick(let time):
            now = time
        case .completed(let request, let result, let time):
            now = time
            inFlight.remove(request)
            handle(request, result, at: now, &output)
        case .refresh(let time):
            now = time
            if case .unauthorized = connection { connection = .connecting }
            globalRetryAt = nil
            nextListAt = now
            if paused { output.notices.append(EngineNotice(kind: .info, text: "paused: press p to resume", at: now)) }
        case .pause(let time):
            now = time
            paused = true
            connection = .paused
        case .resume(let time):
            now = time
            paused = false
            connection = lastListAt == nil ? .connecting : .connected
            nextListAt = now
        case .cancel(let id, let time):
            now = time
            requestCancel(id, at: now, &output)
        }
        schedule(at: now, &output)
        pruneActivity(now)
        return output
    }

    // MARK: Scheduling

    private mutating func schedule(at now: Date, _ output: inout Output) {
        if paused { return }
        if case .unauthorized = connection { return }
        var slots = configuration.maxInFlight - inFlight.count

        // Cancels first: the user is waiting on them.
        for id in pendingCancels.sorted() where slots > 0 {
            guard var tracked = jobs[id], case .pending(let requestedAt) = tracked.cancel else {
                pendingCancels.remove(id)
                continue
            }
            guard !tracked.inFlight else { continue }
            pendingCancels.remove(id)
            tracked.cancel = .sending(requestedAt: requestedAt)
            tracked.inFlight = true
            jobs[id] = tracked
            send(.cancel(id: id), &output)
            slots -= 1
        }

        if probeInFlight { return }
        if let globalRetryAt {
            guard now >= globalRetryAt else { return }
            // After a failure, probe with one list refresh before anything else.
            if !inFlight.contains(where: Self.isListRequest), slots > 0 {
                send(.list(status: .all, limit: configuration.listLimit), &output)
                self.globalRetryAt = nil
                probeInFlight = true
                markAwaiting(statusFilter: .all)
            }
            return
        }

        // Jobs due now, most overdue first (ties by id, so runs repeat exactly).
        var due: [TrackedJob] = []
        for tracked in jobs.values where tracked.isPolled(at: now) && !tracked.inFlight && !tracked.awaitingList {
            if tracked.nextDue <= now { due.append(tracked) }
        }
        due.sort { ($0.nextDue, $0.job.id) < ($1.nextDue, $1.job.id) }

        // The list refresh: when due; or a little early when jobs due now would ride on it.
        let refresh = EngineRequest.list(status: .all, limit: configuration.listLimit)
        let riders = due.filter(\.lastListMembership).count
        let early = riders >= 2 && nextListAt.timeIntervalSince(now) <= configuration.coalesceWindow
        if !inFlight.contains(refresh), slots > 0, nextListAt <= now || early {
            send(refresh, &output)
            slots -= 1
            markAwaiting(statusFilter: .all)
            due.removeAll { jobs[$0.job.id]?.awaitingList == true }
        }
        guard !due.isEmpty else { return }

        // Coalescing: one status-filtered list instead of many polls, when
        // the polls it makes unnecessary are worth most of what it returns.
        // A job due now is worth a whole poll; one refreshed half an interval
        // ago, half a poll (its next poll moves earlier by that much).
        for status in [JobStatus.processing, .queued] {
            guard slots > 0, let filter = StatusFilter(rawValue: status.wireName) else { continue }
            guard due.contains(where: { $0.job.status == status }) else { continue }
            let covered = jobs.values.filter { $0.job.status == status && $0.isPolled(at: now) }
            guard covered.count >= 2, covered.count <= 1000 else { continue }
            var worth = 0.0
            for tracked in covered where tracked.failures == 0 && !tracked.inFlight {
                let early = tracked.nextDue.timeIntervalSince(now)
                worth += min(1, max(0, 1 - early / tracked.policy.interval))
            }
            guard worth >= 2, worth >= configuration.coalesceShare * Double(covered.count) else { continue }
            let request = EngineRequest.list(status: filter, limit: min(1000, covered.count + 10))
            guard !inFlight.contains(request) else { continue }
            send(request, &output)
            slots -= 1
            markAwaiting(statusFilter: filter, now: now)
            due.removeAll { $0.job.status == status && jobs[$0.job.id]?.awaitingList == true }
        }

        // The rest, one by one.
        for tracked in due where slots > 0 {
            let id = tracked.job.id
            jobs[id]?.inFlight = true
            send(.job(id: id), &output)
            slots -= 1
        }
    }

    private static func isListRequest(_ request: EngineRequest) -> Bool {
        if case .list = request { return true }
        return false
    }

    private mutating func send(_ request: EngineRequest, _ output: inout Output) {
        inFlight.insert(request)
        output.requests.append(request)
    }

    /// Jobs that a list about to be answered should carry wait for it
    /// instead of being polled on their own.
    private mutating func markAwaiting(statusFilter: StatusFilter, now: Date? = nil) {
        for (id, tracked) in jobs where !tracked.inFlight && tracked.job.status.isActive {
            switch statusFilter {
            case .all:
                // The refresh carries the newest `listLimit` jobs: those it carried last time.
                if tracked.lastListMembership { jobs[id]?.awaitingList = true }
            default:
                if tracked.job.status.wireName == statusFilter.rawValue, now.map({ tracked.isPolled(at: $0) }) ?? true {
                    jobs[id]?.awaitingList = true
                }
            }
        }
    }

    // MARK: Results

    private mutating func handle(_ request: EngineRequest, _ result: EngineResult, at now: Date, _ output: inout Output)
    {
        switch (request, result) {
        case (.list(let filter, _), .list(let outcome)):
            for id in jobs.keys where jobs[id]?.awaitingList == true {
                if filter == .all || jobs[id]?.job.status.wireName == filter.rawValue { jobs[id]?.awaitingList = false }
            }
            switch outcome {
            case .success(let list):
                succeeded(at: now)
                let seen = Set(list.jobs.map(\.id))
                for job in list.jobs { merge(job, at: now, fromRefresh: filter == .all) }
                if filter == .all {
                    lastListAt = now
                    nextListAt = now.addingTimeInterval(configuration.listInterval)
                    skippedInLastList = list.skipped
                    listFailures = 0
                    for (id, tracked) in jobs where !seen.contains(id) {
                        jobs[id]?.lastListMembership = false
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
                    let delay = configuration.backoff.delay(
                        afterFailures: listFailures, retryAfter: error.retryAfter, using: &random)
                    nextListAt = now.addingTimeInterval(max(delay, 0.5))
                }
                failed(error, global: true, at: now, &output)
            }
            probeInFlight = false
        case (.job(let id), .job(let outcome)):
            jobs[id]?.inFlight = false
            switch outcome {
            case .success(let job):
                succeeded(at: now)
                merge(job, at: now, fromRefresh: false)
                verifyCancel(id, at: now, &output)
            case .failure(.notFound):
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
        case (.cancel(let id), .cancel(let outcome)):
            jobs[id]?.inFlight = false
            let type = jobs[id]?.job.type ?? "?"
            switch outcome {
            case .success(let acceptance):
                succeeded(at: now)
                jobs[id]?.cancel = .requested(acceptedAt: now, pollsSince: 0)
                if let job = acceptance.job { merge(job, at: now, fromRefresh: false) }
                if jobs[id]?.job.status == .cancelled {
                    jobs[id]?.cancel = .none
                    output.notices.append(
                        EngineNotice(
                            kind: .cancelOutcome(jobID: id, type: type, outcome: .cancelled),
                            text: "job \(id) cancelled", at: now))
                } else {
                    // Poll from its interval on to see it honoured.
                    jobs[id]?.lastFresh = now
                    output.notices.append(
                        EngineNotice(
                            kind: .cancelOutcome(jobID: id, type: type, outcome: .accepted),
                            text: "cancel of \(id) accepted (\(acceptance.status)); waiting for the server to stop it",
                            at: now))
                }
            case .failure(.conflict(let message)):
                jobs[id]?.cancel = .failed("already finished")
                // Learn its final status at once.
                jobs[id]?.lastFresh = .distantPast
                output.notices.append(
                    EngineNotice(
                        kind: .cancelOutcome(jobID: id, type: type, outcome: .alreadyFinished),
                        text: "cannot cancel \(id): \(message)", at: now))
            case .failure(.notFound):
                jobs[id]?.cancel = .failed("unknown job")
                jobs[id]?.gone = true
                output.notices.append(
                    EngineNotice(
                        kind: .cancelOutcome(jobID: id, type: type, outcome: .unknownJob),
                        text: "cannot cancel \(id): the server does not know it (404)", at: now))
            case .failure(let error):
                jobs[id]?.cancel = .failed(error.description)
                output.notices.append(
                    EngineNotice(
                        kind: .cancelOutcome(jobID: id, type: type, outcome: .failed(error.description)),
                        text: "cancel of \(id) NOT sent: \(error.description); the job is unchanged", at: now))
                failed(error, global: false, at: now, &output)
            }
        default:
            break
        }
    }

    private mutating func requestCancel(_ id: String, at now: Date, _ output: inout Output) {
        if let refusal = cancelRefusal(for: id) {
            let kind: EngineNotice.Kind = refusal == .unknownJob || refusal == .gone ? .warning : .info
            output.notices.append(EngineNotice(kind: kind, text: refusal.text(id: id), at: now))
            return
        }
        jobs[id]?.cancel = .pending(requestedAt: now)
        pendingCancels.insert(id)
    }

    private mutating func verifyCancel(_ id: String, at now: Date, _ output: inout Output) {
        guard let tracked = jobs[id], case .requested(let acceptedAt, let polls) = tracked.cancel else { return }
        if tracked.job.status == .cancelled {
            jobs[id]?.cancel = .none
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: tracked.job.type, outcome: .cancelled),
                    text: "job \(id) cancelled", at: now))
        } else if tracked.job.status.isFinal {
            jobs[id]?.cancel = .none
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(
                        jobID: id, type: tracked.job.type, outcome: .finishedAs(tracked.job.status)),
                    text: "job \(id) finished as \(tracked.job.status) before the cancel took effect", at: now))
        } else if polls + 1 >= configuration.cancelVerifyPolls {
            jobs[id]?.cancel = .notHonoured(acceptedAt: acceptedAt)
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: tracked.job.type, outcome: .notHonoured),
                    text: "job \(id) still \(tracked.job.status) after \(polls + 1) polls: cancel NOT honoured", at: now
                ))
        } else {
            jobs[id]?.cancel = .requested(acceptedAt: acceptedAt, pollsSince: polls + 1)
        }
    }

    /// Folds fresh server data for one job into the state.
    private mutating func merge(_ job: Job, at now: Date, fromRefresh: Bool) {
        let policy = configuration.rules.policy(for: job.type)
        guard var tracked = jobs[job.id] else {
            var tracked = TrackedJob(job: job, policy: policy, at: now)
            tracked.lastListMembership = fromRefresh
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
        if fromRefresh { tracked.lastListMembership = true }
        if case .notHonoured = tracked.cancel, job.status.isFinal { tracked.cancel = .none }
        jobs[job.id] = tracked
    }

    private mutating func recordFinish(_ job: Job, at now: Date) {
        let at = job.completedAt ?? now
        guard now.timeIntervalSince(at) <= configuration.activityWindow else { return }
        finishes[job.id] = Finish(at: at, status: job.status)
    }

    private mutating func pruneActivity(_ now: Date) {
        guard finishes.count > 0 else { return }
        let cutoff = now.addingTimeInterval(-configuration.activityWindow)
        if finishes.values.contains(where: { $0.at < cutoff }) {
            finishes = finishes.filter { $0.value.at >= cutoff }
        }
    }

    private mutating func jobFailed(_ id: String, _ error: APIError, at now: Date) {
        guard var tracked = jobs[id] else { return }
        tracked.failures += 1
        tracked.lastError = error
        let delay = configuration.backoff.delay(
            afterFailures: tracked.failures, retryAfter: error.retryAfter, using: &random)
        tracked.retryAt = now.addingTimeInterval(max(delay, 0.5))
        jobs[id] = tracked
    }

    private mutating func succeeded(at now: Date) {
        globalFailures = 0
        failingSince = nil
        globalRetryAt = nil
        if !paused { connection = .connected }
    }

    /// A failure that says something about the server or the link, not one job.
    private mutating func failed(_ error: APIError, global: Bool, at now: Date, _ output: inout Output) {
        switch error {
        case .unauthorized:
            if case .unauthorized = connection {
            } else {
                output.notices.append(
                    EngineNotice(kind: .warning, text: error.description + "; polling stopped, r retries", at: now))
            }
            connection = .unauthorized(error.description)
            return
        case .transport, .timeout, .server(429, _, _):
            break
        case .server, .decode, .bodyTooLarge:
            // One job's 5xx or bad body is that job's problem; the list's is the server's.
            guard global || globalFailures > 0 else { return }
        default:
            return
        }
        globalFailures += 1
        let since = failingSince ?? now
        failingSince = since
        let delay = configuration.backoff.delay(
            afterFailures: globalFailures, retryAfter: error.retryAfter, using: &random)
        let next = now.addingTimeInterval(max(delay, 0.5))
        globalRetryAt = max(globalRetryAt ?? next, next)
        if !paused { connection = .retrying(since: since, next: globalRetryAt ?? next, reason: error.description) }
    }
}
