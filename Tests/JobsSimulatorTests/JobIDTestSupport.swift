import JobsSimulator

@testable import TasksModel

/// Tests name jobs with `String`s built at run time (`"job_\(n)"`): these
/// let them be compared with and passed where a `JobID` is wanted. Test-only:
/// the product compares ids as `JobID`s, by bytes, nowhere else.
extension JobID {
    static func == (lhs: JobID, rhs: String) -> Bool { lhs == JobID(rhs) }
    static func == (lhs: String, rhs: JobID) -> Bool { JobID(lhs) == rhs }
    static func != (lhs: JobID, rhs: String) -> Bool { !(lhs == rhs) }
    func contains(_ part: String) -> Bool { text.contains(part) }
    func hasPrefix(_ part: String) -> Bool { text.hasPrefix(part) }
    var count: Int { text.count }
}

extension Simulation {
    func job(id: JobID) -> Job? { job(id: id.text) }
}

extension JobsAPI {
    func job(id: String) async throws(APIError) -> Job { try await job(id: JobID(id)) }
    func cancel(id: String) async throws(APIError) -> CancelAcceptance { try await cancel(id: JobID(id)) }
}
