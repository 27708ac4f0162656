import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Files whose contents decide where the token goes, read the way ssh reads
/// its keys and config. Each is opened ONCE and checked with `fstat` on the
/// open descriptor, then read from that descriptor: what is checked is what
/// is read, however the path changes in between. The message says how to fix it.
///
/// A secret (the token file, the TLS client key) is opened `O_NOFOLLOW`: a
/// regular file, owned by the user, unreadable by group and others. The
/// config file may be a link (dotfile managers make them), but whatever it
/// names must be a regular file of the user's (or root's) that group and
/// others cannot write: it chooses the server, the token file and TLS.
enum PrivateFile {
    /// `what` names the file in the message: "the token file", "the client key".
    static func check(_ path: String, what: String) throws(SettingsError) {
        let fd = try openSecret(path, what: what)
        close(fd)
    }

    /// The secret's bytes (at most `limit`), from one open descriptor.
    static func read(_ path: String, what: String, limit: Int) throws(SettingsError) -> [UInt8] {
        let fd = try openSecret(path, what: what)
        defer { close(fd) }
        return try readAll(fd, path: path, what: what, limit: limit)
    }

    /// The config file's bytes (at most `limit`), from one open descriptor.
    static func readConfig(_ path: String, limit: Int) throws(SettingsError) -> [UInt8] {
        let what = "the config file"
        let fd = try open(path, what: what, followLinks: true)
        defer { close(fd) }
        let info = try status(fd, path: path, what: what)
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            throw SettingsError(
                "\(what) \(path) is owned by another user (uid \(info.st_uid)), who could change where your token goes; "
                    + "copy it to a file of your own")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw SettingsError(
                "\(what) \(path) is writable by its group or by others (mode \(String(info.st_mode & 0o777, radix: 8))), "
                    + "who could change where your token goes; fix it with: chmod go-w \(path)")
        }
        return try readAll(fd, path: path, what: what, limit: limit)
    }

    /// A trust file's bytes (a CA bundle, a client certificate): opened once,
    /// `O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK` (a link is refused, a FIFO never
    /// waited on), a regular file of the user's or root's that group and
    /// others cannot write (whoever could write it could make the client trust
    /// their server, and read the token), read from that descriptor.
    static func readTrusted(_ path: String, what: String, limit: Int) throws(SettingsError) -> [UInt8] {
        let fd = try open(path, what: what, followLinks: false)
        defer { close(fd) }
        try checkTrusted(try status(fd, path: path, what: what), path: path, what: what)
        return try readAll(fd, path: path, what: what, limit: limit)
    }

    /// The files of a hashed certificate directory (`SSL_CERT_DIR`), as
    /// OpenSSL reads it: only the entries named like `1a2b3c4d.0`. The
    /// directory is opened `O_NOFOLLOW | O_DIRECTORY` and must not be writable
    /// by group or others (its links then cannot be swapped); each entry is
    /// opened through that descriptor (`openat`), may be a link (that is what
    /// `openssl rehash` makes), and what it opens is checked like a trust file.
    static func readTrustedDirectory(_ path: String, what: String, limit: Int) throws(SettingsError) -> [[UInt8]] {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_DIRECTORY
        let fd = Glibc.open(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                throw SettingsError("\(what) \(path) is a symbolic link; name the directory itself")
            }
            if code == ENOTDIR { throw SettingsError("\(what) \(path) is not a directory") }
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        do throws(SettingsError) {
            try checkTrusted(info, path: path, what: what)
        } catch {
            close(fd)
            throw error
        }
        // fdopendir takes the descriptor over: closedir closes it.
        guard let directory = fdopendir(fd) else {
            close(fd)
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isHashName(name) { names.append(name) }
            if names.count > 10_000 { break }
        }
        var files: [[UInt8]] = []
        for name in names.sorted() {
            let entryPath = path.hasSuffix("/") ? path + name : path + "/" + name
            let file = openat(dirfd(directory), name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard file >= 0 else { continue }
            defer { close(file) }
            let entryInfo = try status(file, path: entryPath, what: "a file of \(what)")
            try checkTrusted(entryInfo, path: entryPath, what: "a file of \(what)")
            files.append(try readAll(file, path: entryPath, what: "a file of \(what)", limit: limit))
        }
        return files
    }

    /// `1a2b3c4d.0`: eight hex digits, a dot, a number (OpenSSL's hashed names).
    private static func isHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy(\.isHexDigit) && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber)
    }

    /// A trust file or directory: the user's or root's, not writable by group or others.
    private static func checkTrusted(_ info: stat, path: String, what: String) throws(SettingsError) {
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            throw SettingsError(
                "\(what) \(path) is owned by another user (uid \(info.st_uid)), who could make the client trust "
                    + "their server and read the token; copy it to a file of your own")
        }
        guard info.st_mode & 0o022 == 0 else {
            throw SettingsError(
                "\(what) \(path) is writable by its group or by others (mode \(String(info.st_mode & 0o777, radix: 8))), "
                    + "who could make the client trust their server and read the token; fix it with: chmod go-w \(path)"
            )
        }
    }

    private static func openSecret(_ path: String, what: String) throws(SettingsError) -> Int32 {
        let fd = try open(path, what: what, followLinks: false)
        do throws(SettingsError) {
            let info = try status(fd, path: path, what: what)
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
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Opens read-only, close-on-exec, non-blocking (a FIFO put in the file's
    /// place cannot hang the open); a link refused unless `followLinks`.
    private static func open(_ path: String, what: String, followLinks: Bool) throws(SettingsError) -> Int32 {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW)
        let fd = Glibc.open(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP && !followLinks {
                var target = [CChar](repeating: 0, count: 4096)
                let count = readlink(path, &target, target.count - 1)
                let named =
                    count > 0
                    ? " (to \(String(decoding: target[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)))" : ""
                throw SettingsError(
                    "\(what) \(path) is a symbolic link\(named); a secret is never read through a link: "
                        + "name the file itself")
            }
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(code)))")
        }
        return fd
    }

    /// `fstat` of the open descriptor: it must be a regular file.
    private static func status(_ fd: Int32, path: String, what: String) throws(SettingsError) -> stat {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SettingsError("\(what) \(path) is not a regular file")
        }
        return info
    }

    private static func readAll(_ fd: Int32, path: String, what: String, limit: Int) throws(SettingsError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw SettingsError("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
        throw SettingsError("\(what) \(path) is over \(limit / 1024) KiB")
    }
}
