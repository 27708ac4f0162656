import Foundation

@testable import JobsSimulator
@testable import TasksModel

/// An engine run against the simulator over real HTTP, on a clock the test
/// moves: the simulation's and the engine's time advance one step only once
/// every request sent has been answered, so a run is the same however slow
/// the machine (TSan, a loaded CI) and no assertion depends on wall time.
struct EngineRun {
    var engine: PollingEngine
    var notices: [EngineNotice] = []
    /// Requests sent, with the seconds since the start.
    var sent: [(t: Double, request: EngineRequest)] = []
    /// Answers received, with the seconds since the start (at the virtual time they came).
    var answers: [(t: Double, request: EngineRequest, result: EngineResult)] = []

    /// The API with the server's `Date` left out: on a virtual clock the
    /// header's wall time would read as a skew that is not there.
    struct Undated: JobsAPI {
        let api: HTTPJobsAPI
        func list(status: StatusFilter, limit: Int) async throws(APIError) -> JobList {
            try await api.list(status: status, limit: limit)
        }
        func job(id: JobID) async throws(APIError) -> Job { try await api.job(id: id) }
        func cancel(id: JobID) async throws(APIError) -> CancelAcceptance { try await api.cancel(id: id) }
    }

    /// The API with the `Date` header the simulator would write on its own
    /// clock. Hummingbird stamps every answer with the wall clock's second,
    /// which a virtual run cannot use: an answer that came with a `Date`
    /// (read by `HTTPJobsAPI` as always) gets in its place `clock`'s time as a
    /// header carries it, whole seconds cut down. One without stays undated.
    struct SimDated: DatedJobsAPI {
        let api: HTTPJobsAPI
        let clock: ManualSimClock
        func list(status: StatusFilter, limit: Int) async throws(APIError) -> JobList {
            try await api.list(status: status, limit: limit)
        }
        func job(id: JobID) async throws(APIError) -> Job { try await api.job(id: id) }
        func cancel(id: JobID) async throws(APIError) -> CancelAcceptance { try await api.cancel(id: id) }
        func perform(_ request: EngineRequest) async -> (EngineResult, serverDate: Date?, bodyBytes: Int?) {
            let (result, wallDate, bodyBytes) = await api.perform(request)
            let header = wallDate.flatMap { _ in RetryAfter.parseHTTPDate(RetryAfter.formatHTTPDate(clock.now())) }
            return (result, header, bodyBytes)
        }
    }

    /// Runs against the simulator whose clock is `clock`, in steps of `step`
    /// seconds, until `seconds` have passed or `done` says so. `inject` gives
    /// events to feed at each step (a cancel once a job is shown, say).
    static func drive(
        _ api: HTTPJobsAPI, clock: ManualSimClock, configuration: EngineConfiguration, seconds: Double,
        step: Double = 0.05, inject: (PollingEngine, Date) -> [EngineEvent] = { _, _ in [] },
        done: (EngineRun, Double) -> Bool = { _, _ in false }
    ) async -> EngineRun {
        await drive(
            Undated(api: api), now: { clock.now() }, advance: { clock.advance(by: step) },
            configuration: configuration, seconds: seconds, inject: inject, done: done)
    }

    /// Runs the engine against `api` until `now` has moved `seconds`: a tick,
    /// every answer to what it sent, `inject`'s events and their answers, then
    /// `advance` and the next tick.
    static func drive(
        _ api: any JobsAPI, now: @escaping @Sendable () -> Date, advance: () async -> Void,
        configuration: EngineConfiguration, seconds: Double,
        inject: (PollingEngine, Date) -> [EngineEvent] = { _, _ in [] },
        done: (EngineRun, Double) -> Bool = { _, _ in false }
    ) async -> EngineRun {
        let start = now()
        var run = EngineRun(engine: PollingEngine(configuration: configuration, start: start))
        let (events, continuation) = AsyncStream<EngineEvent>.makeStream()
        let executor = RequestExecutor(api: api, now: now) { continuation.yield($0) }
        var pending = 0
        continuation.yield(.tick(now()))
        for await event in events {
            let t = now().timeIntervalSince(start)
            if case .completed(let request, let result, _, _) = event {
                pending -= 1
                run.answers.append((t, request, result))
            }
            let output = run.engine.update(event)
            run.notices += output.notices
            run.sent += output.requests.map { (t, $0) }
            pending += output.requests.count
            executor.submit(output.requests)
            guard pending == 0 else { continue }
            let extra = inject(run.engine, now())
            if !extra.isEmpty {
                for event in extra { continuation.yield(event) }
                continue
            }
            if t >= seconds || done(run, t) { break }
            await advance()
            continuation.yield(.tick(now()))
        }
        executor.cancelAll()
        return run
    }
}
