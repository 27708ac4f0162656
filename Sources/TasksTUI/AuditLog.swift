import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// One line per cancel attempt (time, local user, host, job id, type,
/// outcome), appended to a file under the user's state directory. Never
/// holds the token: every field passes through `Redaction`.
struct AuditLog: Sendable {
    let path: String
    var server: String = ""

    /// Records one attempt; throws, saying why, when the line was not written.
    /// The outcome is a `CancelOutcome`, so both front ends write the same words.
    /// An id that is not plain visible ASCII gets its exact spelling too
    /// (`job_exact=job_cafe\u{301}`): look-alike ids stay apart on record.
    func record(jobID: JobID, type: String, outcome: CancelOutcome, source: String) throws(LogFile.Failure) {
        let fields = [
            Timestamp.format(Date()), "user=\(Self.userName)", "host=\(ProcessInfo.processInfo.hostName)",
            "source=\(source)", server.isEmpty ? nil : "server=\(server)", "job=\(jobID.text)",
            jobID.isPlainASCII ? nil : "job_exact=\(jobID.escaped)", "type=\(type)", "outcome=\(outcome)",
        ].compactMap { $0 }.map { Self.clean(Redaction.redact($0)) }
        do {
            try append(fields.joined(separator: "\t") + "\n")
        } catch {
            throw LogFile.Failure(description: "audit log not written (\(Self.clean(error.description)))")
        }
    }

    /// The local user's login name (not $USER, which anyone can set).
    static var userName: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// One line, one field: tabs, newlines and control characters cannot forge entries.
    static func clean(_ text: String) -> String {
        String(
            text.unicodeScalars.map {
                $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) ? "?" : Character($0)
            })
    }

    /// Appends one line, opening the file each time (`LogFile`: no link
    /// followed, mode 0600). Never rotated: it is the record. A line that
    /// could not be written is an error the caller shows.
    private func append(_ line: String) throws(LogFile.Failure) {
        let (fd, _) = try LogFile.openForAppend(path)
        defer { close(fd) }
        try LogFile.write(fd, Array(line.utf8))
    }
}
