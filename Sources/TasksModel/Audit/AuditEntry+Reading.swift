import FoundationEssentials

/// Reading one line of the audit log back. Files written before the JSON
/// format hold tab-separated lines, and a file may hold both (old lines,
/// then JSON lines once the client was upgraded): the record is never
/// rewritten, so the reader takes either, line by line.
extension AuditEntry {
    /// The entry on one line, JSON or the old text format; nil for a line
    /// that is neither (cut short by a full disk, edited by hand), which the
    /// caller skips and counts rather than stopping.
    public init?(line: some StringProtocol) {
        let text = String(line)
        if text.utf8.first == UInt8(ascii: "{") {
            guard let entry = Self.fromJSON(text) else { return nil }
            self = entry
        } else {
            guard let entry = Self.fromText(text) else { return nil }
            self = entry
        }
    }

    /// A JSON line: `time`, `job_id` and `outcome` are required; a field
    /// this version does not know is ignored, so a newer writer's lines still read.
    static func fromJSON(_ text: String) -> AuditEntry? {
        guard let value = try? JSONValue.parse(Data(text.utf8)), case .object(let members) = value,
            let time = members["time"]?.stringValue.flatMap(Timestamp.parse),
            let id = members["job_id"]?.stringValue, let outcome = members["outcome"]?.stringValue,
            !id.unicodeScalars.contains("\u{FFFD}")
        else { return nil }
        // An id with U+FFFD is a corrupt byte repaired on reading: not the id the job had, so not an entry.
        let field = { (key: String) in members[key]?.stringValue }
        return AuditEntry(
            time: time, user: field("user") ?? "", host: field("host") ?? "", server: field("server"),
            profile: field("profile"), jobID: JobID(id), type: field("type") ?? "", title: field("title"),
            action: field("action") ?? cancel, outcome: outcome, frontEnd: field("front_end") ?? "")
    }

    /// A line in the format written before JSON:
    /// `TIME\tuser=…\thost=…\tsource=…\t[server=…\t]job=…\t[job_exact=…\t]type=…\toutcome=…`.
    /// The time, `job=` and `outcome=` are required; `job_exact=` (written for
    /// an id that is not plain visible ASCII) gives the exact spelling back.
    static func fromText(_ text: String) -> AuditEntry? {
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        guard let first = fields.first, let time = Timestamp.parse(String(first)) else { return nil }
        var values: [String: String] = [:]
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { return nil }
            values[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        guard let shown = values["job"], let outcome = values["outcome"] else { return nil }
        // A `job_exact=` that does not decode is no entry: `job=` was cleaned, so it may be another id.
        var exact = shown
        if let written = values["job_exact"] {
            guard let decoded = Self.unescape(written) else { return nil }
            exact = decoded
        }
        return AuditEntry(
            time: time, user: values["user"] ?? "", host: values["host"] ?? "", server: values["server"],
            profile: nil, jobID: JobID(exact), type: values["type"] ?? "", title: nil, outcome: outcome,
            frontEnd: values["source"] ?? "")
    }

    /// The inverse of `JobID.escaped`: visible ASCII as itself, anything else
    /// as `\u{HEX}`; nil when the text is not in that form.
    static func unescape(_ escaped: String) -> String? {
        var out = String.UnicodeScalarView()
        var scalars = Substring(escaped).unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else {
                out.append(scalar)
                continue
            }
            guard scalars.popFirst() == "u", scalars.popFirst() == "{",
                let close = scalars.firstIndex(of: "}"),
                let value = UInt32(String(String.UnicodeScalarView(scalars[..<close])), radix: 16),
                let decoded = Unicode.Scalar(value)
            else { return nil }
            out.append(decoded)
            scalars = scalars[scalars.index(after: close)...]
        }
        return String(out)
    }
}
