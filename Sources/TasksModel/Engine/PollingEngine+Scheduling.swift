import FoundationEssentials

/// Scheduling: what to send now, given the slots free.
extension PollingEngine {
    mutating func schedule(at now: Date, _ output: inout Output) {
        // Cancels first, whatever the polling state: the user is waiting on them.
        sendCancels(&output)
        if paused { return }
        if case .unauthorized = connection { return }
        var slots = configuration.maxInFlight - inFlight.count

        if failures.probeInFlight { return }
        if failures.isBackingOff {
            guard failures.mayProbe(at: now) else { return }
            // After a failure, probe with one list refresh before anything else.
            if !inFlight.contains(where: Self.isListRequest), slots > 0 {
                send(.list(status: .all, limit: configuration.listLimit), &output)
                failures.probeSent()
                markAwaiting(statusFilter: .all)
            }
            return
        }

        // Every slot busy: nothing below can go, and the due jobs stay in the index.
        guard slots > 0 else { return }
        // Jobs due now, most overdue first (ties by id, so runs repeat exactly).
        var due = takeDue(at: now)

        // The list refresh: when due; or a little early when jobs due now would ride on it.
        let refresh = EngineRequest.list(status: .all, limit: configuration.listLimit)
        let riders = due.filter(\.carriedByLastList).count
        let early = riders >= 2 && nextListAt.timeIntervalSince(now) <= configuration.coalesceWindow
        if !inFlight.contains(refresh), slots > 0, nextListAt <= now || early {
            send(refresh, &output)
            slots -= 1
            markAwaiting(statusFilter: .all)
            due.removeAll { jobs[$0.job.id]?.awaitingList == true }
        }

        // The active lists: every queued and processing job, however old,
        // once per list interval (a coalesced list below counts as one); only
        // once the refresh has answered, so a failing server gets one request.
        let refreshAnswered = lastListAt != nil && !inFlight.contains(refresh)
        for filter in activeFilters where slots > 0 && refreshAnswered && (nextActiveAt[filter] ?? now) <= now {
            let request = EngineRequest.list(status: filter, limit: configuration.activeListLimit)
            guard !listInFlight(filter) else { continue }
            send(request, &output)
            slots -= 1
            markAwaiting(statusFilter: filter)
            due.removeAll { jobs[$0.job.id]?.awaitingList == true }
        }
        guard !due.isEmpty else { return }

        // Coalescing, by cost: the newest jobs of one status in one list
        // instead of single reads, when that costs less (`listChoice`).
        for status in [JobStatus.processing, .queued] where !statusFilterIgnored {
            guard slots > 0, let filter = StatusFilter(rawValue: status.wireName), !listInFlight(filter) else {
                continue
            }
            guard due.contains(where: { $0.job.status == status }) else { continue }
            guard var choice = listChoice(for: status, at: now) else { continue }
            // Never more than a server that refused a limit will serve.
            if limitFallback != nil, choice.limit > configuration.activeListLimit {
                choice.limit = configuration.activeListLimit
                choice.carried = Array(choice.carried.prefix(choice.limit))
            }
            send(.list(status: filter, limit: choice.limit), &output)
            slots -= 1
            let carried = Set(choice.carried)
            for id in carried where jobs[id]?.inFlight == false { jobs[id]?.awaitingList = true }
            due.removeAll { carried.contains($0.job.id) }
        }

        // The rest, one by one; slow reads (overdue, carried by no list) within their budget.
        // (Reads dated after `now`, from before the clock stepped back, count as sent now.)
        slowReadsSent = slowReadsSent.map { min($0, now) }
        slowReadsSent.removeAll { now.timeIntervalSince($0) >= TrackedJob.slowReadInterval }
        // A job due that cannot go yet is noted again: when a slot frees (whose
        // answer wakes the runner), or when the slow-read budget allows.
        for tracked in due {
            let id = tracked.job.id
            guard slots > 0 else {
                jobs.due.note(id, at: tracked.nextDue)
                continue
            }
            if tracked.isSlowRead(at: now) {
                guard slowReadsSent.count < Self.slowReadBudget else {
                    // Due still (a list may carry it), but the runner wakes for it when the budget allows.
                    heldSlowReads.insert(id)
                    jobs.due.note(id, at: max(tracked.nextDue, slowReadFreeAt(now)))
                    continue
                }
                slowReadsSent.append(now)
            }
            jobs[id]?.inFlight = true
            send(.job(id: id), &output)
            slots -= 1
        }
    }

    /// Whether a job at its due time can be sent: polled, not in flight, not awaiting a list.
    static func canGo(_ tracked: TrackedJob, at now: Date) -> Bool {
        tracked.isPolled(at: now) && !tracked.inFlight && !tracked.awaitingList
    }

    /// The jobs due at `now` that can go, most overdue first (ties by id),
    /// from the due index: work in proportion to the jobs due, not to the
    /// jobs held. Each entry out of the index is checked against the table;
    /// a job not due after all is noted again at its due time.
    mutating func takeDue(at now: Date) -> [TrackedJob] {
        var seen = Set<JobID>()
        var due: [TrackedJob] = []
        // Slow reads held back by the budget are noted for later, yet due now.
        let held = heldSlowReads
        heldSlowReads = []
        for id in held.sorted() {
            guard seen.insert(id).inserted, let tracked = jobs.unsettled[id] else { continue }
            if tracked.nextDue <= now, Self.canGo(tracked, at: now) { due.append(tracked) }
        }
        while let entry = jobs.due.popDue(at: now) {
            guard seen.insert(entry.id).inserted, let tracked = jobs.unsettled[entry.id] else { continue }
            let nextDue = tracked.nextDue
            if nextDue > now {
                jobs.due.note(entry.id, at: nextDue)
            } else if Self.canGo(tracked, at: now) {
                due.append(tracked)
            }
        }
        due.sort { ($0.nextDue, $0.job.id) < ($1.nextDue, $1.job.id) }
        return due
    }

    /// Drops the index's first entries until the first is a job that can go,
    /// at or after its due time: `nextWakeup` reads it. A slow read waits for
    /// the budget too: any change to a held job notes it again at its due time
    /// (`JobTable`), which, left first, would wake the runner at once for a
    /// tick that sends nothing.
    mutating func trimDueIndex(at now: Date) {
        let budgetFreeAt = slowReadFreeAt(now)
        while let entry = jobs.due.earliest {
            guard let tracked = jobs.unsettled[entry.id], Self.canGo(tracked, at: now) else {
                jobs.due.removeEarliest()
                continue
            }
            var nextDue = tracked.nextDue
            if nextDue <= now, budgetFreeAt > now, tracked.isSlowRead(at: now) {
                // Held as `schedule` holds it: due still (taken with the others), woken for when the budget allows.
                heldSlowReads.insert(entry.id)
                nextDue = budgetFreeAt
            }
            guard entry.at < nextDue else { return }
            // Stale: the job is due later now.
            jobs.due.removeEarliest()
            jobs.due.note(entry.id, at: nextDue)
        }
    }

    /// The statuses with an active list: none when off or when the server ignores `status=`.
    var activeFilters: [StatusFilter] {
        statusFilterIgnored || configuration.activeListLimit <= 0 ? [] : [.processing, .queued]
    }

    /// A `status=` list of `filter` is in flight, whatever its limit.
    func listInFlight(_ filter: StatusFilter) -> Bool {
        inFlight.contains { if case .list(filter, _) = $0 { true } else { false } }
    }

    private static func isListRequest(_ request: EngineRequest) -> Bool {
        if case .list = request { return true }
        return false
    }

    mutating func send(_ request: EngineRequest, _ output: inout Output) {
        inFlight.insert(request)
        output.requests.append(request)
    }

    /// Jobs that a list about to be answered should carry wait for it
    /// instead of being polled on their own.
    mutating func markAwaiting(statusFilter: StatusFilter) {
        for (id, tracked) in jobs.unsettled
        where !tracked.inFlight && tracked.job.status.isActive && !tracked.needsConfirmation {
            switch statusFilter {
            case .all:
                // The refresh carries the newest `listLimit` jobs: those it carried last time.
                if tracked.carriedByLastList { jobs[id]?.awaitingList = true }
            default:
                if tracked.job.status.wireName == statusFilter.rawValue { jobs[id]?.awaitingList = true }
            }
        }
    }
}
