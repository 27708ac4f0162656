import Foundation

@testable import TasksModel

/// A scripted jobs server for engine tests: each job's state is a function of
/// the time it is asked; faults are scripted per request.
final class FakeJobsServer {
    var scripts: [JobID: (Date) -> Job?] = [:]
    /// Ids in creation order.
    var order: [JobID] = []
    /// Return an error to fail a request.
    var fault: (EngineRequest, Date) -> APIError? = { _, _ in nil }
    /// What a cancel does: returns the new script, or an error.
    var onCancel: (JobID, Date) -> Result<CancelAcceptance, APIError> = { _, _ in .failure(.notFound("")) }
    private(set) var log: [(at: Date, request: EngineRequest)] = []
    /// Answers `status=` lists as if the filter were not there.
    var ignoresStatusFilter = false

    func add(_ id: JobID, _ script: @escaping (Date) -> Job?) {
        if scripts[id] == nil { order.append(id) }
        scripts[id] = script
    }

    /// A job that never changes.
    func add(_ job: Job) { add(job.id) { _ in job } }

    func answer(_ request: EngineRequest, at now: Date) -> EngineResult {
        log.append((now, request))
        let error = fault(request, now)
        switch request {
        case .list(let status, let limit):
            if let error { return .list(.failure(error)) }
            let jobs = order.reversed().compactMap { scripts[$0]?(now) }
                .filter { status == .all || ignoresStatusFilter || $0.status.wireName == status.rawValue }
            return .list(.success(JobList(jobs: Array(jobs.prefix(limit)))))
        case .job(let id):
            if let error { return .job(.failure(error)) }
            guard let script = scripts[id], let job = script(now) else { return .job(.failure(.notFound("job \(id)"))) }
            return .job(.success(job))
        case .cancel(let id):
            if let error { return .cancel(.failure(error)) }
            return .cancel(onCancel(id, now))
        }
    }

    /// Requests of one kind, with their times.
    func requests(_ matching: (EngineRequest) -> Bool) -> [Date] {
        log.filter { matching($0.request) }.map(\.at)
    }
}

/// Drives a `PollingEngine` against a `FakeJobsServer` on a fake clock.
struct EngineHarness {
    var engine: PollingEngine
    let server: FakeJobsServer
    var now: Date
    let start: Date
    /// Seconds each request takes.
    var latency: Double = 0.05
    /// When set, each answer carries a `Date` header this many seconds ahead of `now`.
    var serverClockAhead: Double?
    var pending: [(due: Date, request: EngineRequest, result: EngineResult)] = []
    var notices: [EngineNotice] = []
    /// Per job, the times fresh data for it arrived.
    var freshReads: [JobID: [Date]] = [:]

    init(configuration: EngineConfiguration = EngineConfiguration(), server: FakeJobsServer) {
        start = Date(timeIntervalSince1970: 1_767_225_600)
        now = start
        engine = PollingEngine(configuration: configuration, start: start)
        self.server = server
    }

    /// Seconds since start.
    var t: Double { now.timeIntervalSince(start) }

    mutating func send(_ event: EngineEvent) {
        let output = engine.update(event)
        notices += output.notices
        for request in output.requests {
            let result = server.answer(request, at: now)
            pending.append((now.addingTimeInterval(latency), request, result))
        }
    }

    /// Runs until `seconds` after start, ticking every `step`.
    mutating func run(until seconds: Double, step: Double = 0.1) {
        let end = start.addingTimeInterval(seconds)
        while now < end {
            let ready = pending.filter { $0.due <= now }
            pending.removeAll { $0.due <= now }
            for item in ready {
                recordFresh(item.request, item.result)
                let timing = serverClockAhead.map {
                    ResponseTiming(
                        sentAt: item.due.addingTimeInterval(-latency), serverDate: now.addingTimeInterval($0))
                }
                send(.completed(item.request, item.result, at: now, timing: timing))
            }
            send(.tick(now))
            now = now.addingTimeInterval(step)
        }
    }

    private mutating func recordFresh(_ request: EngineRequest, _ result: EngineResult) {
        switch result {
        case .list(.success(let list)): for job in list.jobs { freshReads[job.id, default: []].append(now) }
        case .job(.success(let job)): freshReads[job.id, default: []].append(now)
        default: break
        }
    }

    /// The longest gap between fresh reads of a job while it was active (within [from, to]).
    /// The window's edges count: no read in it gives the whole window (infinite
    /// when `to` is), one read the longer of its distances to the edges, so a
    /// job that is never read cannot pass a check on its gaps.
    func longestGap(_ id: JobID, from: Double = 0, to: Double = .infinity) -> Double {
        let times = (freshReads[id] ?? []).map { $0.timeIntervalSince(start) }.filter { $0 >= from && $0 <= to }
        let edges = [from] + times + (to.isFinite ? [to] : [])
        let inner = zip(edges, edges.dropFirst()).map { $1 - $0 }.max() ?? .infinity
        return to.isFinite || !times.isEmpty ? inner : .infinity
    }
}

extension EngineRequest {
    var isRefresh: Bool { if case .list(.all, _) = self { true } else { false } }
    var isCoalesced: Bool {
        if case .list(let status, _) = self { status != .all } else { false }
    }
    var jobID: JobID? {
        switch self {
        case .job(let id), .cancel(let id): id
        default: nil
        }
    }
    var isCancel: Bool { if case .cancel = self { true } else { false } }
}

func activeJob(
    _ id: String, type: String, created: Date, percentage: Double = 10, step: String = "working", updated: Date? = nil
)
    -> Job
{
    Job(
        id: JobID(id), status: .processing, type: type, createdAt: created, updatedAt: updated,
        progress: JobProgress(percentage: percentage, currentStep: step))
}
