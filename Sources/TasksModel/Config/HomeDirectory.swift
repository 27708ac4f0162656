/// The home directory that `~` and the default paths (config file, token file,
/// log and audit log) stand for: `$HOME` when it is set to an absolute path, as
/// shells and other tools read it, else the account's home.
public enum HomeDirectory {
    /// `$HOME` when set and absolute, else `account()` (the password database's entry).
    public static func resolve(environment: [String: String], account: () -> String) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") {
            return home.count > 1 && home.hasSuffix("/") ? String(home.dropLast()) : home
        }
        return account()
    }

    /// `path` with a leading `~` or `~/` replaced by `home`; any other path unchanged.
    public static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        return path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }
}
