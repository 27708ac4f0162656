import Foundation

/// Cancels: queueing a confirmed cancel, reading the server's answer, and
/// verifying with `CancelVerification` that an accepted cancel took effect.
extension PollingEngine {
    mutating func requestCancel(_ id: String, at now: Date, _ output: inout Output) {
        if let refusal = cancelRefusal(for: id) {
            let kind: EngineNotice.Kind = refusal.isWarning ? .warning : .info
            output.notices.append(EngineNotice(kind: kind, text: refusal.text(id: id), at: now))
            return
        }
        jobs[id]?.cancel = .pending(requestedAt: now)
        pendingCancels.insert(id)
    }

    mutating func cancelAnswered(
        _ id: String, _ outcome: Result<CancelAcceptance, APIError>, at now: Date, _ output: inout Output
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
            if let job = acceptance.job { merge(job, at: now, fromRefresh: false) }
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
        case .failure(let error):
            switch error.errorClass {
            case .conflict:
                jobs[id]?.cancel = .failed("already finished")
                // Learn its final status at once.
                jobs[id]?.lastFresh = .distantPast
                let message = if case .conflict(let message) = error { message } else { error.description }
                notice(.alreadyFinished, "cannot cancel \(id): \(message)")
            case .notFound:
                jobs[id]?.cancel = .failed("unknown job")
                jobs[id]?.gone = true
                notice(.unknownJob, "cannot cancel \(id): the server does not know it (404)")
            default:
                jobs[id]?.cancel = .failed(error.description)
                notice(
                    .failed(error.description),
                    "cancel of \(id) NOT sent: \(error.description); the job is unchanged")
                failed(error, global: false, at: now, &output)
            }
        }
    }

    /// Judges a fresh read of a job whose cancel is being verified.
    mutating func verifyCancel(_ id: String, at now: Date, _ output: inout Output) {
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
    mutating func settleCancelSeenInList(_ id: String, at now: Date, _ output: inout Output) {
        guard let tracked = jobs[id], case .requested(let verification) = tracked.cancel,
            let verdict = verification.settled(by: tracked.job.status)
        else { return }
        settleCancel(id, verdict: verdict, at: now, &output)
    }

    /// Records a verification's final verdict and says it.
    private mutating func settleCancel(
        _ id: String, verdict: CancelVerification.Verdict, at now: Date, _ output: inout Output
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
