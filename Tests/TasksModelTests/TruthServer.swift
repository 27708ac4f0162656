import Foundation
import Hummingbird
import JobsSimulator
import TasksModel

/// A jobs server for differential tests: the ground truth is a function of a
/// virtual clock the test sets, and its answers follow a script of the ways
/// real servers differ from our simulator (`Behaviour`). It runs over real
/// HTTP on loopback, so the client under test is the real `HTTPJobsAPI`,
/// conditional cache included.
final class TruthServer: Sendable {
    /// How this server differs from the contract.
    struct Behaviour: OptionSet, Sendable {
        let rawValue: Int
        /// `Last-Modified` in whole seconds (the newest `updated_at` of the
        /// answer, cut down), and 304 when `If-Modified-Since` is not older:
        /// Django's `condition` decorator.
        static let lastModifiedSeconds = Behaviour(rawValue: 1 << 0)
        /// One strong `ETag` for every list, computed from the newest list
        /// (`status=all&limit=50`) whatever the query asked.
        static let queryBlindETag = Behaviour(rawValue: 1 << 1)
        /// A weak `ETag` of the status alone (W/: "equivalent" answers),
        /// honoured by weak comparison: progress changes keep it.
        static let weakETag = Behaviour(rawValue: 1 << 2)
        /// No cancel route: the cancel request gets 404 while `GET` of the job works.
        static let missingCancelRoute = Behaviour(rawValue: 1 << 3)
        /// A correct strong ETag of each body.
        static let strongETag = Behaviour(rawValue: 1 << 4)
        /// `limit` above 100 refused with FastAPI's 422 (`Query(le=100)`).
        static let refusesLimitOver100 = Behaviour(rawValue: 1 << 5)
        /// `status=` ignored: every list holds jobs of every status.
        static let ignoresStatus = Behaviour(rawValue: 1 << 6)
    }

    /// The job at a time; nil before it exists.
    typealias Script = @Sendable (Date) -> Job?

    struct State {
        var now: Date
        var order: [String] = []
        var scripts: [String: Script] = [:]
        /// Cancel requests by id: when each was received.
        var cancels: [String: Date] = [:]
        var seen: [(method: String, path: String, query: String, conditional: Bool)] = []
    }

    let behaviour: Behaviour
    let state: Locked<State>
    /// What a cancel does to the truth: given the id, its current job and the time, a status and the new script.
    let onCancel: @Sendable (String, Job, Date) -> (status: Int, script: Script?)
    /// Told of every request (its method and path) at the virtual time it is answered, before the answer is made.
    let onRequest: @Sendable (String, String, Date) -> Void
    private let box = Locked<LoopbackHTTPServer?>(nil)

    init(
        behaviour: Behaviour, now: Date,
        onCancel: @escaping @Sendable (String, Job, Date) -> (status: Int, script: Script?) = { _, _, _ in (409, nil) },
        onRequest: @escaping @Sendable (String, String, Date) -> Void = { _, _, _ in }
    ) {
        self.behaviour = behaviour
        self.state = Locked(State(now: now))
        self.onCancel = onCancel
        self.onRequest = onRequest
    }

    var server: LoopbackHTTPServer { box.withLock { $0! } }

    func start() async throws {
        let server = try await LoopbackHTTPServer.start { [self] request, _ in self.answer(request) }
        box.withLock { $0 = server }
    }

    func stop() async { await server.stop() }

    func add(_ id: String, _ script: @escaping Script) {
        state.withLock {
            if $0.scripts[id] == nil { $0.order.append(id) }
            $0.scripts[id] = script
        }
    }

    func set(now: Date) { state.withLock { $0.now = now } }

    /// The truth about job `id` now.
    func truth(_ id: String) -> Job? { state.withLock { state in state.scripts[id]?(state.now) } }

    /// The truth about job `id` at `time`.
    func truth(_ id: String, at time: Date) -> Job? { state.withLock { state in state.scripts[id]?(time) } }

    var ids: [String] { state.withLock { $0.order } }

    /// Requests seen, with whether they carried a validator.
    var seen: [(method: String, path: String, query: String, conditional: Bool)] { state.withLock { $0.seen } }

    // MARK: Answers

    private func answer(_ request: Request) -> Response {
        let path = request.uri.path
        let query = request.uri.query ?? ""
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let ifModifiedSince = request.headers[.ifModifiedSince]
        let method = request.method
        return state.withLock { state -> Response in
            state.seen.append((method.rawValue, path, query, ifNoneMatch != nil || ifModifiedSince != nil))
            let now = state.now
            onRequest(method.rawValue, path, now)
            let prefix = "/api/v1/jobs"
            if path == prefix, method == .get {
                let parameters = Self.parameters(query)
                let status = parameters["status"] ?? "all"
                let limit = Int(parameters["limit"] ?? "50") ?? 50
                if behaviour.contains(.refusesLimitOver100), limit > 100 {
                    return Self.json(
                        .unprocessableContent,
                        [
                            "detail": [
                                [
                                    "type": "less_than_equal", "loc": ["query", "limit"],
                                    "msg": "Input should be less than or equal to 100", "input": .string(String(limit)),
                                ]
                            ]
                        ], now)
                }
                let jobs = Self.list(state, status: behaviour.contains(.ignoresStatus) ? "all" : status, limit: limit)
                let body: JSONValue = ["jobs": .array(jobs.map(\.json))]
                var etag: String?
                if behaviour.contains(.queryBlindETag) {
                    let newest = Self.list(state, status: "all", limit: 50)
                    etag = Self.strongTag(["jobs": .array(newest.map(\.json))])
                } else if behaviour.contains(.weakETag) {
                    etag = "W/\"" + jobs.map(\.status.wireName).joined(separator: ",").hashString + "\""
                } else if behaviour.contains(.strongETag) {
                    etag = Self.strongTag(body)
                }
                return reply(body, jobs: jobs, etag: etag, ifNoneMatch, ifModifiedSince, now: now)
            }
            guard path.hasPrefix(prefix + "/") else { return Self.json(.notFound, ["detail": "Not Found"], now) }
            let rest = path.dropFirst(prefix.count + 1).split(separator: "/").map(String.init)
            if rest.count == 1, method == .get {
                guard let job = state.scripts[rest[0]]?(now) else {
                    return Self.json(.notFound, ["detail": "job not found"], now)
                }
                var etag: String?
                if behaviour.contains(.weakETag) {
                    etag = "W/\"" + job.status.wireName + "\""
                } else if behaviour.contains(.strongETag) || behaviour.contains(.queryBlindETag) {
                    etag = Self.strongTag(job.json)
                }
                return reply(job.json, jobs: [job], etag: etag, ifNoneMatch, ifModifiedSince, now: now)
            }
            if rest.count == 2, rest[1] == "cancel", method == .post {
                if behaviour.contains(.missingCancelRoute) { return Self.json(.notFound, ["detail": "Not Found"], now) }
                guard let job = state.scripts[rest[0]]?(now) else {
                    return Self.json(.notFound, ["detail": "job not found"], now)
                }
                state.cancels[rest[0]] = now
                let (status, script) = onCancel(rest[0], job, now)
                if let script { state.scripts[rest[0]] = script }
                if status == 409 { return Self.json(.conflict, ["detail": "job already finished"], now) }
                return Self.json(HTTPResponse.Status(code: status), .null, now, empty: true)
            }
            return Self.json(.notFound, ["detail": "Not Found"], now)
        }
    }

    private func reply(
        _ body: JSONValue, jobs: [Job], etag: String?, _ ifNoneMatch: String?, _ ifModifiedSince: String?, now: Date
    ) -> Response {
        var headers = HTTPFields()
        if let etag { headers[.eTag] = etag }
        var lastModified: Date?
        // An empty answer has no newest job: no Last-Modified, as Django's `condition` gives none.
        if behaviour.contains(.lastModifiedSeconds),
            let newest = jobs.compactMap({ $0.updatedAt ?? $0.createdAt }).max()
        {
            lastModified = Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
            headers[.lastModified] = RetryAfter.formatHTTPDate(lastModified!)
        }
        var notModified = false
        if let etag, let ifNoneMatch {
            let opaque = { (tag: Substring) in
                let trimmed = tag.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
            }
            notModified = ifNoneMatch.split(separator: ",").contains { opaque($0) == opaque(Substring(etag)) }
        } else if let lastModified, let since = ifModifiedSince.flatMap(RetryAfter.parseHTTPDate) {
            notModified = lastModified <= since
        }
        if notModified {
            return Response(status: .notModified, headers: headers, body: .init())
        }
        return Self.json(.ok, body, now, headers: headers)
    }

    /// The newest `limit` jobs of `status` (all when "all"), newest first.
    private static func list(_ state: State, status: String, limit: Int) -> [Job] {
        let all = state.order.reversed().compactMap { state.scripts[$0]?(state.now) }
        let matching = status == "all" ? all : all.filter { $0.status.wireName == status }
        return Array(matching.prefix(limit))
    }

    private static func strongTag(_ value: JSONValue) -> String { "\"" + value.encoded().hashString + "\"" }

    static func parameters(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0]] = parts[1] }
        }
        return result
    }

    private static func json(
        _ status: HTTPResponse.Status, _ value: JSONValue, _ now: Date, headers: HTTPFields = [:], empty: Bool = false
    ) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        let body = empty ? ByteBuffer() : ByteBuffer(string: value.encoded())
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

extension String {
    /// FNV-1a, in hex: a tag for a body.
    fileprivate var hashString: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Drives a `PollingEngine` against a `TruthServer` through the real
/// `HTTPJobsAPI`, on a virtual clock: each request is answered at the
/// instant it is sent (virtual time does not move while it is on the wire),
/// and the server's `Date` as the engine sees it is the virtual clock plus
/// `serverSkew`. Nothing here reads or asserts on wall time.
struct TruthRun {
    var engine: PollingEngine
    let server: TruthServer
    let api: HTTPJobsAPI
    let client: HTTPClientBox
    let start: Date
    var now: Date
    var serverSkew: Double = 0
    var notices: [EngineNotice] = []
    var requests: [(at: Double, request: EngineRequest)] = []

    /// A server whose virtual clock starts at the current second (so that
    /// `Last-Modified` and the real `Date` header Hummingbird adds are
    /// comparable), and an engine and API for it.
    static func make(
        _ behaviour: TruthServer.Behaviour, configuration: EngineConfiguration = EngineConfiguration(),
        apiConfiguration: (inout HTTPJobsAPI.Configuration) -> Void = { _ in },
        onCancel: @escaping @Sendable (String, Job, Date) -> (status: Int, script: TruthServer.Script?) = { _, _, _ in
            (409, nil)
        },
        onRequest: @escaping @Sendable (String, String, Date) -> Void = { _, _, _ in },
        start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    ) async throws -> TruthRun {
        let server = TruthServer(behaviour: behaviour, now: start, onCancel: onCancel, onRequest: onRequest)
        try await server.start()
        let client = HTTPClientBox()
        var api = HTTPJobsAPI.Configuration(baseURL: server.server.baseURL, timeout: 5)
        apiConfiguration(&api)
        return TruthRun(
            engine: PollingEngine(configuration: configuration, start: start), server: server,
            api: HTTPJobsAPI(configuration: api, client: client.client), client: client, start: start, now: start)
    }

    func stop() async {
        await client.shutdown()
        await server.stop()
    }

    /// Seconds since start.
    var t: Double { now.timeIntervalSince(start) }

    mutating func feed(_ event: EngineEvent) async {
        var queue = [event]
        while !queue.isEmpty {
            let output = engine.update(queue.removeFirst())
            notices += output.notices
            for request in output.requests {
                requests.append((t, request))
                server.set(now: now)
                let (result, _, bytes) = await api.perform(request)
                let timing = ResponseTiming(
                    sentAt: now, serverDate: now.addingTimeInterval(serverSkew), bodyBytes: bytes)
                queue.append(.completed(request, result, at: now, timing: timing))
            }
        }
    }

    /// Runs for `seconds` of virtual time, a tick every `step`; `each` sees every tick.
    mutating func run(for seconds: Double, step: Double = 0.5, each: (TruthRun) -> Void = { _ in }) async {
        let end = now.addingTimeInterval(seconds)
        while now < end {
            server.set(now: now)
            await feed(.tick(now))
            each(self)
            now = now.addingTimeInterval(step)
        }
    }

    /// Jobs whose status and percentage on screen match the server's truth
    /// at no time within the last `bound` seconds (sampled every 0.5 s): a
    /// view may lag the truth by up to `bound`, never more. `only`: these jobs.
    func differences(within bound: Double, only: Set<String>? = nil) -> [String] {
        server.ids.compactMap { id in
            if let only, !only.contains(id) { return nil }
            guard let truth = server.truth(id) else { return nil }
            guard let shown = engine[id]?.job else {
                // A finished job no list carries leaves the table once the engine saw it finish.
                if truth.status.isFinal, engine.finishes[JobID(id)]?.status == truth.status { return nil }
                return "\(id) at \(t)s: not shown, server says \(truth.status)"
            }
            var back = 0.0
            while back <= bound {
                if let then = server.truth(id, at: now.addingTimeInterval(-back)), then.status == shown.status,
                    then.progress.percentage == shown.progress.percentage
                {
                    return nil
                }
                back += 0.5
            }
            return
                "\(id) at \(t)s: shows \(shown.status) \(Int(shown.progress.percentage))%, server says \(truth.status) \(Int(truth.progress.percentage))%"
        }
    }
}

/// A time a test sets from a server hook and a job script reads.
final class Moment: Sendable {
    private let value = Locked<Date?>(nil)
    var date: Date? { value.withLock { $0 } }
    /// Sets it once; later calls leave it.
    func setOnce(_ date: Date) { value.withLock { if $0 == nil { $0 = date } } }
}
