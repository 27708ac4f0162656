import Foundation

/// Scheduling: what to send now, given the slots free.
extension PollingEngine {
    mutating func schedule(at now: Date, _ output: inout Output) {
        // Cancels first, whatever the polling state: the user is waiting on them.
        sendCancels(&output)
        if paused { return }
        if case .unauthorized = connection { return }
        var slots = configuration.maxInFlight - inFlight.count

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
            guard !inFlight.contains(request) else { continue }
            send(request, &output)
            slots -= 1
            markAwaiting(statusFilter: filter)
            due.removeAll { jobs[$0.job.id]?.awaitingList == true }
        }
        guard !due.isEmpty else { return }

        // Coalescing: one status-filtered list instead of many polls, when
        // the polls it makes unnecessary are worth most of what it returns.
        // A job due now is worth a whole poll; one refreshed half an interval
        // ago, half a poll (its next poll moves earlier by that much).
        for status in [JobStatus.processing, .queued] where !statusFilterIgnored {
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
            let limit = configuration.activeListLimit > 0 ? configuration.activeListLimit : covered.count + 10
            let request = EngineRequest.list(status: filter, limit: min(1000, limit))
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

    /// The statuses with an active list: none when off or when the server ignores `status=`.
    var activeFilters: [StatusFilter] {
        statusFilterIgnored || configuration.activeListLimit <= 0 ? [] : [.processing, .queued]
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
    mutating func markAwaiting(statusFilter: StatusFilter, now: Date? = nil) {
        for (id, tracked) in jobs where !tracked.inFlight && tracked.job.status.isActive {
            switch statusFilter {
            case .all:
                // The refresh carries the newest `listLimit` jobs: those it carried last time.
                if tracked.carriedByLastList { jobs[id]?.awaitingList = true }
            default:
                if tracked.job.status.wireName == statusFilter.rawValue, now.map({ tracked.isPolled(at: $0) }) ?? true {
                    jobs[id]?.awaitingList = true
                }
            }
        }
    }
}
