import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a token file the way ssh reads a private key: refused when group or
/// others can read it, or when another user owns it; the message says how to fix it.
public enum TokenFile {
    public static func read(_ path: String) throws(SettingsError) -> BearerToken {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SettingsError("cannot read the token file \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SettingsError("the token file \(path) is not a regular file")
        }
        guard info.st_uid == getuid() else {
            throw SettingsError(
                "the token file \(path) is owned by another user (uid \(info.st_uid)); it must be yours: "
                    + "copy it to a file of your own and chmod 600 it")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw SettingsError(
                "the token file \(path) is readable by its group or by others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "fix it with: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536,
            let text = String(data: data, encoding: .utf8)
        else { throw SettingsError("cannot read the token file \(path) (not UTF-8 text, or over 64 KiB)") }
        guard let token = BearerToken(text) else { throw SettingsError("the token file \(path) is empty") }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).contains(where: { $0.isNewline || $0 == " " })
        else {
            throw SettingsError("the token file \(path) holds more than one line or word; it must hold the token alone")
        }
        return token
    }
}
