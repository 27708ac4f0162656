import FoundationEssentials

/// A `status=` list the scheduler found cheaper than reading its due jobs one
/// by one: the newest `limit` jobs of `status`.
public struct ListChoice: Sendable, Hashable {
    public var status: JobStatus
    /// As many jobs as reach the last one worth carrying, and no more.
    public var limit: Int
    /// The jobs it should carry (those the engine knows), newest first.
    public var carried: [JobID]
    /// What it saves against single reads, in bytes (`EngineConfiguration.requestCost` a request).
    public var saving: Double
}

/// Choosing between single reads and a filtered list, by cost.
extension PollingEngine {
    /// The cheapest list of `status` to send now instead of single reads, or
    /// nil when single reads cost less.
    ///
    /// The server lists newest first, so a list is a prefix of the jobs of
    /// that status ordered by creation: the one with the largest saving is
    /// taken. In bytes, with a request costing `requestCost`:
    /// - a due job it carries saves a single read (`requestCost` and
    ///   `perSingleRead`) and costs its share of the list (`perListedJob`);
    /// - a job not due yet is read early: of what it costs in the list, the
    ///   share of its interval not yet passed is lost (its next read moves
    ///   that much earlier), so a job read half an interval early wastes half;
    /// - a job that is not polled (overdue, failing, in flight) is carried for nothing;
    /// - the list itself costs a request and its envelope.
    /// Sizes are the running averages of recent answers (`AnswerSizes`). A
    /// list stops before a job whose cancel is being verified: that takes
    /// reads of its own, and a list read would put them off.
    public func listChoice(for status: JobStatus, at now: Date) -> ListChoice? {
        let sizes = answerSizes
        let request = configuration.requestCost
        let single = request + sizes.perSingleRead
        let item = sizes.perListedJob
        var saving = -(request + sizes.listEnvelope)
        var best: ListChoice?
        var carried: [JobID] = []
        var anyDue = false
        let order = listOrder(status)
        for tracked in order {
            if tracked.cancel.isVerifying { break }
            carried.append(tracked.job.id)
            let polled =
                tracked.isPolled(at: now) && !tracked.inFlight && !tracked.awaitingList && tracked.failures == 0
            if polled, tracked.nextDue <= now {
                anyDue = true
                saving += single - item
            } else if polled {
                let early = tracked.nextDue.timeIntervalSince(now)
                saving -= item * min(1, max(0, early / tracked.policy.interval))
            } else {
                saving -= item
            }
            if anyDue, saving > (best?.saving ?? 0) {
                best = ListChoice(status: status, limit: carried.count, carried: carried, saving: saving)
            }
        }
        // Carrying every job of the status known, it asks for one more: an
        // answer short of its limit proves it holds them all (it then counts
        // as the active list), and a job not known yet shows.
        if let choice = best, choice.limit == order.count { best?.limit = choice.limit + 1 }
        return best
    }

    /// The known jobs of `status` in the order the server lists them: newest
    /// first (by creation, ties by id). Not those a list of the status left
    /// out (`readOnce`): they have moved on, or sit where the order does not
    /// put them, so only a read of their own can say.
    func listOrder(_ status: JobStatus) -> [TrackedJob] {
        // An active job is never held compactly: only the unsettled need reading.
        let candidates = status.isActive ? Array(jobs.unsettled.values) : Array(jobs.values)
        return candidates.filter {
            $0.job.status == status && !$0.gone && !$0.readOnce && !$0.needsConfirmation
        }.sorted {
            Self.listsBefore($0, $1)
        }
    }

    /// Whether the server lists `a` before `b` (newest first).
    static func listsBefore(_ a: TrackedJob, _ b: TrackedJob) -> Bool {
        let first = a.job.createdAt ?? a.firstSeen
        let second = b.job.createdAt ?? b.firstSeen
        return first != second ? first > second : a.job.id > b.job.id
    }
}
