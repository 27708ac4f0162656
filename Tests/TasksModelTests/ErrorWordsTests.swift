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
        let (failure, port) = try await Self.proxyFailure(answering: nil)
        #expect(failure?.kind == .proxyRefused)
        #expect(failure?.message == "proxy http://127.0.0.1:\(port) (HTTPS_PROXY) \(Self.noUsableAnswer)")
    }

    @Test(
        "a proxy answering 407 with a control byte in a header is the proxy's failure, never the token's or the server's"
    )
    func malformed407() async throws {
        let answer = Array(
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"a\u{01}b\"\r\nContent-Length: 0\r\n\r\n"
                .utf8)
        let (failure, port) = try await Self.proxyFailure(answering: answer)
        #expect(failure?.kind == .proxyRefused || failure?.kind == .proxyAuthenticationRequired)
        #expect(
            failure?.message.hasPrefix("proxy http://127.0.0.1:\(port) (HTTPS_PROXY)") == true,
            "\(String(describing: failure))")
    }

    /// The words for a proxy that gave nothing the client could read in time.
    static let noUsableAnswer = "did not answer in time, or answered in a form HTTP does not allow"

    /// The failure a list through a proxy on 127.0.0.1 ends in; the proxy
    /// accepts, then sends `answer` (nil: nothing) and holds the connection.
    static func proxyFailure(answering answer: [UInt8]?) async throws -> (ConnectionFailure?, Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer {
            // Wakes the answering thread's accept (close alone does not, on Linux).
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
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
        if let answer {
            // Answers each connection, after reading its CONNECT, and holds it open.
            let fd = listener
            Thread.detachNewThread {
                var held: [Int32] = []
                while true {
                    let connection = accept(fd, nil, nil)
                    if connection < 0 { break }
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    _ = read(connection, &buffer, buffer.count)
                    _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
                    held.append(connection)
                }
                for connection in held { close(connection) }
            }
        }
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
            return (nil, port)
        }
        return (failure, port)
    }
}
