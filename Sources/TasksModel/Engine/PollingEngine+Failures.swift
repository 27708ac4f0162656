import FoundationEssentials

/// Failures: per-job backoff, and the global backoff when the failure is the
/// server's or the link's. What counts as which is `ErrorClass`'s to say.
extension PollingEngine {
    mutating func jobFailed(_ id: JobID, _ error: APIError, at now: Date) {
        guard var tracked = jobs[id] else { return }
        tracked.failures += 1
        tracked.lastError = error
        let delay = failures.jobRetryDelay(
            afterFailures: tracked.failures, retryAfter: error.retryAfter, configuration: configuration)
        tracked.retryAt = now.addingTimeInterval(delay)
        jobs[id] = tracked
    }

    mutating func succeeded(at now: Date) {
        failures.succeeded()
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
            guard global || failures.isFailing else { return }
        default:
            return
        }
        let (since, next) = failures.globalFailure(
            retryAfter: error.retryAfter, at: now, configuration: configuration)
        if !paused { connection = .retrying(since: since, next: next, reason: error.headline) }
    }
}
