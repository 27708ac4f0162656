/// What came back for a request.
public enum EngineResult: Sendable {
    case list(Result<JobList, APIError>)
    case job(Result<Job, APIError>)
    case cancel(Result<CancelAcceptance, APIError>)
}
