import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Reading the audit log back: `tasks-tui audit` and the dashboard's audit screen (`a`).
extension AuditLog {
    /// The file's bytes; nil when there is no file yet; a `CLIError` (64) when it cannot be read.
    static func bytes(at path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw CLIError("cannot read the audit log \(path): \(String(cString: strerror(code)))", code: .usage)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw CLIError("cannot read the audit log \(path): not a regular file", code: .usage)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 {
                throw CLIError(
                    "cannot read the audit log \(path): \(String(cString: strerror(errno)))", code: .usage)
            }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
        }
    }

    /// This server's entries for the dashboard's audit screen, newest first.
    /// Never throws: a log that cannot be read is the screen's words.
    func read() -> AuditRead {
        do {
            guard let bytes = try Self.bytes(at: path) else {
                return .unavailable("no audit log yet at \(path): no cancel has been recorded")
            }
            let contents = AuditLogContents(bytes: bytes)
            return .entries(
                contents.newestFirst(AuditFilter(server: server, exactServer: true)),
                skipped: contents.skippedLines.count, path: path)
        } catch {
            return .unavailable((error as? CLIError)?.description ?? "\(error)")
        }
    }
}
