/// A flag's value as the command-line parser hands it over, so the
/// command-line side can pass `[SettingKey: any SettingFlagValue]` built from
/// its declared options and never re-list what each setting means.
public protocol SettingFlagValue: Sendable {
    /// The value as a config-file layer would hold it; nil when the flag was not given.
    var settingValue: JSONValue? { get }
}

extension String: SettingFlagValue {
    public var settingValue: JSONValue? { .string(self) }
}

extension Double: SettingFlagValue {
    public var settingValue: JSONValue? { .number(self) }
}

extension Int: SettingFlagValue {
    public var settingValue: JSONValue? { .number(Double(self)) }
}

/// A switch (`--read-only`, `--no-color`): on means given. What it sets is the
/// descriptor's business, not the parser's.
extension Bool: SettingFlagValue {
    public var settingValue: JSONValue? { self ? .bool(true) : nil }
}

extension Optional: SettingFlagValue where Wrapped: SettingFlagValue {
    public var settingValue: JSONValue? { self?.settingValue }
}

extension HyperlinkMode: SettingFlagValue {
    public var settingValue: JSONValue? { .string(rawValue) }
}
