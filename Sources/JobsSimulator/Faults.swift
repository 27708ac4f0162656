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
    /// `simulate --help` (with its range, from `FaultDescriptor.all`): the one
    /// table the accepted keys (`keys`), parsing, `json` and the help are made
    /// from, so a new fault cannot be taken without being documented.
    public static let catalogue: [(key: String, meaning: String)] = FaultDescriptor.all.map { ($0.key, $0.help) }

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
        for fault in FaultDescriptor.all { try fault.read(fields[fault.key], into: &self) }
    }

    public var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: FaultDescriptor.all.map { ($0.key, $0.value(in: self)) }))
    }
}
