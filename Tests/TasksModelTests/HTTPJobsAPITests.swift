import Foundation
import Hummingbird
import Testing

@testable import TasksModel

@Suite("HTTP client against a real server on 127.0.0.1")
struct HTTPJobsAPITests {
    static let oneJob =
        #"{"job_id":"job_1","status":"processing","type":"scraping","progress_data":{"percentage":10}}"#

    @Test("list, get and cancel round trips hit the contract's paths")
    func roundTrips() async throws {
        try await ScriptedServer.with({ seen, _ in
            switch (seen.method, seen.path) {
            case ("GET", "/api/v1/jobs"): return jsonResponse(.ok, #"{"jobs":[\#(Self.oneJob)]}"#)
            case ("GET", "/api/v1/jobs/job_1"): return jsonResponse(.ok, #"{"data":\#(Self.oneJob)}"#)
            case ("POST", "/api/v1/jobs/job_1/cancel"):
                return jsonResponse(.ok, #"{"job_id":"job_1","status":"cancelled","type":"scraping"}"#)
            case ("POST", "/api/v1/jobs/job_2/cancel"): return Response(status: .noContent)
            case ("POST", "/api/v1/jobs/job_3/cancel"): return jsonResponse(.accepted, "")
            default: return jsonResponse(.notFound, #"{"error":"no route"}"#)
            }
        }) { server async throws in
            let (api, _) = server.api()
            let list = try await api.list(status: .processing, limit: 7)
            #expect(list.jobs.map(\.id) == ["job_1"])
            let job = try await api.job(id: "job_1")
            #expect(job.progress.percentage == 10)
            let cancelled = try await api.cancel(id: "job_1")
            #expect(cancelled.status == 200)
            #expect(cancelled.job?.status == .cancelled)
            let noContent = try await api.cancel(id: "job_2")
            #expect(noContent.status == 204 && noContent.job == nil)
            let accepted = try await api.cancel(id: "job_3")
            #expect(accepted.status == 202 && accepted.job == nil)
            let seen = server.requests
            #expect(seen[0].query == "status=processing&limit=7")
            #expect(seen.map(\.method) == ["GET", "GET", "POST", "POST", "POST"])
        }
    }

    @Test("a job id cannot change the path it is sent to")
    func escapedIDs() async throws {
        try await ScriptedServer.with({ _, _ in jsonResponse(.notFound, "{}") }) { server async throws in
            let (api, _) = server.api()
            await #expect(throws: APIError.notFound("job ../../admin?x=1")) {
                try await api.job(id: "../../admin?x=1")
            }
            #expect(server.requests.first?.path == "/api/v1/jobs/..%2F..%2Fadmin%3Fx%3D1")
        }
    }

    @Test("the Authorization header is present exactly when a token is configured")
    func authorizationHeader() async throws {
        try await ScriptedServer.with({ _, _ in jsonResponse(.ok, #"{"jobs":[]}"#) }) { server async throws in
            let (withToken, _) = server.api(token: "s3cret-token\n")
            let (withoutToken, _) = server.api(token: nil)
            _ = try await withToken.list(status: .all, limit: 50)
            _ = try await withoutToken.list(status: .all, limit: 50)
            #expect(server.requests.map(\.authorization) == ["Bearer s3cret-token", nil])
        }
    }

    @Test("status codes map to the right errors")
    func statusMapping() async throws {
        try await ScriptedServer.with({ seen, _ in
            switch seen.path {
            case "/api/v1/jobs/e500": return jsonResponse(.internalServerError, #"{"message":"db down"}"#)
            case "/api/v1/jobs/e503":
                return jsonResponse(.serviceUnavailable, "maintenance", headers: [.retryAfter: "12"])
            case "/api/v1/jobs/e429":
                return jsonResponse(
                    .tooManyRequests, "{}",
                    headers: [.retryAfter: RetryAfter.formatHTTPDate(Date().addingTimeInterval(40))])
            case "/api/v1/jobs/e401": return jsonResponse(.unauthorized, "{}")
            case "/api/v1/jobs/e403": return jsonResponse(.forbidden, "{}")
            case "/api/v1/jobs/e404": return jsonResponse(.notFound, "{}")
            case "/api/v1/jobs/e409/cancel":
                return jsonResponse(.conflict, #"{"error":"job already completed"}"#)
            case "/api/v1/jobs/e302":
                return Response(status: .found, headers: [.location: "http://evil.example/steal"])
            case "/api/v1/jobs/bad": return jsonResponse(.ok, "<html>not json")
            case "/api/v1/jobs/noid": return jsonResponse(.ok, #"{"status":"queued"}"#)
            default: return jsonResponse(.ok, "{}")
            }
        }) { server async throws in
            let (api, _) = server.api(token: "tok")
            await #expect(throws: APIError.server(status: 500, message: "db down", retryAfter: nil)) {
                try await api.job(id: "e500")
            }
            await #expect(throws: APIError.server(status: 503, message: "", retryAfter: 12)) {
                try await api.job(id: "e503")
            }
            do {
                _ = try await api.job(id: "e429")
                Issue.record("expected 429")
            } catch let error as APIError {
                guard case .server(429, _, let retryAfter?) = error else { throw error }
                #expect(retryAfter > 35 && retryAfter <= 40)
                #expect(error.isRetryable)
            }
            await #expect(throws: APIError.unauthorized(status: 401)) { try await api.job(id: "e401") }
            await #expect(throws: APIError.unauthorized(status: 403)) { try await api.job(id: "e403") }
            await #expect(throws: APIError.notFound("job e404")) { try await api.job(id: "e404") }
            await #expect(throws: APIError.conflict("job already completed")) {
                try await api.cancel(id: "e409")
            }
            do {
                _ = try await api.job(id: "e302")
                Issue.record("expected redirect refusal")
            } catch let error as APIError {
                guard case .server(302, _, _) = error else { throw error }
            }
            #expect(!server.requests.contains { $0.path.contains("steal") })
            await #expect(throws: APIError.decode("body is not JSON")) { try await api.job(id: "bad") }
            await #expect(throws: APIError.decode("job_id is missing")) { try await api.job(id: "noid") }
        }
    }

    @Test("a server that never answers fails the call within the deadline")
    func neverAnswers() async throws {
        try await ScriptedServer.with({ _, box in
            await box?.hang(upTo: 30)
            return jsonResponse(.ok, "{}")
        }) { server async throws in
            let (api, _) = server.api(timeout: 0.5)
            // The server holds the request 30 s: a timeout error can only be the client's deadline.
            await #expect(throws: APIError.timeout(seconds: 0.5)) {
                try await api.list(status: .all, limit: 50)
            }
        }
    }

    @Test("a body over the cap fails cleanly")
    func bodyCap() async throws {
        let big =
            #"{"jobs":[{"job_id":"a","status":"queued","title":""#
            + String(repeating: "x", count: 300_000) + #""}]}"#
        try await ScriptedServer.with({ _, _ in jsonResponse(.ok, big) }) { server async throws in
            let (api, _) = server.api(bodyLimit: 100_000)
            await #expect(throws: APIError.bodyTooLarge(limit: 100_000)) {
                try await api.list(status: .all, limit: 50)
            }
            let (roomy, _) = server.api(bodyLimit: 1_000_000)
            #expect(try await roomy.list(status: .all, limit: 50).jobs.count == 1)
        }
    }

    @Test("a refused connection is a transport error named by its type, and no error names the token")
    func refused() async throws {
        let (server, _) = try await ScriptedServer.start { _, _ in jsonResponse(.ok, "{}") }
        let port = server.server.port
        await server.stop()
        let client = HTTPClientBox()
        let token = "tok-\(UUID().uuidString)"
        let api = HTTPJobsAPI(
            configuration: .init(
                baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: BearerToken(token), timeout: 2),
            client: client.client)
        do {
            _ = try await api.list(status: .all, limit: 50)
            Issue.record("expected failure")
        } catch {
            // NIO's NIOConnectionError wrapping an IOError(ECONNREFUSED), classified by type.
            #expect(error == .transport("connection refused"))
            #expect(error.isRetryable)
            #expect(!String(describing: error).contains(token))
            #expect(!String(reflecting: error).contains(token))
        }
        await client.shutdown()
    }

    @Test("the token never shows through description, reflection or dump")
    func tokenRedaction() {
        let token = BearerToken("super-secret-value")!
        #expect("\(token)" == "<redacted>")
        #expect(String(reflecting: token) == "<redacted>")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("super-secret-value"))
        let config = HTTPJobsAPI.Configuration(baseURL: URL(string: "http://x")!, token: token)
        var dumpedConfig = ""
        dump(config, to: &dumpedConfig)
        #expect(!dumpedConfig.contains("super-secret-value"))
        #expect(token.headerValue == "Bearer super-secret-value")
        #expect(BearerToken("  \n") == nil)
    }
}
