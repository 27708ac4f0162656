import FoundationEssentials

/// Why a call to the jobs API failed, classified by what the caller should do
/// (`errorClass`).
///
/// The dashboard's honesty rests on this split: a transport or server error
/// says nothing about the job (keep its last data, mark it stale, retry
/// later); only the job's own status can say it failed. Descriptions are short,
/// human, and never contain the token.
public enum APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Refused, reset, DNS, TLS, or no answer within the deadline: retry later.
    case transport(String)
    /// The request's deadline passed with no complete answer: retry later.
    case timeout(seconds: Double)
    /// 5xx, 429, or another unexpected status: retry later, not before `retryAfter`.
    case server(status: Int, message: String, retryAfter: Double?)
    /// 401 or 403: the token is missing, wrong or lacks rights. Stop and say so.
    case unauthorized(status: Int)
    /// 404: no such job (or no such endpoint).
    case notFound(String)
    /// 409 on cancel: the job already finished.
    case conflict(String)
    /// The body could not be read as the contract says.
    case decode(String)
    /// The body was larger than the client accepts.
    case bodyTooLarge(limit: Int)
    /// The request was refused before sending (a bad URL, a token that must not be sent).
    case invalidRequest(String)
    /// TLS or the proxy failed, in words that say what to fix: retry later.
    case connection(ConnectionFailure)

    /// Seconds the server asked us to wait, if it said.
    public var retryAfter: Double? {
        if case .server(_, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// One safe line: server text inside (an error body's message) is
    /// sanitised, so an OSC 52 in a 500 body never reaches a terminal raw.
    public var description: String {
        TerminalText.sanitize(rawDescription, profile: .utf8)
    }

    private var rawDescription: String {
        switch self {
        case .transport(let message): "cannot reach server: \(message)"
        case .timeout(let seconds): "no answer from server within \(Self.format(seconds)) s"
        case .server(429, _, let retryAfter):
            "server is rate limiting (429)"
                + (retryAfter.map { ", retry after \(Self.format($0)) s" } ?? "")
        case .server(let status, let message, let retryAfter):
            "server error \(status)" + (message.isEmpty ? "" : ": \(message)")
                + (retryAfter.map { ", retry after \(Self.format($0)) s" } ?? "")
        case .unauthorized(let status):
            "unauthorized (\(status)): check the API token (TASKS_API_TOKEN or --token-file)"
        case .notFound(let what): "not found: \(what)"
        case .conflict(let message):
            message.isEmpty ? "conflict: the job already finished" : "conflict: \(message)"
        case .decode(let message): "unreadable response: \(message)"
        case .bodyTooLarge(let limit): "response larger than \(limit / 1_048_576) MiB, refused"
        case .invalidRequest(let message): "request not sent: \(message)"
        case .connection(let failure): "cannot reach server: \(failure.message)"
        }
    }

    /// The short form for the header: a TLS or proxy failure's few words, else the description.
    public var headline: String {
        if case .connection(let failure) = self { return "cannot reach server: \(failure.headline)" }
        return description
    }

    public static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : NumberText.oneDecimal(seconds)
    }
}
