import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// A simulator on 127.0.0.1 and an API client pointed at it, always torn down.
func withSimulator(
    options: SimulationOptions = SimulationOptions(seed: 1, initialJobs: 0), clock: any SimClock = SystemSimClock(),
    clientToken: String? = nil, timeout: Double = 5,
    _ body: (SimulatorServer, HTTPJobsAPI, HTTPClient) async throws -> Void
) async throws {
    let server = try await SimulatorServer.start(simulation: Simulation(options: options, clock: clock))
    let client = HTTPJobsAPI.makeClient(connectTimeout: 2)
    let api = HTTPJobsAPI(
        configuration: .init(baseURL: server.baseURL, token: clientToken.flatMap(BearerToken.init), timeout: timeout),
        client: client)
    do {
        try await body(server, api, client)
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
    try? await client.shutdown()
    await server.stop()
}

/// Sends a JSON body to a /_sim/ hook.
@discardableResult
func post(_ client: HTTPClient, _ server: SimulatorServer, _ path: String, _ body: String, token: String? = nil)
    async throws -> (Int, JSONValue?)
{
    var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
    request.method = .POST
    request.body = .bytes(ByteBuffer(string: body))
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    let response = try await client.execute(request, timeout: .seconds(5))
    let bytes = try await response.body.collect(upTo: 1 << 24)
    return (Int(response.status.code), try? JSONValue.parse(Data(bytes.readableBytesView)))
}

@Suite("Simulator over real HTTP, read with the API client")
struct SimulatorServerTests {
    @Test("list, get and cancel round trips; 409 and 404 map to conflict and not found")
    func roundTrips() async throws {
        try await withSimulator(options: SimulationOptions(seed: 9, initialJobs: 30)) { server, api, _ async throws in
            let list = try await api.list(status: .all, limit: 10)
            #expect(list.jobs.count == 10)
            #expect(list.skipped.isEmpty)
            let active = try #require(try await api.list(status: .processing, limit: 50).jobs.first)
            let fetched = try await api.job(id: active.id)
            #expect(fetched.id == active.id && fetched.type == active.type)
            let finished = try #require(try await api.list(status: .completed, limit: 50).jobs.first)
            await #expect(throws: APIError.conflict("job already completed")) { try await api.cancel(id: finished.id) }
            await #expect(throws: APIError.notFound("job nope")) { try await api.cancel(id: "nope") }
            await #expect(throws: APIError.notFound("job nope")) { try await api.job(id: "nope") }
            let accepted = try await api.cancel(id: active.id)
            #expect(accepted.status == 200)
            #expect(accepted.job?.id == active.id)
        }
    }

    @Test("curl-like use: the stats count routes, job ids and bytes")
    func stats() async throws {
        try await withSimulator(options: SimulationOptions(seed: 9, initialJobs: 12)) { server, api, _ async throws in
            let list = try await api.list(status: .all, limit: 50)
            _ = try await api.job(id: list.jobs[0].id)
            _ = try await api.job(id: list.jobs[0].id)
            _ = try? await api.cancel(id: list.jobs[1].id)
            let stats = server.stats
            #expect(stats.requests == 4)
            #expect(stats.requestsByRoute["GET /api/v1/jobs"] == 1)
            #expect(stats.requestsByRoute["GET /api/v1/jobs/{id}"] == 2)
            #expect(stats.requestsByRoute["POST /api/v1/jobs/{id}/cancel"] == 1)
            #expect(stats.requestsByJob[list.jobs[0].id.text] == 2)
            #expect(stats.cancelsByJob[list.jobs[1].id.text] == 1)
            #expect(stats.listsByStatus["all"] == 1)
            #expect(stats.responseBytes > 1000)
            #expect(stats.inFlight == 0)
        }
    }

    @Test("with a token, any request without the right bearer token gets 401")
    func auth() async throws {
        // No arrivals: under a slow (sanitised, loaded) run new jobs would change the count.
        let options = SimulationOptions(seed: 1, initialJobs: 3, arrivals: false, token: "sim-secret")
        try await withSimulator(options: options, clientToken: nil) { server, api, client async throws in
            await #expect(throws: APIError.unauthorized(status: 401)) { try await api.list(status: .all, limit: 5) }
            let wrong = HTTPJobsAPI(
                configuration: .init(baseURL: server.baseURL, token: BearerToken("nope")), client: client)
            await #expect(throws: APIError.unauthorized(status: 401)) { try await wrong.list(status: .all, limit: 5) }
            let (hookStatus, _) = try await post(client, server, "/_sim/faults", "{}")
            #expect(hookStatus == 401)
            let right = HTTPJobsAPI(
                configuration: .init(baseURL: server.baseURL, token: BearerToken("sim-secret")), client: client)
            #expect(try await right.list(status: .all, limit: 5).jobs.count == 3)
            #expect(server.stats.unauthorized == 3)
        }
    }

    @Test("/_sim/jobs serves hostile text verbatim, and the list response carries it")
    func injectVerbatim() async throws {
        try await withSimulator { server, api, client async throws in
            let hostile =
                "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}]0;pwned\u{07}\u{1B}[31mred\r\n\t\u{08}\u{7F}\u{9B}2J\u{202E}\u{2066}\u{200B}日本👩‍🔧"
            let job = Job(
                id: "evil", status: .processing, type: hostile, title: hostile,
                progress: JobProgress(percentage: 33, currentStep: hostile), error: JobError(message: hostile))
            let (status, reply) = try await post(client, server, "/_sim/jobs", job.json.encoded())
            #expect(status == 201)
            #expect(reply?["created"] == ["evil"])
            let served = try await api.job(id: "evil")
            #expect(served.type == hostile && served.title == hostile && served.progress.currentStep == hostile)
            #expect(served.error?.message == hostile)
            let (bad, _) = try await post(client, server, "/_sim/jobs", #"{"status":"queued"}"#)
            #expect(bad == 400)
            let many = (0..<3).map { Job(id: JobID("bulk\($0)"), status: .queued, type: "scraping").json }
            let (created, _) = try await post(client, server, "/_sim/jobs", JSONValue.array(many).encoded())
            #expect(created == 201)
            #expect(try await api.list(status: .queued, limit: 50).jobs.count == 3)
        }
    }

    @Test("faults: 5xx, 429 with Retry-After, malformed bodies and list elements")
    func faults() async throws {
        try await withSimulator(options: SimulationOptions(seed: 1, initialJobs: 5)) {
            server, api, client async throws in
            try await post(client, server, "/_sim/faults", #"{"error_rate": 1, "error_status": 503}"#)
            await #expect(throws: APIError.server(status: 503, message: "injected fault", retryAfter: nil)) {
                try await api.list(status: .all, limit: 5)
            }
            try await post(client, server, "/_sim/faults", #"{"rate_limit_retry_after": 7}"#)
            await #expect(throws: APIError.server(status: 429, message: "rate limited", retryAfter: 7)) {
                try await api.list(status: .all, limit: 5)
            }
            try await post(client, server, "/_sim/faults", #"{"malformed_rate": 1}"#)
            await #expect(throws: APIError.decode("body is not JSON")) { try await api.list(status: .all, limit: 5) }
            try await post(client, server, "/_sim/faults", #"{"malformed_list_element": true}"#)
            let list = try await api.list(status: .all, limit: 5)
            // The fault adds a sixth element (at index 1); the client reads the 5 asked for.
            #expect(list.jobs.count == 4 && list.skipped.count == 1 && list.beyondLimit == 1)
            try await post(client, server, "/_sim/faults", "{}")
            #expect(server.faults == Faults())
            #expect(try await api.list(status: .all, limit: 5).skipped.isEmpty)
        }
    }

    @Test("faults: latency_ms holds every API answer in a sleep of that long, and the answer comes once it is over")
    func latency() async throws {
        let held = HeldSleep()
        var options = SimulationOptions(seed: 1, initialJobs: 5)
        options.latencySleep = { await held.sleep($0) }
        try await withSimulator(options: options) { server, api, client async throws in
            // The hooks are not delayed: only the API routes are.
            try await post(client, server, "/_sim/faults", #"{"latency_ms": 300}"#)
            let answer = Task {
                let list = try await api.list(status: .all, limit: 5)
                held.answerCame()
                return list
            }
            // The request meets the fault before any answer: 300 ms asked, and it waits (an answer
            // that came without asking ends the stream: nil, red, never a hang).
            var asked = held.asked.makeAsyncIterator()
            #expect(await asked.next() == .milliseconds(300))
            // A whole round trip to a hook (never delayed) later, the sleep still holds the answer.
            let stats = HTTPClientRequest(url: server.baseURL.absoluteString + "/_sim/stats")
            #expect(try await client.execute(stats, timeout: .seconds(5)).status == .ok)
            #expect(!held.answered)
            held.release()
            #expect(try await answer.value.jobs.count == 5)
        }
    }

    @Test("faults: a request that never answers fails at the client's deadline; a dropped connection is transport")
    func hangAndDrop() async throws {
        try await withSimulator(options: SimulationOptions(seed: 1, initialJobs: 5), timeout: 0.6) {
            server, api, client async throws in
            try await post(client, server, "/_sim/faults", #"{"hang_rate": 1}"#)
            // The server holds the request for ever: only the client's deadline can end it.
            await #expect(throws: APIError.timeout(seconds: 0.6)) { try await api.list(status: .all, limit: 5) }
            #expect(server.stats.inFlight == 1)
            try await post(client, server, "/_sim/faults", #"{"drop_rate": 1}"#)
            do {
                _ = try await api.list(status: .all, limit: 5)
                Issue.record("expected a dropped connection")
            } catch {
                #expect((error as? APIError)?.isRetryable == true, "\(error)")
            }
        }
    }
}

/// Stands in for the latency fault's sleep: tells the test how long it was
/// asked to wait, and returns only once the test releases it, so the test
/// proves the delay by the order of events, never by timing it.
final class HeldSleep: Sendable {
    /// Each wait asked for, in order.
    let asked: AsyncStream<Duration>
    private let ask: AsyncStream<Duration>.Continuation
    private let held = Locked<(released: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))
    private let came = Atomic(false)

    init() { (asked, ask) = AsyncStream.makeStream() }

    func sleep(_ duration: Duration) async {
        ask.yield(duration)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = held.withLock { held in
                if held.released { return true }
                held.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Whether the answer the sleep held has come, read without waiting.
    var answered: Bool { came.load(ordering: .sequentiallyConsistent) }

    /// The test tells that the answer came: no more waits are expected.
    func answerCame() {
        came.store(true, ordering: .sequentiallyConsistent)
        ask.finish()
    }

    func release() {
        let waiting = held.withLock { held in
            held.released = true
            defer { held.waiting = [] }
            return held.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
