import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOSSL

/// The jobs API over HTTP, on AsyncHTTPClient.
///
/// Every call finishes within its deadline whatever the server does (accepts
/// and never answers, trickles a body, sends a gigabyte), every failure is an
/// `APIError`, and the token is sent only in the Authorization header, only to
/// the configured origin: redirects are never followed.
public struct HTTPJobsAPI: DatedJobsAPI {
    public struct Configuration: Sendable {
        /// The server's base URL, for example `https://api.example.com`.
        public var baseURL: URL
        public var token: BearerToken?
        /// Seconds each request may take, from sending to the last body byte.
        public var timeout: Double
        /// Bytes a response body may have; more is `.bodyTooLarge`.
        public var bodyLimit: Int
        /// The proxy the client goes through, if any: names it in proxy errors.
        public var proxy: ProxyChoice?
        /// Whether a client certificate is configured: a refused handshake says to give one if not.
        public var clientCertificate = false
        /// Subjects of the configured extra roots (`TLSOptions.addedRootSubjects`).
        public var trustedIssuers: Set<String> = []
        /// Send `If-None-Match` / `If-Modified-Since` when an earlier answer for
        /// the URL carried strong validators (lists only: a single read is the
        /// engine's way to confirm a job, and is never conditional).
        public var conditionalRequests = true
        /// The cancel request's method: `POST` (the reference) or `DELETE`, as some servers have.
        public var cancelMethod = "POST"
        /// The cancel request's path after the base URL; `{id}` is the escaped
        /// job id. A leading `{base}` (as docs write it) is the base URL itself.
        public var cancelPath = "/api/v1/jobs/{id}/cancel"

        public init(
            baseURL: URL, token: BearerToken? = nil, timeout: Double = 10, bodyLimit: Int = 32 * 1_048_576
        ) {
            self.baseURL = baseURL
            self.token = token
            self.timeout = timeout
            self.bodyLimit = bodyLimit
        }
    }

    /// Seconds to connect (and, through a proxy, for its CONNECT) for a request
    /// `timeout`: at most 10, and always well inside the request's deadline, so
    /// a proxy that accepts and never answers is named (`did not answer in
    /// time`, exit 11) before the deadline says only "no answer from server".
    public static func connectTimeout(forRequestTimeout timeout: Double) -> Double {
        min(10, timeout * 0.8)
    }

    /// Bytes a compressed body may inflate to; more is `.bodyTooLarge` (a gzip bomb).
    public static let decompressedLimit = 64 * 1_048_576

    public let configuration: Configuration
    let client: HTTPClient
    /// The last answer per URL with its validators, when `conditionalRequests` is on.
    public let conditional = ConditionalCache()

    /// Uses `client`, which the caller owns and shuts down. Make it with
    /// `HTTPJobsAPI.makeClient()` so redirects are refused.
    public init(configuration: Configuration, client: HTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    /// An HTTP client set up for this API: redirects refused (a redirect must
    /// never carry the token to another host), connect timeout bounded, TLS
    /// verification on unless `insecure`, and no silent retry of a refused
    /// connection (the engine owns retries).
    public static func makeClient(
        connectTimeout: Double = 10, insecure: Bool = false, tls: TLSConfiguration? = nil, proxy: ProxyChoice? = nil
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        // The engine retries with its own backoff and reports "retrying";
        // a refused connection must fail now, not at the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: nil)
        if insecure {
            configuration.tlsConfiguration = .makeClientConfiguration()
            configuration.tlsConfiguration?.certificateVerification = .none
        }
        if let tls { configuration.tlsConfiguration = tls }
        if let proxy {
            // An https API URL goes through CONNECT: the proxy sees the host name, never the token.
            let authorization = proxy.username.map {
                HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        configuration.decompression = .enabled(limit: .size(decompressedLimit))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The client for these TLS options (trust roots, client certificate) and proxy;
    /// throws with a readable message when a certificate or key file is unusable.
    public static func makeClient(connectTimeout: Double, options: TLSOptions, proxy: ProxyChoice?)
        throws(SettingsError) -> HTTPClient
    {
        makeClient(connectTimeout: connectTimeout, tls: try options.configuration(), proxy: proxy)
    }

    public func list(status: StatusFilter, limit: Int) async throws(APIError) -> JobList {
        try await datedList(status: status, limit: limit).0
    }

    private func datedList(status: StatusFilter, limit: Int) async throws(APIError) -> (JobList, Reply) {
        let value = try await send(
            .GET, path: "/api/v1/jobs", query: "status=\(status.rawValue)&limit=\(max(1, limit))")
        do {
            // Cut to the limit asked: what a server sends beyond it is never read.
            return (try JobList.decode(value.body ?? .null, limit: max(1, limit)), value)
        } catch {
            throw .decode(error.reason)
        }
    }

    public func job(id: JobID) async throws(APIError) -> Job {
        try await datedJob(id: id).0
    }

    private func datedJob(id: JobID) async throws(APIError) -> (Job, Reply) {
        guard !id.isEmpty else { throw .invalidRequest("an empty job id") }
        // Never conditional: a single read is how the engine confirms a job
        // that 304s may have held (`ConditionalCache`).
        let value = try await send(
            .GET, path: "/api/v1/jobs/\(Self.escape(id))", query: nil, notFound: "job \(id)", conditional: false)
        let job: Job
        do {
            job = try Job.decodeResponse(value.body ?? .null)
        } catch {
            throw .decode(error.reason)
        }
        // An answer about another job is never merged into this one.
        guard job.id == id else { throw .decode(Self.otherJob(job.id, asked: id)) }
        return (job, value)
    }

    /// Sends `request`; with the answer's `Date` header, the server's clock
    /// (`ServerClock`), and its body's size, the scheduler's prices (`AnswerSizes`).
    public func perform(_ request: EngineRequest) async -> (EngineResult, serverDate: Date?, bodyBytes: Int?) {
        switch request {
        case .list(let status, let limit):
            do {
                let (list, reply) = try await datedList(status: status, limit: limit)
                return (.list(.success(list)), reply.serverDate, reply.bodyBytes)
            } catch { return (.list(.failure(error)), nil, nil) }
        case .job(let id):
            do {
                let (job, reply) = try await datedJob(id: id)
                return (.job(.success(job)), reply.serverDate, reply.bodyBytes)
            } catch { return (.job(.failure(error)), nil, nil) }
        case .cancel(let id):
            do { return (.cancel(.success(try await cancel(id: id))), nil, nil) } catch {
                return (.cancel(.failure(error)), nil, nil)
            }
        }
    }

    /// A 404 or 405 on the cancel route says "no such job" only when `GET` of
    /// the job says so too: when the job still answers, this server has no
    /// cancel endpoint there (`.server(404 or 405)`, never `.notFound`, so the
    /// job is not GONE).
    private func cancelFailed(_ error: APIError, id: JobID, route: (method: HTTPMethod, path: String)) async
        -> APIError
    {
        let status: Int
        switch error {
        case .notFound: status = 404
        case .server(405, _, _): status = 405
        default: return error
        }
        guard (try? await datedJob(id: id)) != nil else { return error }
        return .server(
            status: status,
            message: "this server has no cancel endpoint (\(route.method.rawValue) \(configuration.cancelPath) "
                + "answered \(status)); set cancel_method / cancel_path",
            retryAfter: nil)
    }

    static func otherJob(_ answered: JobID, asked: JobID) -> String {
        "the answer is about job \(answered), not \(asked)"
    }

    /// The cancel route (`cancel_method`, `cancel_path`) for job `id`.
    func cancelRoute(id: JobID) -> (method: HTTPMethod, path: String) {
        var template = configuration.cancelPath
        if template.hasPrefix("{base}") { template.removeFirst("{base}".count) }
        if !template.hasPrefix("/") { template = "/" + template }
        let method: HTTPMethod =
            switch configuration.cancelMethod.uppercased() {
            case "DELETE": .DELETE
            case "PUT": .PUT
            case "PATCH": .PATCH
            default: .POST
            }
        return (method, template.replacing("{id}", with: Self.escape(id)))
    }

    public func cancel(id: JobID) async throws(APIError) -> CancelAcceptance {
        guard !id.isEmpty else { throw .invalidRequest("an empty job id") }
        let route = cancelRoute(id: id)
        let value: Reply
        do {
            value = try await send(route.method, path: route.path, query: nil, notFound: "job \(id)")
        } catch {
            throw await cancelFailed(error, id: id, route: route)
        }
        guard let body = value.body, !body.isNull else {
            return CancelAcceptance(status: value.status, job: nil)
        }
        // A body about another job says nothing about this one.
        let job = (try? Job.decodeResponse(body)).flatMap { $0.id == id ? $0 : nil }
        return CancelAcceptance(status: value.status, job: job)
    }

    /// Percent-escapes a job id for one path segment: an id from the server
    /// must never be able to change which path we call. Only ASCII letters,
    /// digits and `-._~` stay as they are; the segments `.` and `..`, which a
    /// normalising proxy would resolve, are encoded too (`%2E`, `%2E%2E`).
    static func escape(_ id: JobID) -> String {
        if id == "." || id == ".." { return String(repeating: "%2E", count: id.text.utf8.count) }
        var out = ""
        for byte in id.text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return out
    }

    /// Classifies what AsyncHTTPClient, NIO and NIOSSL throw, by type.
    var transportErrors: TransportErrorClassifier {
        TransportErrorClassifier(
            timeout: configuration.timeout, proxy: configuration.proxy,
            clientCertificate: configuration.clientCertificate)
    }

    /// A failed handshake, explained from the certificate the server shows
    /// (read on a second connection without verification and nothing sent).
    /// Through a proxy the certificate is not read: the words stay general.
    func explain(_ error: APIError) async -> APIError {
        guard case .connection(let failure) = error, failure.kind == .handshakeFailed, configuration.proxy == nil,
            configuration.baseURL.scheme?.lowercased() == "https", let host = configuration.baseURL.host
        else { return error }
        let port = configuration.baseURL.port ?? 443
        guard let der = await TLSProbe.leafCertificate(host: host, port: port) else {
            // No certificate at all: perhaps no TLS at all.
            if await TLSProbe.speaksPlainHTTP(host: host, port: port) {
                return .connection(
                    ConnectionFailure(
                        .plainHTTP,
                        "the server at \(host):\(port) answered in plain HTTP, not TLS: use an http:// URL, "
                            + "or the port where it serves https"))
            }
            return error
        }
        guard
            let explained = CertificateDiagnosis.explain(
                der: der, host: host, trustedIssuers: configuration.trustedIssuers)
        else { return error }
        return .connection(explained)
    }
}
