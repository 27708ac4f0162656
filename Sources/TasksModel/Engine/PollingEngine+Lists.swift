import FoundationEssentials

/// Lists answered: the newest list (the refresh) and the active lists
/// (`status=processing`, `status=queued`) folded into the engine's jobs.
extension PollingEngine {
    mutating func listAnswered(
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
                failures.refreshSucceeded()
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
                nextListAt = failures.refreshFailed(
                    retryAfter: error.retryAfter, at: now, configuration: configuration)
            }
            failed(error, global: true, at: now, &output)
        }
        failures.listAnswered()
    }

    /// A `status=` list: the newest `limit` jobs of that status (the active
    /// lists, every one of them; a coalesced list, as many as it needed). One
    /// that came back short of its limit held every job of the status: it
    /// counts as the active list. A server that answers with other statuses
    /// ignores the filter: nothing of it is merged and the active lists stop.
    mutating func activeListAnswered(
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
}
