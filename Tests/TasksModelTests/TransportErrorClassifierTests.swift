import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTPCompression
import NIOSSL
import Testing

@testable import TasksModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// AsyncHTTPClient, NIO and NIOSSL errors are classified by their type, never
/// by their words; each keeps the words users already see.
@Suite("Transport errors by type")
struct TransportErrorClassifierTests {
    let classifier = TransportErrorClassifier(timeout: 7)

    @Test(
        "HTTPClientError cases",
        arguments: [
            (HTTPClientError.readTimeout, APIError.timeout(seconds: 7)),
            (.writeTimeout, .timeout(seconds: 7)),
            (.deadlineExceeded, .timeout(seconds: 7)),
            (.connectTimeout, .transport("connection timed out")),
            (.tlsHandshakeTimeout, .transport("connection timed out")),
            (.getConnectionFromPoolTimeout, .transport("connection timed out")),
            (.remoteConnectionClosed, .transport("connection closed by server")),
            (.uncleanShutdown, .transport("connection closed by server")),
            (.cancelled, .transport("request cancelled")),
        ])
    func httpClientErrors(error: HTTPClientError, expected: APIError) {
        #expect(classifier.apiError(for: error) == expected)
        #expect(classifier.apiError(for: error).errorClass == .transient)
    }

    @Test(
        "socket errors by errno",
        arguments: [
            (ECONNREFUSED, "connection refused"), (ECONNRESET, "connection reset"), (EPIPE, "connection reset"),
            (ETIMEDOUT, "connection timed out"), (ENETUNREACH, "network unreachable"),
            (EHOSTUNREACH, "host unreachable"),
        ])
    func errnos(code: CInt, words: String) {
        let error = IOError(errnoCode: code, reason: "connect")
        #expect(classifier.apiError(for: error) == .transport(words))
    }

    @Test("channel, DNS and TLS errors")
    func channelDNSAndTLS() {
        #expect(
            classifier.apiError(for: ChannelError.connectTimeout(.seconds(3))) == .transport("connection timed out"))
        #expect(classifier.apiError(for: ChannelError.eof) == .transport("connection closed by server"))
        #expect(classifier.apiError(for: ChannelError.ioOnClosedChannel) == .transport("connection closed by server"))
        #expect(classifier.apiError(for: SocketAddressError.unsupported) == .transport("cannot resolve host"))
        // A failed handshake is a classified TLS failure (HTTPJobsAPI refines it from the certificate).
        let tls = classifier.apiError(for: NIOSSLError.handshakeFailed(.sslError([])))
        guard case .connection(let failure) = tls else {
            Issue.record("expected a TLS failure, got \(tls)")
            return
        }
        #expect(failure.kind == .handshakeFailed)
        #expect(failure.message.contains("--client-cert"))
        #expect(
            classifier.apiError(for: NIOSSLError.uncleanShutdown)
                == .transport("TLS failure: the connection was closed without a TLS close"))
    }

    @Test("an API error passes through; an unknown error is named by its type, never by its words")
    func passThroughAndUnknown() {
        #expect(classifier.apiError(for: APIError.timeout(seconds: 2)) == .timeout(seconds: 2))
        struct Odd: Error, CustomStringConvertible {
            var description: String { "odd failure near tok-secret " + String(repeating: "x", count: 300) }
        }
        guard case .transport(let words) = classifier.apiError(for: Odd()) else {
            Issue.record("expected transport")
            return
        }
        #expect(words.hasPrefix("unexpected failure ("))
        #expect(words.hasSuffix("Odd)"))
        #expect(!words.contains("tok-secret"))
        #expect(!words.contains("odd failure"))
    }

    @Test("a header the HTTP client refuses is a refused request, in our words: the header's value is never quoted")
    func invalidHeader() {
        let token = "tok-secret\u{1B}xyz"
        let error = classifier.apiError(for: HTTPClientError.invalidHeaderFieldValues(["Bearer \(token)"]))
        #expect(error == .invalidRequest("a request header holds a byte HTTP does not allow"))
        #expect(error.errorClass == .permanent)
        #expect(!error.description.contains("tok-secret"))
    }

    @Test("a gzip bomb is an answer too large (not retried), a corrupt one unreadable: neither a network failure")
    func decompression() {
        let bomb = classifier.apiError(for: NIOHTTPDecompression.DecompressionError.limit)
        #expect(bomb == .bodyTooLarge(limit: 64 * 1_048_576))
        #expect(bomb.errorClass == .badResponse && !bomb.isRetryable)
        #expect(bomb.description == "response larger than 64 MiB, refused")
        let corrupt = classifier.apiError(for: NIOHTTPDecompression.DecompressionError.inflationError(-3))
        #expect(corrupt == .decode("the compressed body is corrupt"))
    }

    @Test("words mentioning a refusal do not make an unknown error a refusal: the type decides")
    func wordsDoNotDecide() {
        struct Misleading: Error, CustomStringConvertible {
            var description: String { "connection refused (errno: 111), reset, TLS" }
        }
        #expect(classifier.apiError(for: Misleading()) != .transport("connection refused"))
        #expect(classifier.apiError(for: Misleading()).description.contains("Misleading"))
        // A real refusal, by type, inside NIO's own error for a connect that failed.
        let refused = IOError(errnoCode: ECONNREFUSED, reason: "")
        #expect(classifier.apiError(for: refused) == .transport("connection refused"))
    }
}
