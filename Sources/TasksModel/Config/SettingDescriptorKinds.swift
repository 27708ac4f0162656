import FoundationEssentials

/// The kinds of setting the table is made of. Each kind pairs one parser of
/// `SettingInput` with one way of showing the value, so two settings of the
/// same kind cannot drift apart in how they are checked or printed.
extension SettingDescriptor {
    /// Every value here is stored through a key path into `Settings`; literals are Sendable.
    typealias Field<Value> = WritableKeyPath<Settings, Value> & Sendable

    init(
        _ key: SettingKey, file: FileScope = .everywhere, environment: Environment?, flag: Flag?,
        defaultValue: @escaping @Sendable (String) -> JSONValue? = { _ in nil },
        store: @escaping @Sendable (SettingInput, inout Settings) throws(SettingsError) -> Void,
        show: @escaping @Sendable (Settings) -> String, sourceFollows: SettingKey? = nil
    ) {
        self.key = key
        self.file = file
        self.environment = environment
        self.flag = flag
        self.defaultValue = defaultValue
        self.store = store
        self.show = show
        self.sourceFollows = sourceFollows
    }

    /// A setting whose variable and flag take its value (as text), checked by `parse`
    /// exactly like the file's value: the shape of most kinds below.
    static func option<Value>(
        _ key: SettingKey, _ field: Field<Value>, file: FileScope = .everywhere, environment: String, flag: String,
        defaultValue: @escaping @Sendable (String) -> JSONValue? = { _ in nil },
        parse: @escaping @Sendable (SettingInput) throws(SettingsError) -> Value,
        show: @escaping @Sendable (Value) -> String
    ) -> Self {
        Self(
            key, file: file, environment: .value(environment), flag: Flag(name: flag), defaultValue: defaultValue,
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try parse(input)
            },
            show: { show($0[keyPath: field]) })
    }

    /// The jobs API's base URL; unset by default.
    static func url(_ key: SettingKey, _ field: Field<URL?>, environment: String, flag: String) -> Self {
        option(
            key, field, environment: environment, flag: flag,
            parse: { (input: SettingInput) throws(SettingsError) in try input.url() },
            show: { $0?.absoluteString ?? "(not set)" })
    }

    /// Whether the token is in the environment. The value is never read or shown
    /// here: `config` says only "set" (also when the `alternative` token file is).
    static func token(
        _ key: SettingKey, _ field: Field<Bool>, environment: String, shownAsSetWith alternative: Field<String?>
    ) -> Self {
        Self(
            key, file: .none, environment: .presence(environment, sets: true), flag: nil,
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.bool()
            },
            show: { $0[keyPath: field] || $0[keyPath: alternative] != nil ? "set" : "not set" },
            sourceFollows: .tokenFile)
    }

    /// An optional path, unset by default.
    static func path(_ key: SettingKey, _ field: Field<String?>, environment: String, flag: String) -> Self {
        option(
            key, field, environment: environment, flag: flag,
            parse: { (input: SettingInput) throws(SettingsError) in try input.path() }, show: { $0 ?? "(none)" })
    }

    /// A proxy URL, unset by default; shown without its credentials.
    static func proxy(_ key: SettingKey, _ field: Field<String?>, environment: String, flag: String) -> Self {
        option(
            key, field, environment: environment, flag: flag,
            parse: { (input: SettingInput) throws(SettingsError) in try input.proxyURL() },
            show: { $0.map(ProxyChoice.redacted) ?? "(none)" })
    }

    /// A path that defaults to a file in the state directory.
    static func path(
        _ key: SettingKey, _ field: Field<String>, inStateDirectory name: String, environment: String, flag: String
    ) -> Self {
        var descriptor = option(
            key, field, environment: environment, flag: flag, defaultValue: { .string($0 + "/" + name) },
            parse: { (input: SettingInput) throws(SettingsError) in try input.path() }, show: { $0 })
        descriptor.defaultText = "$XDG_STATE_HOME/tasks-tui/\(name)"
        return descriptor
    }

    /// A duration in seconds within `range`.
    static func seconds(
        _ key: SettingKey, _ field: Field<Double>, _ range: ClosedRange<Double>, default value: Double,
        environment: String, flag: String
    ) -> Self {
        var descriptor = option(
            key, field, environment: environment, flag: flag, defaultValue: { _ in .number(value) },
            parse: { (input: SettingInput) throws(SettingsError) in try input.number(range) },
            show: { "\(APIError.format($0)) s" })
        descriptor.defaultText = APIError.format(value)
        return descriptor
    }

    /// A duration in seconds within `range`, or unset, which `config` describes as `unset`.
    static func seconds(
        _ key: SettingKey, _ field: Field<Double?>, _ range: ClosedRange<Double>, unset: String,
        environment: String, flag: String
    ) -> Self {
        var descriptor = option(
            key, field, environment: environment, flag: flag,
            parse: { (input: SettingInput) throws(SettingsError) in try input.number(range) },
            show: { $0.map { "\(APIError.format($0)) s" } ?? unset })
        descriptor.defaultText = unset
        return descriptor
    }

    /// A whole number within `range`.
    static func count(
        _ key: SettingKey, _ field: Field<Int>, _ range: ClosedRange<Double>, default value: Int,
        environment: String, flag: String
    ) -> Self {
        var descriptor = option(
            key, field, environment: environment, flag: flag, defaultValue: { _ in .number(Double(value)) },
            parse: { (input: SettingInput) throws(SettingsError) in Int(try input.number(range)) }, show: { "\($0)" })
        descriptor.defaultText = "\(value)"
        return descriptor
    }

    /// On or off. The flag is a switch that turns the default around (`--read-only`, `--no-color`).
    static func toggle(
        _ key: SettingKey, _ field: Field<Bool>, default value: Bool, file: FileScope = .everywhere,
        environment: Environment? = nil, flag: String
    ) -> Self {
        Self(
            key, file: file, environment: environment, flag: Flag(name: flag, sets: .bool(!value)),
            defaultValue: { _ in .bool(value) },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.bool()
            },
            show: { "\($0[keyPath: field])" })
    }

    /// One word of a few (`hyperlinks: auto|on|off`, `notify: auto|osc9|osc777|bell|off`),
    /// any case. `notify` has no flag: `watch --notify` is a switch of its own.
    static func choice<Value: RawRepresentable & CaseIterable & Sendable>(
        _ key: SettingKey, _ field: Field<Value>, default value: Value, environment: String, flag: String? = nil
    ) -> Self where Value.RawValue == String {
        var descriptor = Self(
            key, environment: .value(environment), flag: flag.map { Flag(name: $0) },
            defaultValue: { _ in .string(value.rawValue) },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.choice(Value.self)
            },
            show: { $0[keyPath: field].rawValue })
        descriptor.defaultText = value.rawValue
        return descriptor
    }

    /// Configured poll rules; none by default, which leaves the reference table.
    static func pollRules(_ key: SettingKey, _ field: Field<PollRules>) -> Self {
        Self(
            key, environment: nil, flag: nil,
            defaultValue: { _ in .array([]) },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.pollRules()
            },
            show: {
                $0[keyPath: field].rules.map {
                    "\($0.match.joined(separator: "|"))=\(APIError.format($0.policy.interval))s/\(TimeText.duration($0.policy.maximumDuration))"
                }.joined(separator: ", ")
            })
    }

    /// The cancel request's method: `POST` by default, `DELETE` the other
    /// common choice (`PUT`, `PATCH` too), any case; no flag.
    static func cancelMethod(_ key: SettingKey, _ field: Field<String>, environment: String) -> Self {
        Self(
            key, environment: .value(environment), flag: nil,
            defaultValue: { _ in .string("POST") },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.cancelMethod()
            },
            show: { $0[keyPath: field] })
    }

    /// The cancel request's path template: `{base}/api/v1/jobs/{id}/cancel` by default; no flag.
    static func cancelPath(_ key: SettingKey, _ field: Field<String>, environment: String) -> Self {
        Self(
            key, environment: .value(environment), flag: nil,
            defaultValue: { _ in .string("{base}/api/v1/jobs/{id}/cancel") },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.cancelPath()
            },
            show: { $0[keyPath: field] })
    }

    /// The zone of timestamps written with no zone: `auto` (inferred from the
    /// server's clock, the default), `UTC`, or an offset (`-05:00`, `+5:30`, `UTC-5`); no flag.
    static func timestampsZone(_ key: SettingKey, _ field: Field<Double?>, environment: String) -> Self {
        Self(
            key, environment: .value(environment), flag: nil,
            defaultValue: { _ in .string("auto") },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.timestampsZone()
            },
            show: { settings in
                guard let offset = settings[keyPath: field] else { return "auto" }
                return offset == 0 ? "UTC" : NaiveZone(setting: offset).text!.replacing("timestamps read as ", with: "")
            })
    }

    /// A name (the profile), unset by default.
    static func name(
        _ key: SettingKey, _ field: Field<String?>, file: FileScope, environment: String, flag: String
    ) -> Self {
        option(
            key, field, file: file, environment: environment, flag: flag,
            parse: { (input: SettingInput) throws(SettingsError) in try input.name() },
            show: { $0 ?? "(none)" })
    }
}
