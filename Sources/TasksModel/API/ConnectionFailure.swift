/// A TLS or proxy failure, said so a person can act on it: which certificate,
/// which dates, which names, which flag fixes it. Says nothing about any job.
public struct ConnectionFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// The server's certificate chains to no trusted root.
        case untrustedCertificate
        /// The certificate is past its end date, or before its start date.
        case expiredCertificate, notYetValidCertificate
        /// The certificate is for other names than the host.
        case nameMismatch
        /// The TLS handshake failed for another reason (the server refused it,
        /// it asks for a client certificate, no common protocol).
        case handshakeFailed
        /// An `https://` URL, but the server answered in plain HTTP.
        case plainHTTP
        /// The proxy refused the connection or the CONNECT.
        case proxyRefused
        /// The proxy answered 407: it wants credentials, or other ones.
        case proxyAuthenticationRequired

        /// A TLS failure (exit status 10), or the proxy's (11).
        public var isProxy: Bool { self == .proxyRefused || self == .proxyAuthenticationRequired }
    }

    public var kind: Kind
    /// The whole sentence, as `list`, `show`, `watch` and the details pane print it.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// A few words for the header, where the line is short.
    public var headline: String {
        switch kind {
        case .untrustedCertificate: "TLS: certificate not trusted"
        case .expiredCertificate: "TLS: certificate expired"
        case .notYetValidCertificate: "TLS: certificate not yet valid"
        case .nameMismatch: "TLS: certificate name mismatch"
        case .handshakeFailed: "TLS handshake failed"
        case .plainHTTP: "TLS: the server speaks plain HTTP"
        case .proxyRefused: "proxy refused"
        case .proxyAuthenticationRequired: "proxy wants authentication (407)"
        }
    }
}
