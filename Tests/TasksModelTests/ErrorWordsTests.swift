import Foundation
import Hummingbird
import Testing

@testable import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #24, part 5: a failure says what it is.
@Suite("Errors in true words: plain HTTP on an https:// URL, a silent proxy")
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

    @Test("a proxy that accepts and never answers is the proxy's failure (exit 11), not 'no answer from server'")
    func silentProxy() async throws {
        // A listening socket that accepts (the kernel does) and never answers.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let proxy = try #require(ProxyChoice.parse("http://127.0.0.1:\(port)", source: "HTTPS_PROXY"))
        let timeout = 2.0
        #expect(HTTPJobsAPI.connectTimeout(forRequestTimeout: timeout) < timeout)
        #expect(HTTPJobsAPI.connectTimeout(forRequestTimeout: 60) == 10)
        let client = HTTPJobsAPI.makeClient(
            connectTimeout: HTTPJobsAPI.connectTimeout(forRequestTimeout: timeout), proxy: proxy)
        var configuration = HTTPJobsAPI.Configuration(
            baseURL: URL(string: "https://api.example.invalid")!, timeout: timeout)
        configuration.proxy = proxy
        let api = HTTPJobsAPI(configuration: configuration, client: client)
        let error = await #expect(throws: APIError.self) { try await api.list(status: .all, limit: 5) }
        try? await client.shutdown()
        guard case .connection(let failure)? = error else {
            Issue.record("expected the proxy's failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .proxyRefused)
        #expect(failure.message == "proxy http://127.0.0.1:\(port) (HTTPS_PROXY) did not answer in time")
    }
}
