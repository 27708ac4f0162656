import ArgumentParser
import Foundation
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a token file the way ssh reads a private key: refused when group or
/// others can read it, or when another user owns it.
enum TokenFile {
    static func read(_ rawPath: String) throws -> BearerToken {
        let path = (rawPath as NSString).expandingTildeInPath
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ValidationError("cannot read the token file \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ValidationError("the token file \(path) is not a regular file")
        }
        guard info.st_uid == getuid() else {
            throw ValidationError(
                "the token file \(path) is owned by another user; it must be yours (chown it, or make your own)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ValidationError(
                "the token file \(path) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "fix it with: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read the token file \(path)")
        }
        guard let token = BearerToken(text) else { throw ValidationError("the token file \(path) is empty") }
        return token
    }
}
