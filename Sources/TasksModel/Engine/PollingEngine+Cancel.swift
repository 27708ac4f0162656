import FoundationEssentials

/// Cancels: queueing a confirmed cancel, reading the server's answer, and
/// verifying with `CancelVerification` that an accepted cancel took effect.
extension PollingEngine {
    mutating func requestCancel(_ id: JobID, at now: Date, _ output: inout Output) {
        if let refusal = cancelRefusal(for: id) {
            let kind: EngineNotice.Kind = refusal.isWarning ? .warning : .info
            output.notices.append(EngineNotice(kind: kind, text: refusal.text(id: id), at: now))
            return
        }
        // An explicit cancel goes out at once, whatever the polling state
        // (paused, unauthorized, backing off, slots busy): `sendCancels` runs
        // before those checks. It waits only for a read of the same job
        // already in flight, so the two answers never cross.
        jobs[id]?.cancel = .pending(requestedAt: now)
        pendingCancels.confirmed(id)
    }

    /// Sends every confirmed cancel whose job has no read in flight. Not
    /// held back by a pause, a refused token, a backoff or busy slots.
    mutating func sendCancels(_ output: inout Output) {
        // Held back only by a read of the same job in flight; a job gone, or
        // whose cancel is no longer pending, leaves the queue unsent.
        let ready = pendingCancels.take { id in
            guard let tracked = jobs[id], case .pending = tracked.cancel else { return false }
            return tracked.inFlight
        }
        for id in ready {
            guard var tracked = jobs[id], case .pending(let requestedAt) = tracked.cancel else { continue }
            tracked.cancel = .sending(requestedAt: requestedAt)
            tracked.inFlight = true
            jobs[id] = tracked
            send(.cancel(id: id), &output)
        }
    }

    mutating func cancelAnswered(
        _ id: JobID, _ outcome: Result<CancelAcceptance, APIError>, at now: Date, sentAt: Date,
        _ output: inout Output
    ) {
        jobs[id]?.inFlight = false
        let type = jobs[id]?.job.type ?? "?"
        func notice(_ outcome: CancelOutcome, _ text: String) {
            output.notices.append(
                EngineNotice(kind: .cancelOutcome(jobID: id, type: type, outcome: outcome), text: text, at: now))
        }
        switch outcome {
        case .success(let acceptance):
            succeeded(at: now)
            let verification = CancelVerification(acceptedAt: now, pollLimit: configuration.cancelVerifyPolls)
            jobs[id]?.cancel = .requested(verification)
            // The job it carried is as old as the cancel request: a poll sent after it and
            // answered first holds newer data.
            if let job = acceptance.job, !holdsNewer(id, than: sentAt) {
                merge(job, at: now, sentAt: sentAt, fromRefresh: false)
            }
            // The job as last known (a 200 may have carried it) may already settle it.
            if let verdict = verification.settled(by: jobs[id]?.job.status) {
                settleCancel(id, verdict: verdict, at: now, &output)
            } else {
                // Poll from its interval on to see it honoured.
                jobs[id]?.lastFresh = now
                notice(
                    .accepted,
                    "cancel of \(id) accepted (\(acceptance.status)); waiting for the server to stop it")
            }
        case .failure(.server(let status, let message, let retryAfter)) where status == 404 || status == 405:
            // The job still answers GET (`HTTPJobsAPI` asked): the route is missing, the job is not gone.
            jobs[id]?.cancel = .failed("no cancel endpoint")
            notice(
                CancelOutcome.answered(.server(status: status, message: message, retryAfter: retryAfter)),
                "cannot cancel \(id): \(message)")
        case .failure(let error):
            let failure = CancelOutcome.answered(error)
            switch failure {
            case .alreadyFinished:
                jobs[id]?.cancel = .failed("already finished")
                // Learn its final status at once, by a read of its own (unconditional:
                // a 304 must not hold a job the server says has finished).
                jobs[id]?.lastFresh = .distantPast
                jobs[id]?.needsConfirmation = true
                let message = if case .conflict(let message) = error { message } else { error.description }
                notice(failure, "cannot cancel \(id): \(message)")
            case .unknownJob:
                jobs[id]?.cancel = .failed("unknown job")
                jobs[id]?.gone = true
                notice(failure, "cannot cancel \(id): the server does not know it (404)")
            case .forbidden:
                // A read-only account may read but not cancel: this action only; polling goes on.
                jobs[id]?.cancel = .failed("not allowed (403)")
                notice(failure, "not allowed to cancel \(id) (403); nothing cancelled, polling goes on")
            case .notSent:
                jobs[id]?.cancel = .failed(error.description)
                notice(failure, "cancel of \(id) NOT sent: \(error.description); the job is unchanged")
            case .refused:
                jobs[id]?.cancel = .failed(error.description)
                notice(failure, "cancel of \(id) refused by the server: \(error.description)")
                failed(error, global: false, at: now, &output)
            default:
                // Timeout, reset, 5xx, an unreadable 2xx: the POST may have
                // reached the server. Keep the job polled: a read that shows
                // it final settles the cancel; `c` may send it again.
                jobs[id]?.cancel = .unknown(error.description)
                jobs[id]?.lastFresh = .distantPast
                notice(
                    failure,
                    "cancel of \(id) sent, outcome unknown (\(error.description)): "
                        + "the server may have cancelled it; watching")
                failed(error, global: false, at: now, &output)
            }
        }
    }

    /// Cancels sent whose answer has not come back.
    public var cancelsInFlight: Int {
        jobs.unsettled.values.filter { if case .sending = $0.cancel { true } else { false } }.count
    }

    /// The front end is quitting: each cancel still unanswered ends as unknown.
    public mutating func abandonCancels(at now: Date) -> Output {
        var output = Output()
        for id in jobs.unsettled.keys.sorted() {
            guard let tracked = jobs[id], case .sending = tracked.cancel else { continue }
            let why = "quit before the answer"
            jobs[id]?.cancel = .unknown(why)
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: tracked.job.type, outcome: .outcomeUnknown(why)),
                    text: "cancel of \(id): outcome unknown: \(why)", at: now))
        }
        return output
    }

    /// Judges a fresh read of a job whose cancel is being verified.
    mutating func verifyCancel(_ id: JobID, at now: Date, _ output: inout Output) {
        settleUnknownCancel(id, at: now, &output)
        guard let tracked = jobs[id], case .requested(var verification) = tracked.cancel else { return }
        if let verdict = verification.observe(tracked.job.status) {
            settleCancel(id, verdict: verdict, at: now, &output)
        } else {
            jobs[id]?.cancel = .requested(verification)
        }
    }

    /// A list carried a job whose cancel is being verified: a final status
    /// settles it (the job will not be polled again); an active one is not
    /// counted as a verification read, so the reads keep their schedule.
    mutating func settleCancelSeenInList(_ id: JobID, at now: Date, _ output: inout Output) {
        settleUnknownCancel(id, at: now, &output)
        guard let tracked = jobs[id], case .requested(let verification) = tracked.cancel,
            let verdict = verification.settled(by: tracked.job.status)
        else { return }
        settleCancel(id, verdict: verdict, at: now, &output)
    }

    /// A cancel whose answer was lost: any read that shows the job final says how it ended.
    private mutating func settleUnknownCancel(_ id: JobID, at now: Date, _ output: inout Output) {
        guard let tracked = jobs[id], case .unknown = tracked.cancel, tracked.job.status.isFinal else { return }
        let verification = CancelVerification(acceptedAt: now, pollLimit: 1)
        guard let verdict = verification.settled(by: tracked.job.status) else { return }
        jobs[id]?.cancel = .requested(verification)
        settleCancel(id, verdict: verdict, at: now, &output)
    }

    /// Records a verification's final verdict and says it.
    private mutating func settleCancel(
        _ id: JobID, verdict: CancelVerification.Verdict, at now: Date, _ output: inout Output
    ) {
        guard let tracked = jobs[id], case .requested(let verification) = tracked.cancel else { return }
        let type = tracked.job.type
        switch verdict {
        case .confirmed:
            jobs[id]?.cancel = .none
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: type, outcome: .cancelled),
                    text: "job \(id) cancelled", at: now))
        case .finishedAs(let status):
            jobs[id]?.cancel = .none
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: type, outcome: .finishedAs(status)),
                    text: "job \(id) finished as \(status) before the cancel took effect", at: now))
        case .notHonoured(let polls):
            jobs[id]?.cancel = .notHonoured(acceptedAt: verification.acceptedAt)
            output.notices.append(
                EngineNotice(
                    kind: .cancelOutcome(jobID: id, type: type, outcome: .notHonoured),
                    text: "job \(id) still \(tracked.job.status) after \(polls) polls: cancel NOT honoured",
                    at: now))
        }
    }
}

extension APIError {
    /// 403: the token is good, but this account may not do this.
    var isForbidden: Bool {
        if case .unauthorized(403) = self { return true }
        return false
    }

    /// A 4xx answer other than those with classes of their own: the server read the request and refused it.
    var isClientRefusal: Bool {
        if case .server(let status, _, _) = self { return (400..<500).contains(status) }
        return false
    }
}
