#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The account's home from the password database (`getpwuid_r`), "/" when it has none.
    /// The entry's strings live in `buffer`: read inside its scope, grown while too small.
    public static func account() -> String {
        var size = max(1024, sysconf(Int32(_SC_GETPW_R_SIZE_MAX)))
        while size <= 1 << 20 {
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: size)
            let (status, home) = buffer.withUnsafeMutableBufferPointer { bytes -> (Int32, String?) in
                guard let start = bytes.baseAddress else { return (ERANGE, nil) }
                let status = getpwuid_r(getuid(), &entry, start, bytes.count, &found)
                guard status == 0, found != nil, let directory = entry.pw_dir, directory.pointee != 0 else {
                    return (status, nil)
                }
                return (status, String(cString: directory))
            }
            if status == ERANGE {
                size *= 2
                continue
            }
            return home ?? "/"
        }
        return "/"
    }
}
