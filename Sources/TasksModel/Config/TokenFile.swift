import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a token file the way ssh reads a private key: refused when group or
/// others can read it, when another user owns it, or when it is a symbolic
/// link; the message says how to fix it. Opened once (`O_NOFOLLOW`), checked
/// with `fstat` on that descriptor and read from it (`PrivateFile`).
public enum TokenFile {
    public static func read(_ path: String) throws(SettingsError) -> BearerToken {
        let bytes = try PrivateFile.read(path, what: "the token file", limit: 65_536)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SettingsError(
                "the API token from the token file \(path) holds a byte outside ASCII; a token is 1 to "
                    + "\(BearerToken.maxBytes) visible ASCII characters (0x21-0x7E), so it was not used")
        }
        guard !text.trimmingWhitespace().contains(where: { $0.isNewline || $0 == " " })
        else {
            throw SettingsError("the token file \(path) holds more than one line or word; it must hold the token alone")
        }
        guard let token = try BearerToken.load(text, source: "the token file \(path)") else {
            throw SettingsError("the token file \(path) is empty")
        }
        return token
    }
}
