import Foundation
import Hummingbird
import Testing

@testable import TasksModel

/// Issue #24, part 5: a failure says what it is.
@Suite("Errors in true words: https:// to a plain-HTTP server")
struct ErrorWordsTests {
    @Test("an https:// URL on a plain-HTTP port says so (exit 10), not 'give --client-cert'")
    func plainHTTP() async throws {
        try await ScriptedServer.with({ _, _ in jsonResponse(.ok, #"{"jobs":[]}"#) }) { server async throws in
            let client = HTTPClientBox()
            let port = server.server.port
            let api = HTTPJobsAPI(
                configuration: .init(baseURL: URL(string: "https://127.0.0.1:\(port)")!, timeout: 5),
                client: client.client)
            let error = await #expect(throws: APIError.self) { try await api.list(status: .all, limit: 5) }
            guard case .connection(let failure)? = error else {
                Issue.record("expected a connection failure, got \(String(describing: error))")
                await client.shutdown()
                return
            }
            #expect(failure.kind == .plainHTTP)
            #expect(failure.message.contains("answered in plain HTTP, not TLS: use an http:// URL"))
            #expect(!failure.message.contains("--client-cert"))
            #expect(failure.headline == "TLS: the server speaks plain HTTP")
            await client.shutdown()
        }
    }
}
