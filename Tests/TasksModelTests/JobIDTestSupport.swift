import Foundation
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

extension JobsAPI {
    func job(id: String) async throws(APIError) -> Job { try await job(id: JobID(id)) }
    func cancel(id: String) async throws(APIError) -> CancelAcceptance { try await cancel(id: JobID(id)) }
}

extension PollingEngine {
    subscript(_ id: String) -> TrackedJob? { self[JobID(id)] }
}

extension EngineRequest {
    static func job(id: String) -> EngineRequest { .job(id: JobID(id)) }
    static func cancel(id: String) -> EngineRequest { .cancel(id: JobID(id)) }
}

extension EngineEvent {
    static func cancel(id: String, at time: Date) -> EngineEvent { .cancel(id: JobID(id), at: time) }
    static func open(id: String, at time: Date) -> EngineEvent { .open(id: JobID(id), at: time) }
}

extension JobID {
    func dropFirst(_ count: Int) -> Substring { text.dropFirst(count) }
    func suffix(_ count: Int) -> Substring { text.suffix(count) }
    func prefix(_ count: Int) -> Substring { text.prefix(count) }
}

extension StringProtocol {
    func contains(_ id: JobID) -> Bool { contains(id.text) }
}

extension DoubleClick {
    mutating func press(on id: String, at time: Date) -> Bool { press(on: JobID(id), at: time) }
}

extension PollingEngine {
    mutating func setPinned(_ id: String, _ pinned: Bool) { setPinned(JobID(id), pinned) }
    func stalledFor(_ id: String, at now: Date) -> Double? { stalledFor(JobID(id), at: now) }
    func isStale(_ id: String, at now: Date) -> Bool { isStale(JobID(id), at: now) }
}

extension JobTable {
    subscript(_ id: String) -> TrackedJob? { self[JobID(id)] }
}

extension FakeJobsServer {
    func add(_ id: String, _ script: @escaping (Date) -> Job?) { add(JobID(id), script) }
}

extension Job {
    init(
        id: String, status: JobStatus, type: String, title: String? = nil, createdAt: Date? = nil,
        startedAt: Date? = nil, updatedAt: Date? = nil, completedAt: Date? = nil,
        progress: JobProgress = JobProgress(), result: JSONValue? = nil, error: JobError? = nil,
        decodeNotes: [String] = []
    ) {
        self.init(
            id: JobID(id), status: status, type: type, title: title, createdAt: createdAt, startedAt: startedAt,
            updatedAt: updatedAt, completedAt: completedAt, progress: progress, result: result, error: error,
            decodeNotes: decodeNotes)
    }
}
