import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// Unbuffered writes to standard output and error.
///
/// `print` buffers when piped and the C `stdout` global is not usable under
/// Swift 6's strict concurrency; a line per write(2) is what a log reader or
/// a script waiting on our output wants.
enum Console {
    /// A line for standard output (tables, `show`, `--json`, `config`),
    /// through the one redaction (`Redaction`): the token is never in it.
    static func out(_ line: String) { write(fd: 1, line + "\n") }
    /// A message for standard error, redacted, and each line sanitised: error
    /// text can hold a server's words, and stderr is usually the user's terminal.
    static func err(_ line: String) {
        let profile = outputProfile()
        let lines = Redaction.redact(line).split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.sanitize(String($0), profile: profile)
        }
        write(fd: 2, lines.joined(separator: "\n") + "\n")
    }

    /// Every byte for stdout or stderr goes through here, through `Redaction`
    /// (a caller that cuts a line to a width redacts before cutting).
    static func write(fd: Int32, _ text: String) {
        var bytes = Array(Redaction.redact(text).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
