/// What kind of failure an `APIError` is, and so what every front end does
/// about it: the engine, `watch` and `cancel` all decide from this one value,
/// never from the error's words.
public enum ErrorClass: Sendable, Hashable, CaseIterable {
    /// The link failed (refused, reset, DNS, TLS, no answer in time): says
    /// nothing about the job; back off and retry.
    case transient
    /// 429: the server asks us to slow down; back off, not before Retry-After.
    case rateLimited
    /// 5xx or another unexpected status: the server is failing; retry later.
    case serverFault
    /// The server answered, but with a body we cannot use (unreadable, too
    /// large): the same request will likely get the same body.
    case badResponse
    /// 401/403: nothing will work until the user fixes the token.
    case unauthorized
    /// 404: the job (or endpoint) does not exist.
    case notFound
    /// 409: the job already finished (a cancel came too late).
    case conflict
    /// Refused before sending (bad URL, unsafe token): retrying cannot help.
    case permanent

    /// Whether trying the same request again later may succeed.
    public var isRetryable: Bool {
        switch self {
        case .transient, .rateLimited, .serverFault: true
        case .badResponse, .unauthorized, .notFound, .conflict, .permanent: false
        }
    }

    /// The failure is the link's or the whole server's, not one job's: the
    /// engine backs off every request, not just the one that failed.
    public var isServerWide: Bool {
        switch self {
        case .transient, .rateLimited: true
        case .serverFault, .badResponse, .unauthorized, .notFound, .conflict, .permanent: false
        }
    }

    /// Whether following one job (a poll by the engine, `watch`, a cancel's
    /// verification) should stop rather than retry: the token is refused, or
    /// the job is gone. Anything else is retried with backoff, because a
    /// failed request is never a failed job.
    public var endsFollowing: Bool {
        switch self {
        case .unauthorized, .notFound: true
        case .transient, .rateLimited, .serverFault, .badResponse, .conflict, .permanent: false
        }
    }
}

extension APIError {
    /// This error's class: the one classification every front end uses.
    public var errorClass: ErrorClass {
        switch self {
        case .transport, .timeout, .connection: .transient
        case .server(429, _, _): .rateLimited
        case .server: .serverFault
        case .decode, .bodyTooLarge: .badResponse
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalidRequest: .permanent
        }
    }

    /// Whether trying again later may succeed.
    public var isRetryable: Bool { errorClass.isRetryable }
}
