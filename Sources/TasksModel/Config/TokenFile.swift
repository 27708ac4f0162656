import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a token file the way ssh reads a private key: refused when group or
/// others can read it, or when another user owns it; the message says how to fix it.
public enum TokenFile {
    public static func read(_ path: String) throws(SettingsError) -> BearerToken {
        try PrivateFile.check(path, what: "the token file")
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
