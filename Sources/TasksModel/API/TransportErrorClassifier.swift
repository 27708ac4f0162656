import AsyncHTTPClient
import NIOCore
import NIOHTTPCompression
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns whatever AsyncHTTPClient, NIO or NIOSSL threw into an `APIError`,
/// deciding by the error's type (an `HTTPClientError` case, an errno, a
/// TLS error), never by searching its description: descriptions change
/// between library versions, types do not change silently.
///
/// The words of the known cases are the ones users already see ("connection
/// refused", "connection reset", "cannot resolve host", "TLS failure: ...");
/// anything unknown is still a transport error (it says nothing about the
/// job), named by its type only. A library's own description is never shown
/// or logged: it may quote a request header, the token included (an
/// `HTTPClientError.invalidHeaderFieldValues` quotes the Authorization value).
struct TransportErrorClassifier: Sendable {
    /// The request deadline, named by `.timeout`.
    var timeout: Double
    /// The proxy in use: a refused connection is the proxy's.
    var proxy: ProxyChoice?
    /// Whether a client certificate was given, for the words of a refused handshake.
    var clientCertificate = false

    /// The `APIError` for `error`.
    func apiError(for error: any Error) -> APIError {
        if let known = classify(error) { return known }
        return .transport("unexpected failure (\(Self.typeName(error)))")
    }

    /// The error's class by type, or nil when no rule knows the type.
    private func classify(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: return error
        case let error as HTTPClientError: return classify(error)
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil { return .transport("cannot resolve host") }
            // One failure per address tried; the first one a rule knows names them all.
            return error.connectionErrors.lazy.compactMap { classify($0.error) }.first
        case let error as IOError: return classifyThroughProxy(errno: error.errnoCode)
        case is SocketAddressError, is SocketAddressError.UnknownHost: return .transport("cannot resolve host")
        case let error as ChannelError: return Self.classify(error)
        case let error as NIOSSLError where error.isHandshakeFailure:
            // Refined by HTTPJobsAPI from the certificate the server shows.
            return .connection(ConnectionFailure(.handshakeFailed, refusedHandshake))
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            // Refined by HTTPJobsAPI: the certificate's names.
            return .connection(ConnectionFailure(.handshakeFailed, refusedHandshake))
        case is BoringSSLError:
            // After a TLS 1.3 handshake, a server that wanted a client certificate says so with an alert.
            return .connection(ConnectionFailure(.handshakeFailed, refusedHandshake))
        case let error as NIOHTTPDecompression.DecompressionError:
            // A gzip bomb is an answer too large, not a network failure to retry.
            if error == .limit { return .bodyTooLarge(limit: HTTPJobsAPI.decompressedLimit) }
            return .decode("the compressed body is corrupt")
        case is NIOHTTPDecompression.ExtraDecompressionError:
            return .decode("the compressed body is corrupt")
        case let error as NIOSSLError: return .transport("TLS failure: \(Self.words(error))")
        case is NIOSSLExtraError, is NIOSSLCloseTimedOutError, is NIOTLSUnwrappingError:
            return .transport("TLS failure (\(Self.typeName(error)))")
        default: return nil
        }
    }

    /// The words for a handshake the server refused.
    private var refusedHandshake: String {
        clientCertificate
            ? "TLS handshake failed: the server refused the connection or the client certificate"
            : "TLS handshake failed: the server refused the connection; if it asks for a client certificate, "
                + "give --client-cert and --client-key"
    }

    /// A socket error, said to be the proxy's when the client goes through one.
    private func classifyThroughProxy(errno code: CInt) -> APIError? {
        let direct = Self.classify(errno: code)
        guard let proxy, case .transport(let words)? = direct else { return direct }
        return .connection(ConnectionFailure(.proxyRefused, "proxy \(proxy.label) (\(proxy.source)): \(words)"))
    }

    private func classify(_ error: HTTPClientError) -> APIError? {
        if let proxy {
            let named = "proxy \(proxy.label) (\(proxy.source))"
            switch error {
            case .proxyAuthenticationRequired:
                return .connection(
                    ConnectionFailure(
                        .proxyAuthenticationRequired,
                        "\(named) requires authentication (407): put user:password in the proxy URL"))
            case .invalidProxyResponse:
                return .connection(ConnectionFailure(.proxyRefused, "\(named) refused to connect to the API host"))
            case .httpProxyHandshakeTimeout, .connectTimeout:
                // Through a proxy, connecting is connecting to it and its CONNECT. A reply
                // the client cannot parse (a 407 with a control byte) also ends here, as a timeout.
                return .connection(
                    ConnectionFailure(
                        .proxyRefused, "\(named) did not answer in time, or answered in a form HTTP does not allow"))
            default: break
            }
        }
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return .timeout(seconds: timeout)
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
            .httpProxyHandshakeTimeout:
            return .transport("connection timed out")
        case .remoteConnectionClosed, .uncleanShutdown:
            return .transport("connection closed by server")
        case .cancelled, .requestStreamCancelled:
            return .transport("request cancelled")
        default:
            break
        }
        // Cases with a payload cannot be matched from outside: told apart by
        // the case's name (the type's structure, read by reflection), never
        // by the description, which quotes the header, token included.
        switch Self.payloadCaseName(of: error) {
        case "invalidHeaderFieldValues", "invalidHeaderFieldNames":
            return .invalidRequest("a request header holds a byte HTTP does not allow")
        default:
            return nil
        }
    }

    /// A socket error by its errno.
    static func classify(errno code: CInt) -> APIError? {
        switch code {
        case ECONNREFUSED: .transport("connection refused")
        case ECONNRESET, ECONNABORTED, EPIPE: .transport("connection reset")
        case ETIMEDOUT: .transport("connection timed out")
        case ENETUNREACH: .transport("network unreachable")
        case EHOSTUNREACH: .transport("host unreachable")
        default: nil
        }
    }

    private static func classify(_ error: ChannelError) -> APIError? {
        switch error {
        case .connectTimeout: .transport("connection timed out")
        case .ioOnClosedChannel, .alreadyClosed, .eof, .inputClosed, .outputClosed:
            .transport("connection closed by server")
        case .writeHostUnreachable: .transport("host unreachable")
        default: nil
        }
    }

    /// The name of an `HTTPClientError` case that carries a payload
    /// (`invalidHeaderFieldValues([...])`), or nil.
    static func payloadCaseName(of error: HTTPClientError) -> String? {
        guard let code = Mirror(reflecting: error).children.first?.value else { return nil }
        let mirror = Mirror(reflecting: code)
        guard mirror.displayStyle == .enum else { return nil }
        return mirror.children.first?.label
    }

    /// The error's type name: our words for an error no rule knows. A type
    /// name is written by a programmer, never carried by a request.
    static func typeName(_ error: any Error) -> String {
        String(reflecting: type(of: error))
    }

    /// A TLS error's case, in words; a payload (BoringSSL's error stack) is never shown.
    static func words(_ error: NIOSSLError) -> String {
        switch error {
        case .uncleanShutdown: "the connection was closed without a TLS close"
        case .handshakeFailed: "handshake failed"
        case .shutdownFailed: "TLS shutdown failed"
        case .writeDuringTLSShutdown: "write during TLS shutdown"
        case .unableToAllocateBoringSSLObject: "out of memory"
        case .noSuchFilesystemObject: "a certificate file was not found"
        case .failedToLoadCertificate: "a certificate could not be loaded"
        case .failedToLoadPrivateKey: "the private key could not be loaded"
        case .cannotMatchULabel: "the host name cannot be matched"
        case .noCertificateToValidate: "the server sent no certificate"
        case .unableToValidateCertificate: "the certificate could not be validated"
        case .cannotFindPeerIP: "the server's address is unknown"
        case .readInInvalidTLSState: "read in an invalid TLS state"
        @unknown default: "NIOSSLError"
        }
    }
}

extension NIOSSLError {
    fileprivate var isHandshakeFailure: Bool {
        if case .handshakeFailed = self { return true }
        return false
    }
}
