import FoundationEssentials

/// One raw value for one setting from one layer, with the parsers every layer
/// shares: a value is checked the same whether it came from the file, a
/// profile, the environment or a flag, and a failure names the key and the layer.
struct SettingInput {
    var key: SettingKey
    var raw: JSONValue
    var source: SettingSource
    /// For `~/` in paths.
    var home: String

    func fail(_ why: String) -> SettingsError { SettingsError("\(key.rawValue) from \(source): \(why)") }

    /// A number (or its text, as environment variables give it) inside `range`.
    func number(_ range: ClosedRange<Double>) throws(SettingsError) -> Double {
        let value: Double?
        switch raw {
        case .number(let number): value = number
        case .string(let text): value = Double(text.trimmingSpaces())
        default: value = nil
        }
        guard let value, value.isFinite, range.contains(value) else {
            throw fail("must be a number from \(range.lowerBound) to \(range.upperBound), got \(raw.encoded())")
        }
        return value
    }

    /// true/false, or the words a shell user would write for them.
    func bool() throws(SettingsError) -> Bool {
        switch raw {
        case .bool(let value): return value
        case .string(let text):
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: break
            }
        default: break
        }
        throw fail("must be true or false, got \(raw.encoded())")
    }

    /// One of `Choice`'s words, any case.
    func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws(SettingsError) -> Choice
    where Choice.RawValue == String {
        if let text = raw.stringValue,
            let value = Choice(rawValue: text.trimmingSpaces().lowercased())
        {
            return value
        }
        throw fail("must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), got \(raw.encoded())")
    }

    /// A non-empty path, `~/` expanded.
    func path() throws(SettingsError) -> String {
        guard let text = raw.stringValue, !text.isEmpty else { throw fail("must be a path") }
        return text.hasPrefix("~/") ? home + text.dropFirst(1) : text
    }

    /// `auto` (nil), `UTC`, or an offset from UTC: `-05:00`, `+0530`, `+2`, `UTC-5`, `UTC+05:30`.
    func timestampsZone() throws(SettingsError) -> Double? {
        let usage = "must be auto, UTC or an offset such as -05:00 or UTC+2"
        guard var text = raw.stringValue?.trimmingSpaces() else { throw fail(usage) }
        if text.lowercased() == "auto" { return nil }
        if text.uppercased().hasPrefix("UTC") { text = String(text.dropFirst(3)) }
        if text.isEmpty || text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" || sign == "\u{2212}" else {
            throw fail(usage + ", got \(raw.encoded())")
        }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard (1...4).contains(digits.count), digits.allSatisfy(\.isASCII), let number = Int(digits) else {
            throw fail(usage + ", got \(raw.encoded())")
        }
        let (hours, minutes) = digits.count <= 2 ? (number, 0) : (number / 100, number % 100)
        guard hours <= 14, minutes < 60, [0, 15, 30, 45].contains(minutes) else {
            throw fail("is not a zone offset (at most ±14:00, in quarter hours), got \(raw.encoded())")
        }
        return Double((hours * 60 + minutes) * 60) * (sign == "+" ? 1 : -1)
    }

    /// `POST`, `DELETE`, `PUT` or `PATCH`, any case; shown upper case.
    func cancelMethod() throws(SettingsError) -> String {
        let known = ["POST", "DELETE", "PUT", "PATCH"]
        guard let text = raw.stringValue?.trimmingSpaces().uppercased(), known.contains(text)
        else { throw fail("must be one of \(known.joined(separator: ", ")), got \(raw.encoded())") }
        return text
    }

    /// A path template holding `{id}`, after the base URL (`{base}` may lead it):
    /// `{base}/api/v1/jobs/{id}/cancel`, `/api/v1/jobs/{id}`.
    func cancelPath() throws(SettingsError) -> String {
        guard let text = raw.stringValue?.trimmingSpaces(), !text.isEmpty else {
            throw fail("must be a path such as {base}/api/v1/jobs/{id}/cancel")
        }
        guard text.contains("{id}") else { throw fail("must hold {id}, where the job id goes, got \(text)") }
        let rest = text.hasPrefix("{base}") ? String(text.dropFirst("{base}".count)) : text
        guard rest.hasPrefix("/"), !rest.contains("?"), !rest.contains("#"), !rest.contains("://") else {
            throw fail("must be a path after the base URL, such as {base}/api/v1/jobs/{id}/cancel, got \(text)")
        }
        return text
    }

    /// A non-empty name.
    func name() throws(SettingsError) -> String {
        guard let text = raw.stringValue, !text.isEmpty else { throw fail("must be a name") }
        return text
    }

    /// An http(s) base URL without credentials: the token travels only in its header.
    func url() throws(SettingsError) -> URL {
        guard let text = raw.stringValue else { throw fail("must be a URL string") }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw fail("must look like https://host[:port][/prefix], got \(text)") }
        guard url.user == nil, url.password == nil else {
            throw fail("must not carry credentials; use TASKS_API_TOKEN or a token file")
        }
        return url
    }

    /// `http://[user:password@]host[:port]`: the credentials, if any, go to the proxy only.
    func proxyURL() throws(SettingsError) -> String {
        guard let text = raw.stringValue, ProxyChoice.parse(text, source: key.rawValue) != nil else {
            // The text may hold a password: not repeated.
            throw fail("must look like http://[user:password@]host:port")
        }
        return text
    }

    /// `[{match, interval, max_duration}]`, put before the reference table, which still covers the rest.
    func pollRules() throws(SettingsError) -> PollRules {
        guard case .array(let entries) = raw else {
            throw fail("must be an array of {match, interval, max_duration}")
        }
        var rules: [PollRule] = []
        let known = ["interval", "match", "max_duration"]
        for (index, entry) in entries.enumerated() {
            guard case .object(let fields) = entry else {
                throw fail("rule \(index): must be an object {match, interval, max_duration}")
            }
            if let unknown = fields.keys.filter({ !known.contains($0) }).sorted().first {
                throw fail("rule \(index): unknown key \"\(unknown)\" (known: \(known.joined(separator: ", ")))")
            }
            let matches: [String]
            switch entry["match"] {
            case .string(let one)?: matches = [one]
            case .array(let many)?: matches = many.compactMap(\.stringValue)
            default: throw fail("rule \(index): match must be a string or an array of strings")
            }
            guard !matches.isEmpty, matches.allSatisfy({ !$0.isEmpty }) else {
                throw fail("rule \(index): empty match")
            }
            guard case .number(let interval)? = entry["interval"], (1...3600).contains(interval) else {
                throw fail("rule \(index): interval must be 1...3600 seconds")
            }
            guard case .number(let maximum)? = entry["max_duration"], (10...604_800).contains(maximum) else {
                throw fail("rule \(index): max_duration must be 10...604800 seconds")
            }
            rules.append(
                PollRule(
                    match: matches,
                    policy: PollPolicy(
                        name: matches.joined(separator: "|"), interval: interval, maximumDuration: maximum)))
        }
        return PollRules(rules: rules + PollRules.reference.rules, fallback: PollRules.reference.fallback)
    }
}
