/// Where a setting's value came from, for `tasks-tui config`.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    case defaultValue
    case file(String)
    case profile(String, file: String)
    case environment(String)
    case flag(String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path): "config file \(path)"
        case .profile(let name, let path): "profile \(name) in \(path)"
        case .environment(let name): "environment \(name)"
        case .flag(let name): "flag \(name)"
        }
    }
}
