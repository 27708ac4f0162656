/// The server accepted a cancel request. With 200 it returns the job, which may
/// already say cancelled; with 202 or 204 the caller must poll to learn the outcome.
public struct CancelAcceptance: Sendable, Hashable {
    public var status: Int
    public var job: Job?

    public init(status: Int, job: Job?) {
        self.status = status
        self.job = job
    }
}
