import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Opens the `--log-file` log and the audit log for appending: never through
/// a symbolic link (`O_NOFOLLOW`), never inherited by a child (`O_CLOEXEC`),
/// created mode 0600 in a directory created 0700, and only a regular file
/// (a FIFO in its place is refused, not waited on). A file left readable by
/// others is brought back to 0600.
enum LogFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The directory part of `path` ("" for a bare name, "/" for a file at the root), trailing slashes ignored.
    static func parentDirectory(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The descriptor and the file's size, or why not.
    static func openForAppend(_ path: String) throws(Failure) -> (fd: Int32, size: Int) {
        let directory = parentDirectory(path)
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                throw Failure(description: "\(path) is a symbolic link; a log is never written through one")
            }
            // A FIFO with no reader (opened non-blocking, so never waited on).
            if code == ENXIO { throw Failure(description: "\(path) is not a regular file") }
            throw Failure(description: "\(path): \(String(cString: strerror(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Failure(description: "\(path) is not a regular file")
        }
        if info.st_mode & 0o077 != 0, info.st_uid == getuid() { _ = fchmod(fd, 0o600) }
        // Back to blocking writes: the file is a regular file.
        _ = fcntl(fd, F_SETFL, O_WRONLY | O_APPEND)
        return (fd, Int(info.st_size))
    }

    /// Writes all of `bytes`, or says why not.
    static func write(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw Failure(description: count < 0 ? String(cString: strerror(errno)) : "nothing written")
            }
            offset += count
        }
    }
}
