import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A secret kept in a file (the token file, the TLS client key), checked the
/// way ssh checks a private key: a regular file, owned by the user, unreadable
/// by group and others. The message says how to fix it.
enum PrivateFile {
    /// `what` names the file in the message: "the token file", "the client key".
    static func check(_ path: String, what: String) throws(SettingsError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SettingsError("\(what) \(path) is not a regular file")
        }
        guard info.st_uid == getuid() else {
            throw SettingsError(
                "\(what) \(path) is owned by another user (uid \(info.st_uid)); it must be yours: "
                    + "copy it to a file of your own and chmod 600 it")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw SettingsError(
                "\(what) \(path) is readable by its group or by others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "fix it with: chmod 600 \(path)")
        }
    }
}
