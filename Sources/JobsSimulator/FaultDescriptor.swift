import TasksModel

/// Everything about one fault `/_sim/faults` takes: its key, what it does in
/// the words of `simulate --help`, the kind of value it takes (with its range)
/// and the field of `Faults` it sets. Parsing, `Faults.json`, the accepted
/// keys and the help all come from `FaultDescriptor.all`, so a range or a key
/// written once cannot disagree with itself anywhere else.
struct FaultDescriptor: Sendable {
    /// A field of `Faults`; key path literals are Sendable.
    typealias Field<Value> = WritableKeyPath<Faults, Value> & Sendable

    /// What a fault's value is. A key absent (or null) leaves the field at its
    /// value in `Faults()`: the property initialisers there are the one place
    /// defaults live, since `Faults()` is also what "no fault" means.
    enum Kind: Sendable {
        /// A number in the range.
        case number(ClosedRange<Double>, Field<Double>)
        /// A JSON number in the range, kept as a whole number (cut down, as `Int(_:)` does).
        case integer(ClosedRange<Int>, Field<Int>)
        /// A number in the range, or nothing: the fault is off.
        case optionalNumber(ClosedRange<Double>, Field<Double?>)
        /// true or false.
        case flag(Field<Bool>)
    }

    let key: String
    /// What the fault does, without its range or default: `help` adds them from `kind`.
    let meaning: String
    let kind: Kind

    /// The range a number must be in, as `Double`s (nil for a flag).
    var range: ClosedRange<Double>? {
        switch kind {
        case .number(let range, _), .optionalNumber(let range, _): range
        case .integer(let range, _): Double(range.lowerBound)...Double(range.upperBound)
        case .flag: nil
        }
    }

    /// The line of `simulate --help`: the meaning, with the range, and the
    /// default when it is not the range's bottom (`(100...599; 500)`).
    var help: String {
        guard let range else { return "true: " + meaning }
        let bounds = Self.text(range)
        let defaultValue: Double? =
            switch kind {
            case .number(_, let field): Faults()[keyPath: field]
            case .integer(_, let field): Double(Faults()[keyPath: field])
            case .optionalNumber, .flag: nil
            }
        guard let defaultValue, defaultValue != range.lowerBound else { return "\(meaning) (\(bounds))" }
        return "\(meaning) (\(bounds); \(APIError.format(defaultValue)))"
    }

    /// Reads this fault's value from a `/_sim/faults` body into `faults`.
    func read(_ value: JSONValue?, into faults: inout Faults) throws(Faults.Invalid) {
        if value == nil || value == .null { return }
        switch (kind, value) {
        case (.number(let range, let field), .number(let number)?) where range.contains(number):
            faults[keyPath: field] = number
        case (.integer(_, let field), .number(let number)?) where self.range?.contains(number) == true:
            faults[keyPath: field] = Int(number)
        case (.optionalNumber(let range, let field), .number(let number)?) where range.contains(number):
            faults[keyPath: field] = number
        case (.flag(let field), .bool(let flag)?):
            faults[keyPath: field] = flag
        default:
            guard let range else { throw Faults.Invalid(description: "\(key) must be true or false") }
            throw Faults.Invalid(description: "\(key) must be a number in \(Self.text(range))")
        }
    }

    /// This fault's value in `faults`, as `GET /_sim/faults` shows it.
    func value(in faults: Faults) -> JSONValue {
        switch kind {
        case .number(_, let field): .number(faults[keyPath: field])
        case .integer(_, let field): .number(Double(faults[keyPath: field]))
        case .optionalNumber(_, let field): faults[keyPath: field].map { .number($0) } ?? .null
        case .flag(let field): .bool(faults[keyPath: field])
        }
    }

    /// `0...1`, `100...599`: how errors and the help write a range.
    static func text(_ range: ClosedRange<Double>) -> String {
        "\(APIError.format(range.lowerBound))...\(APIError.format(range.upperBound))"
    }
}

extension FaultDescriptor {
    /// The one fault table, in the order `simulate --help` lists it.
    static let all: [FaultDescriptor] = [
        .init(
            key: "latency_ms", meaning: "ms added to every answer", kind: .integer(0...600_000, \.latencyMilliseconds)),
        .init(key: "error_rate", meaning: "share answered with error_status", kind: .number(0...1, \.errorRate)),
        .init(key: "error_status", meaning: "the status of those errors", kind: .integer(100...599, \.errorStatus)),
        .init(
            key: "rate_limit_retry_after", meaning: "every request 429, Retry-After in s",
            kind: .optionalNumber(0...86_400, \.rateLimitRetryAfter)),
        .init(
            key: "malformed_rate", meaning: "share answered 200 with a broken body",
            kind: .number(0...1, \.malformedRate)),
        .init(
            key: "malformed_list_element", meaning: "one invalid job in every list",
            kind: .flag(\.malformedListElement)),
        .init(key: "hang_rate", meaning: "share never answered", kind: .number(0...1, \.hangRate)),
        .init(key: "drop_rate", meaning: "share dropped mid-body", kind: .number(0...1, \.dropRate)),
        .init(
            key: "ignore_status_filter", meaning: "lists answer as if status= were absent",
            kind: .flag(\.ignoreStatusFilter)),
    ]
}
