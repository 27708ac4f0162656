import Foundation

extension SettingDescriptor {
    /// One word out of a fixed set (`notify: auto|osc9|osc777|bell|off`), set
    /// in the file or the environment; no flag (`watch --notify` is a switch of its own).
    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ key: SettingKey, _ field: Field<Choice>, default value: Choice, environment: String
    ) -> Self where Choice.RawValue == String {
        Self(
            key, environment: .value(environment), flag: nil, defaultValue: { _ in .string(value.rawValue) },
            store: { (input: SettingInput, settings: inout Settings) throws(SettingsError) in
                settings[keyPath: field] = try input.choice(Choice.self)
            },
            show: { $0[keyPath: field].rawValue })
    }
}
