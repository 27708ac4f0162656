import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// One JSON line per cancel attempt (`AuditEntry`: time, local user, host,
/// server, profile, job id, type, title, outcome, front end), appended to a
/// file under the user's state directory. Never holds the token: every field
/// passes through `Redaction`. `tasks-tui audit` reads it back (docs/audit.md).
struct AuditLog: Sendable {
    let path: String
    var server: String = ""
    /// The config profile in force, if one was chosen.
    var profile: String?

    /// Records one attempt; throws, saying why, when the line was not written.
    /// The outcome is a `CancelOutcome`, so both front ends write the same words.
    /// The id is kept exactly as spelled (`job_cafe\u{301}` and `job_café` stay apart).
    func record(
        jobID: JobID, type: String, outcome: CancelOutcome, source: String, title: String? = nil
    ) throws(LogFile.Failure) {
        let entry = AuditEntry(
            time: Date(), user: Self.userName, host: ProcessInfo.processInfo.hostName,
            server: server.isEmpty ? nil : server, profile: profile, jobID: jobID, type: type, title: title,
            outcome: outcome.description, frontEnd: source)
        do {
            try append(entry.jsonLine(redactingWith: Redaction.redact) + "\n")
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
    static func clean(_ text: String) -> String { AuditEntry.clean(text) }

    /// Appends one line, opening the file each time (`LogFile`: no link
    /// followed, mode 0600). Never rotated: it is the record. A line that
    /// could not be written is an error the caller shows.
    private func append(_ line: String) throws(LogFile.Failure) {
        let (fd, _) = try LogFile.openForAppend(path)
        defer { close(fd) }
        try LogFile.write(fd, Array(line.utf8))
    }
}
