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
    /// Lists ignore `status=` and answer with the newest jobs of every status, as some servers do.
    public var ignoreStatusFilter: Bool = false
    /// Share of API requests that are never answered (until the server stops).
    public var hangRate: Double = 0
    /// Share of API requests whose connection is dropped mid-response.
    public var dropRate: Double = 0

    public init() {}

    /// A `/_sim/faults` body that cannot be applied: the reason, for a 400.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Every fault `/_sim/faults` takes and what it does, in the words of
    /// `simulate --help`: the one list the accepted keys (`keys`) and the help
    /// are made from, so a new fault cannot be taken without being documented.
    public static let catalogue: [(key: String, meaning: String)] = [
        ("latency_ms", "ms added to every answer (0...600000)"),
        ("error_rate", "share answered with error_status (0...1)"),
        ("error_status", "the status of those errors (100...599; 500)"),
        ("rate_limit_retry_after", "every request 429 with this Retry-After (s)"),
        ("malformed_rate", "share answered 200 with a broken body (0...1)"),
        ("malformed_list_element", "true: one invalid job in every list"),
        ("hang_rate", "share never answered (0...1)"),
        ("drop_rate", "share dropped mid-body (0...1)"),
        ("ignore_status_filter", "true: lists answer as if status= were absent"),
    ]

    /// The keys `/_sim/faults` understands.
    public static let keys: Set<String> = Set(catalogue.map(\.key))

    /// Reads the `/_sim/faults` body. Keys absent are off; `{}` clears
    /// everything. An unknown key, a value of the wrong kind or out of range
    /// is refused (and nothing changes), never silently taken for "off".
    public init(json: JSONValue) throws(Invalid) {
        guard case .object(let fields) = json else { throw Invalid(description: "body must be a JSON object") }
        if let unknown = fields.keys.filter({ !Self.keys.contains($0) }).sorted().first {
            throw Invalid(
                description: "unknown fault \"\(unknown)\"; known: \(Self.keys.sorted().joined(separator: ", "))")
        }
        func number(_ key: String, _ range: ClosedRange<Double>) throws(Invalid) -> Double? {
            switch fields[key] {
            case nil, .null?: return nil
            case .number(let value)? where range.contains(value): return value
            default:
                throw Invalid(
                    description:
                        "\(key) must be a number in \(APIError.format(range.lowerBound))...\(APIError.format(range.upperBound))"
                )
            }
        }
        latencyMilliseconds = Int(try number("latency_ms", 0...600_000) ?? 0)
        errorRate = try number("error_rate", 0...1) ?? 0
        errorStatus = Int(try number("error_status", 100...599) ?? 500)
        rateLimitRetryAfter = try number("rate_limit_retry_after", 0...86_400)
        malformedRate = try number("malformed_rate", 0...1) ?? 0
        switch fields["malformed_list_element"] {
        case nil, .null?: break
        case .bool(let flag)?: malformedListElement = flag
        default: throw Invalid(description: "malformed_list_element must be true or false")
        }
        switch fields["ignore_status_filter"] {
        case nil, .null?: break
        case .bool(let flag)?: ignoreStatusFilter = flag
        default: throw Invalid(description: "ignore_status_filter must be true or false")
        }
        hangRate = try number("hang_rate", 0...1) ?? 0
        dropRate = try number("drop_rate", 0...1) ?? 0
    }

    public var json: JSONValue {
        [
            "latency_ms": .number(Double(latencyMilliseconds)), "error_rate": .number(errorRate),
            "error_status": .number(Double(errorStatus)),
            "rate_limit_retry_after": rateLimitRetryAfter.map { .number($0) } ?? .null,
            "malformed_rate": .number(malformedRate), "malformed_list_element": .bool(malformedListElement),
            "hang_rate": .number(hangRate), "drop_rate": .number(dropRate),
            "ignore_status_filter": .bool(ignoreStatusFilter),
        ]
    }
}
