import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// One raw HTTP exchange: the path goes out exactly as written (percent-encoding included).
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: JSONValue?
    var bytes: Int
}

func send(
    _ client: HTTPClient, _ server: SimulatorServer, _ method: String, _ path: String, body: String? = nil,
    token: String? = nil, timeout: Double = 5
) async throws -> Exchange {
    var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
    request.method = .init(rawValue: method)
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
    let bytes = try await response.body.collect(upTo: 1 << 24)
    var headers: [String: String] = [:]
    for header in response.headers { headers[header.name.lowercased()] = header.value }
    return Exchange(
        status: Int(response.status.code), headers: headers, body: try? JSONValue.parse(Data(bytes.readableBytesView)),
        bytes: bytes.readableBytes)
}

@Suite("Simulator middleware and routes")
struct SimulatorMiddlewareTests {
    @Test("auth: with no token configured none is asked; with one, a missing or wrong bearer token is 401 anywhere")
    func auth() async throws {
        try await withSimulator(options: SimulationOptions(seed: 1, initialJobs: 2)) { server, _, client async throws in
            #expect(try await send(client, server, "GET", "/api/v1/jobs").status == 200)
            #expect(try await send(client, server, "GET", "/api/v1/jobs", token: "anything").status == 200)
            #expect(server.stats.unauthorized == 0)
        }
        let options = SimulationOptions(seed: 1, initialJobs: 2, token: "s3cret")
        try await withSimulator(options: options) { server, _, client async throws in
            for (method, path) in [("GET", "/api/v1/jobs"), ("GET", "/_sim/stats"), ("GET", "/no/such/route")] {
                for token in [nil, "wrong", "S3CRET"] as [String?] {
                    let refused = try await send(client, server, method, path, token: token)
                    #expect(refused.status == 401, "\(method) \(path) \(token ?? "none")")
                    #expect(refused.body == ["error": "missing or invalid bearer token"])
                }
            }
            let allowed = try await send(client, server, "GET", "/api/v1/jobs", token: "s3cret")
            #expect(allowed.status == 200)
            #expect(allowed.body?["jobs"].flatMap { if case .array(let jobs) = $0 { jobs.count } else { nil } } == 2)
            #expect(try await send(client, server, "GET", "/no/such/route", token: "s3cret").status == 404)
            #expect(server.stats.unauthorized == 9)
            #expect(server.stats.responsesByStatus["401"] == 9)
        }
    }

    @Test("faults apply to the API routes only: hooks, and paths no route matches, answer as usual")
    func faultsOnAPIOnly() async throws {
        try await withSimulator(options: SimulationOptions(seed: 1, initialJobs: 3)) { server, _, client async throws in
            let id = try #require(server.simulation.list(limit: 1).first?.id)
            try await post(client, server, "/_sim/faults", #"{"error_rate": 1, "error_status": 502}"#)
            for (method, path) in [
                ("GET", "/api/v1/jobs"), ("GET", "/api/v1/jobs/\(id)"), ("POST", "/api/v1/jobs/\(id)/cancel"),
            ] {
                let faulty = try await send(client, server, method, path)
                #expect(faulty.status == 502, "\(method) \(path)")
                #expect(faulty.body == ["error": "injected fault"])
            }
            #expect(try await send(client, server, "GET", "/_sim/stats").status == 200)
            #expect(try await send(client, server, "GET", "/_sim/faults").body?["error_rate"] == 1)
            let unmatched = try await send(client, server, "PUT", "/api/v1/jobs")
            #expect(unmatched.status == 404 && unmatched.body == ["error": "no such route"])
            try await post(client, server, "/_sim/faults", #"{"rate_limit_retry_after": 2.2}"#)
            let limited = try await send(client, server, "GET", "/api/v1/jobs")
            #expect(limited.status == 429 && limited.headers["retry-after"] == "3")
            #expect(try await send(client, server, "DELETE", "/_sim/faults").status == 200)
            #expect(try await send(client, server, "GET", "/api/v1/jobs").status == 200)
        }
    }

    @Test("stats: each request counted under its route pattern, its job and its status, with the bytes sent")
    func statsCounting() async throws {
        try await withSimulator { server, _, client async throws in
            try await post(client, server, "/_sim/jobs", #"{"job_id":"j1","status":"processing","type":"scraping"}"#)
            try await post(client, server, "/_sim/stats/reset", "")
            var bytes = 0
            for (method, path) in [
                ("GET", "/api/v1/jobs?status=processing"), ("GET", "/api/v1/jobs"), ("GET", "/api/v1/jobs/j1"),
                ("GET", "/api/v1/jobs/nope"), ("POST", "/api/v1/jobs/j1/cancel"), ("DELETE", "/api/v1/jobs/j1"),
                ("GET", "/_sim/nothing"), ("GET", "/elsewhere"),
            ] {
                bytes += try await send(client, server, method, path).bytes
            }
            let stats = server.stats
            // The reset is counted too: after it, by the stats middleware.
            #expect(stats.requests == 9)
            #expect(stats.responseBytes == bytes + 14)
            #expect(
                stats.requestsByRoute == [
                    "POST /_sim/stats/reset": 1,
                    "GET /api/v1/jobs": 2, "GET /api/v1/jobs/{id}": 2, "POST /api/v1/jobs/{id}/cancel": 1,
                    "other /api": 1, "GET /_sim/nothing": 1, "other": 1,
                ])
            #expect(stats.requestsByJob == ["j1": 2, "nope": 1])
            #expect(stats.cancelsByJob == ["j1": 1])
            #expect(stats.listsByStatus == ["processing": 1, "all": 1])
            #expect(stats.responsesByStatus == ["200": 5, "404": 4])
            #expect(stats.inFlight == 0)
            let served = try await send(client, server, "GET", "/_sim/stats")
            #expect(served.body?["requests"] == 9)
            #expect(served.body?["in_flight"] == 1)
        }
    }

    @Test("route parameters: ids with spaces, slashes, percent signs, non-ASCII and URL syntax")
    func oddIDs() async throws {
        try await withSimulator { server, api, client async throws in
            let ids = ["a b", "x/y", "日本", "100%", "job?x=1#y"]
            for id in ids { server.simulation.inject(Job(id: JobID(id), status: .processing, type: "scraping")) }
            for id in ids {
                let encoded = try #require(id.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                let fetched = try await send(client, server, "GET", "/api/v1/jobs/\(encoded)")
                #expect(fetched.status == 200 && fetched.body?["job_id"] == .string(id), "\(id)")
                #expect(try await api.job(id: id).id == id)
            }
            let cancelled = try await send(client, server, "POST", "/api/v1/jobs/a%20b/cancel")
            #expect(cancelled.status == 200 && cancelled.body?["status"] == "cancelled")
            #expect(server.stats.cancelsByJob == ["a b": 1])
            #expect(server.stats.requestsByJob["x/y"] == 2)
            let unknown = try await send(client, server, "GET", "/api/v1/jobs/%25zz")
            #expect(unknown.status == 404 && unknown.body == ["error": "job not found"])
            #expect(server.stats.requestsByJob["%zz"] == 1)
        }
    }

    @Test("the request log: one line per request with status, bytes and time, never a header")
    func requestLog() async throws {
        let lines = Locked<[String]>([])
        let options = SimulationOptions(seed: 1, initialJobs: 0, token: "hidden-token")
        let server = try await SimulatorServer.start(
            simulation: Simulation(options: options), requestLog: { line in lines.withLock { $0.append(line) } })
        let client = HTTPJobsAPI.makeClient(connectTimeout: 2)
        defer { _ = client.shutdown() }
        _ = try await send(client, server, "GET", "/api/v1/jobs?limit=3", token: "hidden-token")
        _ = try await send(client, server, "GET", "/api/v1/jobs/x%20y")
        await server.stop()
        let logged = lines.withLock { $0 }
        #expect(logged.count == 2)
        #expect(logged.first?.hasPrefix("GET /api/v1/jobs?limit=3 200 11B ") == true)
        #expect(logged.last?.hasPrefix("GET /api/v1/jobs/x%20y 401 43B ") == true)
        #expect(logged.allSatisfy { $0.hasSuffix("ms") && !$0.contains("hidden-token") })
    }

    @Test("stop is graceful: a request hung on purpose is released and answered")
    func gracefulStop() async throws {
        let server = try await SimulatorServer.start(simulation: Simulation(options: SimulationOptions(initialJobs: 1)))
        let client = HTTPJobsAPI.makeClient(connectTimeout: 2)
        defer { _ = client.shutdown() }
        server.faults.hangRate = 1
        let hung = Task { try await send(client, server, "GET", "/api/v1/jobs", timeout: 30) }
        // Until the request is in (5 s at most: a failure, never a hang).
        for _ in 0..<250 where server.stats.inFlight == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try #require(server.stats.inFlight == 1)
        await server.stop()
        // Released by the stop, not by the client's 30 s deadline: the answer says so.
        let answer = try await hung.value
        #expect(answer.status == 503 && answer.body == ["error": "hung request released"])
    }
}
