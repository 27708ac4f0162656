import FoundationEssentials

/// The jobs API, as the engine, the dashboard and the commands use it.
///
/// A protocol so that the engine's rules can be tested against a scripted fake
/// and the real HTTP client swapped in only at the edge.
public protocol JobsAPI: Sendable {
    /// `GET /api/v1/jobs?status=...&limit=...`
    func list(status: StatusFilter, limit: Int) async throws(APIError) -> JobList
    /// `GET /api/v1/jobs/{id}`
    func job(id: JobID) async throws(APIError) -> Job
    /// `POST /api/v1/jobs/{id}/cancel`
    func cancel(id: JobID) async throws(APIError) -> CancelAcceptance
}

/// A `JobsAPI` that also reads the server's clock (the HTTP `Date` header)
/// from each answer, for `ServerClock`.
public protocol DatedJobsAPI: JobsAPI {
    /// Sends `request`; the outcome, the answer's `Date` header, if any, and
    /// its body's size on the wire (0 when not modified), if known.
    func perform(_ request: EngineRequest) async -> (EngineResult, serverDate: Date?, bodyBytes: Int?)
}
