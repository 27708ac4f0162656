import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TasksModel

/// The simulator over HTTP: the contract of docs/api.md on `/api/v1/`, and
/// test hooks on `/_sim/` (never part of the real API).
public final class SimulatorServer: Sendable {
    public let simulation: Simulation
    public let http: LoopbackHTTPServer
    private let shared: Shared

    /// `http://127.0.0.1:PORT`
    public var baseURL: URL { http.baseURL }
    public var port: Int { http.port }

    final class Shared: Sendable {
        let stats = Mutex(SimulatorStats())
        let faults = Mutex(Faults())
        let faultRandom: Mutex<SeededRandom>
        let server = Mutex<LoopbackHTTPServer?>(nil)
        /// Per active job: when its data was last served, the longest gap between two servings, how many.
        let freshness = Mutex<[String: Freshness]>([:])
        init(seed: UInt64) { faultRandom = Mutex(SeededRandom(seed: seed &+ 0x5EED)) }
    }

    private init(simulation: Simulation, http: LoopbackHTTPServer, shared: Shared) {
        self.simulation = simulation
        self.http = http
        self.shared = shared
    }

    /// Starts serving `simulation`. `requestLog` receives one line per request
    /// (method, path, status, bytes, milliseconds; never a header).
    public static func start(
        simulation: Simulation, host: String = "127.0.0.1", port: Int = 0,
        requestLog: (@Sendable (String) -> Void)? = nil
    ) async throws -> SimulatorServer {
        let shared = Shared(seed: simulation.options.seed)
        let expected = simulation.options.token.map { "Bearer \($0)" }
        let http = try await LoopbackHTTPServer.start(host: host, port: port) { request, _ in
            let started = ContinuousClock.now
            shared.stats.withLock { $0.inFlight += 1 }
            let route = Self.routeName(request)
            let response: Response
            let bytes: Int
            if let expected, request.headers[.authorization] != expected {
                (response, bytes) = json(.unauthorized, ["error": "missing or invalid bearer token"])
            } else {
                do {
                    (response, bytes) = try await handle(request, route: route, simulation: simulation, shared: shared)
                } catch {
                    (response, bytes) = json(.internalServerError, ["error": "simulator error"])
                }
            }
            shared.stats.withLock { stats in
                stats.inFlight -= 1
                stats.requests += 1
                stats.responseBytes += bytes
                stats.requestsByRoute[route.name, default: 0] += 1
                stats.bytesByRoute[route.name, default: 0] += bytes
                stats.responsesByStatus[String(response.status.code), default: 0] += 1
                if let id = route.jobID { stats.requestsByJob[id, default: 0] += 1 }
                if route.name.hasPrefix("POST"), let id = route.jobID { stats.cancelsByJob[id, default: 0] += 1 }
                if route.name == "GET /api/v1/jobs" {
                    stats.listsByStatus[request.uri.queryParameters.get("status") ?? "all", default: 0] += 1
                }
                if response.status == .unauthorized { stats.unauthorized += 1 }
            }
            if let requestLog {
                let elapsed = ContinuousClock.now - started
                let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                requestLog(
                    "\(request.method.rawValue) \(request.uri.path)\(request.uri.query.map { "?\($0)" } ?? "") "
                        + "\(response.status.code) \(bytes)B \(String(format: "%.1f", ms))ms")
            }
            return response
        }
        shared.server.withLock { $0 = http }
        return SimulatorServer(simulation: simulation, http: http, shared: shared)
    }

    /// What has been served since start.
    public var stats: SimulatorStats { shared.stats.withLock { $0 } }

    /// The faults in force.
    public var faults: Faults {
        get { shared.faults.withLock { $0 } }
        set { shared.faults.withLock { $0 = newValue } }
    }

    public func stop() async { await http.stop() }

    // MARK: Routing

    struct Freshness {
        var last: Date
        var maxGap: Double = 0
        var reads = 1
    }

    /// Records that these jobs' data went out now (only active jobs: finished ones need no reads).
    static func served(_ jobs: [Job], shared: Shared) {
        let now = Date()
        shared.freshness.withLock { table in
            for job in jobs where job.status.isActive {
                if var entry = table[job.id] {
                    entry.maxGap = max(entry.maxGap, now.timeIntervalSince(entry.last))
                    entry.last = now
                    entry.reads += 1
                    table[job.id] = entry
                } else {
                    table[job.id] = Freshness(last: now)
                }
            }
        }
    }

    struct Route {
        var name: String
        var jobID: String?
    }

    static func routeName(_ request: Request) -> Route {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let method = request.method.rawValue
        if parts.count >= 3, parts[0] == "api", parts[1] == "v1", parts[2] == "jobs" {
            switch (method, parts.count) {
            case ("GET", 3): return Route(name: "GET /api/v1/jobs")
            case ("GET", 4): return Route(name: "GET /api/v1/jobs/{id}", jobID: parts[3].removingPercentEncoding)
            case ("POST", 5) where parts[4] == "cancel":
                return Route(name: "POST /api/v1/jobs/{id}/cancel", jobID: parts[3].removingPercentEncoding)
            default: return Route(name: "other /api")
            }
        }
        if parts.first == "_sim" { return Route(name: "\(method) /\(parts.joined(separator: "/"))") }
        return Route(name: "other")
    }

    private static func handle(_ request: Request, route: Route, simulation: Simulation, shared: Shared)
        async throws -> (Response, Int)
    {
        if route.name.hasPrefix("GET /api") || route.name.hasPrefix("POST /api") {
            if let faulty = try await applyFaults(route: route, shared: shared) { return faulty }
        }
        switch route.name {
        case "GET /api/v1/jobs":
            let parameters = request.uri.queryParameters
            let statusText = parameters.get("status") ?? "all"
            guard let status = StatusFilter(rawValue: statusText) else {
                return json(.badRequest, ["error": .string("unknown status filter: \(statusText)")])
            }
            let limitText = parameters.get("limit") ?? "50"
            guard let limit = Int(limitText), limit >= 1 else {
                return json(.badRequest, ["error": "limit must be a positive integer"])
            }
            let listed = simulation.list(status: status, limit: min(limit, 100_000))
            served(listed, shared: shared)
            var jobs = listed.map(\.json)
            if shared.faults.withLock({ $0.malformedListElement }) {
                jobs.insert(["status": "processing", "type": "malformed_by_fault"], at: min(1, jobs.count))
            }
            return json(.ok, ["jobs": .array(jobs)])
        case "GET /api/v1/jobs/{id}":
            guard let id = route.jobID, let job = simulation.job(id: id) else {
                return json(.notFound, ["error": "job not found"])
            }
            served([job], shared: shared)
            return json(.ok, job.json)
        case "POST /api/v1/jobs/{id}/cancel":
            switch simulation.cancel(id: route.jobID ?? "") {
            case .accepted(let job): return json(.ok, job.json)
            case .alreadyFinished(let job):
                return json(.conflict, ["error": .string("job already \(job.status.wireName)"), "job": job.json])
            case .notFound: return json(.notFound, ["error": "job not found"])
            }
        case "GET /_sim/stats":
            var stats = shared.stats.withLock { $0.json }
            if request.uri.queryParameters.get("freshness") != nil, case .object(var fields) = stats {
                let table = shared.freshness.withLock { $0 }
                fields["freshness"] = .object(
                    table.mapValues {
                        ["max_gap": .number(($0.maxGap * 1000).rounded() / 1000), "reads": .number(Double($0.reads))]
                    })
                stats = .object(fields)
            }
            return json(.ok, stats)
        case "POST /_sim/stats/reset":
            shared.stats.withLock { $0 = SimulatorStats() }
            shared.freshness.withLock { $0.removeAll() }
            return json(.ok, ["reset": true])
        case "GET /_sim/faults":
            return json(.ok, shared.faults.withLock { $0.json })
        case "POST /_sim/faults", "DELETE /_sim/faults":
            let body = try await readJSON(request)
            let faults = Faults(json: body ?? [:])
            shared.faults.withLock { $0 = faults }
            return json(.ok, faults.json)
        case "POST /_sim/jobs":
            guard let body = try await readJSON(request) else {
                return json(
                    .badRequest, ["error": "body must be a Job or an array of Jobs in the contract's JSON form"])
            }
            let elements: [JSONValue]
            if case .array(let array) = body { elements = array } else { elements = [body] }
            var ids: [JSONValue] = []
            for element in elements {
                do {
                    let job = try Job.decode(element)
                    let control = element["_sim"]
                    var advance: Double?
                    if case .number(let seconds)? = control?["advance_seconds"] { advance = seconds }
                    var cancel = Simulation.InjectedCancel.honour
                    switch control?["cancel"] {
                    case .string("ignore")?: cancel = .ignore
                    case .number(let delay)?: cancel = .afterDelay(delay)
                    default: break
                    }
                    simulation.inject(job, advanceSeconds: advance, cancel: cancel)
                    ids.append(.string(job.id))
                } catch {
                    return json(.badRequest, ["error": .string("job \(ids.count): \(error.reason)")])
                }
            }
            return json(.created, ["created": .array(ids)])
        case "DELETE /_sim/jobs":
            simulation.removeAll()
            return json(.ok, ["removed": true])
        default:
            return json(.notFound, ["error": "no such route"])
        }
    }

    private static func applyFaults(route: Route, shared: Shared) async throws -> (Response, Int)? {
        let faults = shared.faults.withLock { $0 }
        if faults == Faults() { return nil }
        func roll(_ rate: Double) -> Bool {
            guard rate > 0 else { return false }
            return shared.faultRandom.withLock { Double.random(in: 0..<1, using: &$0) } < rate
        }
        if faults.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(faults.latencyMilliseconds))
        }
        if roll(faults.hangRate) {
            await shared.server.withLock { $0 }?.hang(upTo: 3600)
            return json(.serviceUnavailable, ["error": "hung request released"])
        }
        if let retryAfter = faults.rateLimitRetryAfter {
            var (response, bytes) = json(.tooManyRequests, ["error": "rate limited"])
            response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
            return (response, bytes)
        }
        if roll(faults.errorRate) {
            let status = HTTPResponse.Status(code: faults.errorStatus)
            return json(status, ["error": "injected fault"])
        }
        if roll(faults.dropRate) {
            let partial = ByteBuffer(string: #"{"jobs":[{"job_id":"#)
            let response = Response(
                status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
                body: ResponseBody(contentLength: 4096) { writer in
                    try await writer.write(partial)
                    throw DroppedConnection()
                })
            return (response, partial.readableBytes)
        }
        if roll(faults.malformedRate) {
            let body = ByteBuffer(string: #"{"jobs": [{"job_id": "x", "status": "proc"#)
            return (
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body)),
                body.readableBytes
            )
        }
        return nil
    }

    struct DroppedConnection: Error {}

    /// Test hook: `<<RAW:hex>>` in a served string becomes those raw bytes, so a
    /// job injected through /_sim/jobs can carry invalid UTF-8 (JSON cannot).
    static func rawMarkers(_ bytes: inout [UInt8]) {
        let marker = Array("<<RAW:".utf8)
        guard bytes.count >= marker.count, Data(bytes).range(of: Data(marker)) != nil else { return }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == 0x3C, index + marker.count <= bytes.count,
                Array(bytes[index..<index + marker.count]) == marker,
                let end = bytes[(index + marker.count)...].firstIndex(of: 0x3E), end + 1 < bytes.count,
                bytes[end + 1] == 0x3E
            {
                let hex = String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)
                var raw: [UInt8] = []
                var digits = hex.makeIterator()
                while let high = digits.next(), let low = digits.next(),
                    let byte = UInt8(String([high, low]), radix: 16)
                {
                    raw.append(byte)
                }
                output += raw
                index = end + 2
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        if changed { bytes = output }
    }

    private static func readJSON(_ request: Request) async throws -> JSONValue? {
        let buffer = try await request.body.collect(upTo: 64 * 1_048_576)
        let data = Data(buffer.readableBytesView)
        if data.isEmpty { return nil }
        return try? JSONValue.parse(data)
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> (Response, Int) {
        var bytes = Array(value.encoded().utf8)
        rawMarkers(&bytes)
        let buffer = ByteBuffer(bytes: bytes)
        let response = Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
        return (response, buffer.readableBytes)
    }
}
