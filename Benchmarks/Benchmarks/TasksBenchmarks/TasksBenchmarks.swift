import Benchmark
import Foundation
import TasksModel

/// A list response of `count` jobs in the contract's JSON form, as bytes.
func listBody(_ count: Int) -> Data {
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    let types = [
        "store_scraping", "bulk_ad_generation", "video_generation", "research", "strategic_analysis", "avatar_video",
    ]
    let jobs: [JSONValue] = (0..<count).map { index in
        let status: JobStatus = index % 10 == 0 ? .processing : index % 7 == 0 ? .failed : .completed
        return Job(
            id: JobID("job_\(String(index, radix: 16))"), status: status, type: types[index % types.count],
            title: "Benchmark job \(index)", createdAt: start.addingTimeInterval(Double(index)),
            startedAt: start.addingTimeInterval(Double(index) + 1),
            updatedAt: start.addingTimeInterval(Double(index) + 30),
            completedAt: status.isFinal ? start.addingTimeInterval(Double(index) + 60) : nil,
            progress: JobProgress(
                percentage: Double(index % 100), currentStep: "Scraping page \(index % 40) of 40",
                estimatedSecondsRemaining: 120),
            result: status == .completed ? ["pages": 40, "url": "https://cdn.example.com/x"] : nil,
            error: status == .failed ? JobError(message: "Target site returned 403", details: ["status": 403]) : nil
        ).json
    }
    return Data(JSONValue.object(["jobs": .array(jobs)]).encoded().utf8)
}

/// A dashboard holding `list`, sized `width` x `height`.
func dashboard(_ list: JobList, width: Int, height: Int) -> DashboardState {
    let now = Date(timeIntervalSince1970: 1_767_225_600 + 20_000)
    var engine = PollingEngine(start: now)
    _ = engine.update(.tick(now))
    _ = engine.update(.completed(.list(status: .all, limit: 10_000), .list(.success(list)), at: now))
    var state = DashboardState(
        options: .init(serverLabel: "api.example.com", profile: .utf8, timeZone: .utc),
        engine: engine, now: now)
    _ = state.update(.resize(width: width, height: height))
    return state
}

/// An engine holding every job of `list` (its list limit raised to the list's size).
func engine(holding list: JobList, at now: Date) -> PollingEngine {
    var configuration = EngineConfiguration()
    configuration.listLimit = list.jobs.count
    var engine = PollingEngine(configuration: configuration, start: now)
    _ = engine.update(.tick(now))
    _ = engine.update(.completed(.list(status: .all, limit: list.jobs.count), .list(.success(list)), at: now))
    return engine
}

/// The answer a server holding `list` gives to `request`, unchanged jobs.
func answer(_ request: EngineRequest, from list: JobList, byID: [JobID: Job]) -> EngineResult {
    switch request {
    case .list(let status, let limit):
        let jobs = list.jobs.filter { status == .all || $0.status.wireName == status.rawValue }
        return .list(.success(JobList(jobs: Array(jobs.prefix(limit)))))
    case .job(let id): return .job(byID[id].map { .success($0) } ?? .failure(.notFound("job")))
    case .cancel: return .cancel(.failure(.notFound("job")))
    }
}

/// An engine the benchmarks mutate in place across samples (a copy would
/// duplicate its 100,000 jobs on the first change). Benchmarks run one at a time.
final class EngineBox: @unchecked Sendable {
    var engine: PollingEngine
    var now: Date

    init(_ engine: PollingEngine, at now: Date) {
        self.engine = engine
        self.now = now
    }

    /// Ticks and answers every request at once until a tick sends nothing.
    func settle(_ answer: (EngineRequest) -> EngineResult) {
        for _ in 0..<10_000 {
            now = now.addingTimeInterval(0.000_001)
            var requests = engine.update(.tick(now)).requests
            if requests.isEmpty { return }
            while let request = requests.popLast() {
                requests += engine.update(.completed(request, answer(request), at: now)).requests
            }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    _ = TerminalText.useUTF8Locale()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 200)

    let body = listBody(10_000)
    let list = try! JobList.decode(JSONValue.parse(body))

    Benchmark("Decode a 10,000-job list") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! JobList.decode(JSONValue.parse(body)))
        }
    }

    Benchmark("Fold 10,000 jobs into the dashboard state") { benchmark in
        for _ in benchmark.scaledIterations {
            var state = dashboard(list, width: 200, height: 60)
            state.refreshVisibleIfNeeded()
            blackHole(state.visible.count)
        }
    }

    let ready = dashboard(list, width: 200, height: 60)
    Benchmark("Render one 200x60 frame (10,000 jobs)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(DashboardRenderer.render(ready))
        }
    }

    Benchmark("Move the selection one row and render (10,000 jobs)", configuration: .init(maxIterations: 2000)) {
        benchmark in
        var state = ready
        for _ in benchmark.scaledIterations {
            _ = state.update(.key(.down, at: state.now))
            blackHole(DashboardRenderer.render(state))
        }
    }

    // 100,000 jobs held, 10,000 of them processing: the engine's work per tick
    // is in proportion to the jobs due (`DueIndex`), not to the jobs held.
    let huge = try! JobList.decode(JSONValue.parse(listBody(100_000)))
    let hugeByID = Dictionary(huge.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let start = Date(timeIntervalSince1970: 1_767_225_600 + 200_000)
    // Settled first: every request of the first ticks answered at once (the
    // active lists, the first polls), until a tick sends nothing. One sample is
    // one tick on that engine, a microsecond after the previous one.
    let settledEngine = EngineBox(engine(holding: huge, at: start), at: start)
    settledEngine.settle { answer($0, from: huge, byID: hugeByID) }
    Benchmark("Engine tick, 100,000 jobs held (10,000 active), none due", configuration: .init(maxIterations: 5000)) {
        benchmark in
        settledEngine.now = settledEngine.now.addingTimeInterval(0.000_001)
        let now = settledEngine.now
        benchmark.startMeasurement()
        blackHole(settledEngine.engine.update(.tick(now)).requests.count)
    }

    let hugeState = dashboard(huge, width: 200, height: 60)
    Benchmark("Move the selection one row and render (100,000 jobs)", configuration: .init(maxIterations: 2000)) {
        benchmark in
        var state = hugeState
        for _ in benchmark.scaledIterations {
            _ = state.update(.key(.down, at: state.now))
            blackHole(DashboardRenderer.render(state))
        }
    }

    let small = dashboard(try! JobList.decode(JSONValue.parse(listBody(50))), width: 200, height: 60)
    Benchmark("Move the selection one row and render (50 jobs)", configuration: .init(maxIterations: 2000)) {
        benchmark in
        var state = small
        for _ in benchmark.scaledIterations {
            _ = state.update(.key(.down, at: state.now))
            blackHole(DashboardRenderer.render(state))
        }
    }
}
