import TasksModel

/// Misbehaviour the simulator adds on demand (`POST /_sim/faults`), to the
/// real API routes only. Rates are probabilities from 0 to 1, rolled with the
/// simulation's seed so a faulty run repeats.
public struct Faults: Sendable, Equatable {
    /// Added to every API response, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// Share of API requests answered with `errorStatus`.
    public var errorRate: Double = 0
    public var errorStatus: Int = 500
    /// When set, every API request gets 429 with this Retry-After (seconds).
    public var rateLimitRetryAfter: Double?
    /// Share of API requests answered 200 with a body that is not JSON.
    public var malformedRate: Double = 0
    /// List responses carry one extra element that is not a valid job.
    public var malformedListElement: Bool = false
    /// Share of API requests that are never answered (until the server stops).
    public var hangRate: Double = 0
    /// Share of API requests whose connection is dropped mid-response.
    public var dropRate: Double = 0

    public init() {}

    /// Reads the `/_sim/faults` body. Keys absent are off; `{}` clears everything.
    public init(json: JSONValue) {
        func number(_ key: String) -> Double? {
            if case .number(let value)? = json[key] { return value }
            return nil
        }
        latencyMilliseconds = Int(number("latency_ms") ?? 0)
        errorRate = number("error_rate") ?? 0
        errorStatus = Int(number("error_status") ?? 500)
        rateLimitRetryAfter = number("rate_limit_retry_after")
        malformedRate = number("malformed_rate") ?? 0
        if case .bool(let flag)? = json["malformed_list_element"] { malformedListElement = flag }
        hangRate = number("hang_rate") ?? 0
        dropRate = number("drop_rate") ?? 0
    }

    public var json: JSONValue {
        [
            "latency_ms": .number(Double(latencyMilliseconds)), "error_rate": .number(errorRate),
            "error_status": .number(Double(errorStatus)),
            "rate_limit_retry_after": rateLimitRetryAfter.map { .number($0) } ?? .null,
            "malformed_rate": .number(malformedRate), "malformed_list_element": .bool(malformedListElement),
            "hang_rate": .number(hangRate), "drop_rate": .number(dropRate),
        ]
    }
}
