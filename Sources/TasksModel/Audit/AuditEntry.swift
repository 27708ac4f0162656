import FoundationEssentials

/// One cancel attempt as the audit log keeps it: who (user, host, front end),
/// where (server, profile), what (the job's exact id, type and title, the
/// action) and how it ended (the `CancelOutcome`'s words), and when.
///
/// A value with no I/O: the executable stamps the time and the user and
/// appends `jsonLine`; `tasks-tui audit` reads lines back with
/// `AuditEntry(line:)` (JSON, or the tab-separated lines written before), so
/// writing and reading are tested here, on strings.
public struct AuditEntry: Sendable, Hashable {
    /// When the attempt was recorded (the writer's clock, UTC on file).
    public var time: Date
    /// The local login name.
    public var user: String
    public var host: String
    /// The API server as the front ends label it (`host[:port]`); nil when not known.
    public var server: String?
    /// The config profile in force, if one was chosen.
    public var profile: String?
    /// The id exactly as the server wrote it: look-alike ids stay apart on record.
    public var jobID: JobID
    public var type: String
    /// The job's title when the front end knew it.
    public var title: String?
    /// What was attempted: `cancel` (the one action recorded today).
    public var action: String
    /// How it ended, in `CancelOutcome`'s words (`cancelled`, `accepted`, `aborted at the confirmation`, …).
    public var outcome: String
    /// `dashboard` or `cli`.
    public var frontEnd: String

    /// The action every entry records today.
    public static let cancel = "cancel"

    public init(
        time: Date, user: String, host: String, server: String?, profile: String?, jobID: JobID, type: String,
        title: String?, action: String = AuditEntry.cancel, outcome: String, frontEnd: String
    ) {
        self.time = time
        self.user = user
        self.host = host
        self.server = server
        self.profile = profile
        self.jobID = jobID
        self.type = type
        self.title = title
        self.action = action
        self.outcome = outcome
        self.frontEnd = frontEnd
    }

    /// A title longer than this is cut on record: the record is about the id, the title only helps a reader.
    public static let titleLimit = 1024

    /// The entry as one JSON object, keys sorted, with no newline: one line of
    /// the audit log. Every string goes through `redact` (the token is never
    /// written). The free-text fields are `clean`ed as the text lines were;
    /// the id keeps its exact bytes, and JSON escaping (`JSONValue.encoded`:
    /// C0, DEL, C1, line separators, bidi and invisible characters as `\u`
    /// escapes) means no byte of any field can end the line or reach a
    /// terminal that prints the file.
    public func jsonLine(redactingWith redact: (String) -> String) -> String {
        json(redactingWith: redact).encoded()
    }

    /// The entry as a JSON object (see `jsonLine`): absent fields are left out, not null.
    public func json(redactingWith redact: (String) -> String) -> JSONValue {
        func text(_ value: String) -> JSONValue { .string(Self.clean(redact(value))) }
        var members: [String: JSONValue] = [
            "time": .string(Timestamp.format(time)), "user": text(user), "host": text(host),
            "job_id": .string(redact(jobID.text)), "type": text(type), "action": text(action),
            "outcome": text(outcome), "front_end": text(frontEnd),
        ]
        if let server, !server.isEmpty { members["server"] = text(server) }
        if let profile, !profile.isEmpty { members["profile"] = text(profile) }
        if let title {
            members["title"] = .string(Self.clean(String(redact(title).unicodeScalars.prefix(Self.titleLimit))))
        }
        return .object(members)
    }

    /// One line, one field: C0 (tab and newline among them), DEL and C1 become
    /// `?`, so no text can forge a field or a line, in either format.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "?" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }
}
