import FoundationEssentials

/// Failures: per-job backoff, and the global backoff when the failure is the
/// server's or the link's. What counts as which is `ErrorClass`'s to say.
extension PollingEngine {
    mutating func jobFailed(_ id: JobID, _ error: APIError, at now: Date) {
        guard var tracked = jobs[id] else { return }
        tracked.failures += 1
        tracked.lastError = error
        let delay = configuration.retryDelay(
            afterFailures: tracked.failures, retryAfter: error.retryAfter, using: &random)
        tracked.retryAt = now.addingTimeInterval(delay)
        jobs[id] = tracked
    }

    mutating func succeeded(at now: Date) {
        globalFailures = 0
        failingSince = nil
        globalRetryAt = nil
        if !paused { connection = .connected }
    }

    /// A failure that may say something about the server or the link, not one job.
    mutating func failed(_ error: APIError, global: Bool, at now: Date, _ output: inout Output) {
        let errorClass = error.errorClass
        switch errorClass {
        case .unauthorized:
            if case .unauthorized = connection {
            } else {
                output.notices.append(
                    EngineNotice(kind: .pollingStopped, text: error.description + "; polling stopped", at: now))
            }
            connection = .unauthorized(error.description)
            return
        case _ where errorClass.isServerWide:
            break
        case .serverFault, .badResponse:
            // One job's 5xx or bad body is that job's problem; the list's is the server's.
            guard global || globalFailures > 0 else { return }
        default:
            return
        }
        globalFailures += 1
        let since = failingSince ?? now
        failingSince = since
        let delay = configuration.retryDelay(
            afterFailures: globalFailures, retryAfter: error.retryAfter, using: &random)
        let next = now.addingTimeInterval(delay)
        globalRetryAt = max(globalRetryAt ?? next, next)
        if !paused { connection = .retrying(since: since, next: globalRetryAt ?? next, reason: error.headline) }
    }
}
