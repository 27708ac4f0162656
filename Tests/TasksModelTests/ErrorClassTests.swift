import Foundation
import Testing

@testable import TasksModel

@Suite("Error classes: one classification for the engine, watch and cancel")
struct ErrorClassTests {
    @Test(
        "every APIError case has its class",
        arguments: [
            (APIError.transport("connection refused"), ErrorClass.transient),
            (.timeout(seconds: 10), .transient),
            (.server(status: 429, message: "", retryAfter: 5), .rateLimited),
            (.server(status: 503, message: "maintenance", retryAfter: nil), .serverFault),
            (.server(status: 302, message: "redirect refused", retryAfter: nil), .serverFault),
            (.decode("job_id is missing"), .badResponse),
            (.bodyTooLarge(limit: 1_048_576), .badResponse),
            (.unauthorized(status: 401), .unauthorized),
            (.unauthorized(status: 403), .unauthorized),
            (.notFound("job x"), .notFound),
            (.conflict("already completed"), .conflict),
            (.invalidRequest("bad URL"), .permanent),
        ])
    func classes(error: APIError, expected: ErrorClass) {
        #expect(error.errorClass == expected)
        #expect(error.isRetryable == expected.isRetryable)
    }

    @Test("retryable: the link and the server's failures; server-wide: the link and 429")
    func properties() {
        let retryable = ErrorClass.allCases.filter(\.isRetryable)
        #expect(retryable == [.transient, .rateLimited, .serverFault])
        #expect(ErrorClass.allCases.filter(\.isServerWide) == [.transient, .rateLimited])
        #expect(ErrorClass.allCases.filter(\.endsFollowing) == [.unauthorized, .notFound])
    }

    @Test("the engine backs off globally by class: a job's 503 stays the job's, a job's 429 does not")
    func engineUsesTheClass() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        for (error, global) in [
            (APIError.server(status: 503, message: "", retryAfter: nil), false),
            (.server(status: 429, message: "", retryAfter: nil), true),
            (.timeout(seconds: 10), true),
            (.decode("bad"), false),
        ] {
            let server = FakeJobsServer()
            server.add(activeJob("a", type: "scraping", created: start))
            server.fault = { request, _ in request == .job(id: "a") ? error : nil }
            var harness = EngineHarness(server: server)
            // The poll at 5 s fails; any retry is at least half a second later.
            harness.run(until: 5.35)
            #expect(server.requests { $0 == .job(id: "a") }.count == 1)
            let retrying = if case .retrying = harness.engine.connection { true } else { false }
            #expect(retrying == global, "\(error)")
        }
    }
}
