import FoundationEssentials

/// Which entries `tasks-tui audit` shows: `--since`, `--job` and `--server`,
/// all of those given. A value the command builds from its options and the
/// clock, so the filtering itself is tested without either.
public struct AuditFilter: Sendable, Hashable {
    /// Entries at or after this time.
    public var since: Date?
    /// Entries for exactly this id: its bytes, as everywhere else (`JobID`), so
    /// `job_café` never matches `job_cafe\u{301}`.
    public var jobID: JobID?
    /// Entries for this server: its label as written (`host:port`), or the host alone.
    public var server: String?

    /// The server must be the label exactly (host names in any case): the
    /// dashboard's audit screen, which shows one server's attempts, never another port's.
    public var exactServer = false

    public init(since: Date? = nil, jobID: JobID? = nil, server: String? = nil, exactServer: Bool = false) {
        self.since = since
        self.jobID = jobID
        self.server = server
        self.exactServer = exactServer
    }

    /// The filter of `--since DURATION` read at `now`, with the others as given.
    public init(since duration: Double?, now: Date, jobID: JobID? = nil, server: String? = nil) {
        self.init(since: duration.map { now.addingTimeInterval(-$0) }, jobID: jobID, server: server)
    }

    public func matches(_ entry: AuditEntry) -> Bool {
        if let since, entry.time < since { return false }
        if let jobID, entry.jobID != jobID { return false }
        if let server {
            let recorded = entry.server ?? ""
            let same = exactServer ? recorded.lowercased() == server.lowercased() : Self.sameServer(recorded, server)
            if !same { return false }
        }
        return true
    }

    /// `api.example.com` matches `api.example.com` and `api.example.com:8443`
    /// (host names in any case); `host:8443` only itself.
    static func sameServer(_ recorded: String, _ wanted: String) -> Bool {
        let recorded = recorded.lowercased()
        let wanted = wanted.lowercased()
        if recorded == wanted { return true }
        guard !wanted.contains(":") || wanted.hasPrefix("[") && wanted.hasSuffix("]") else { return false }
        return recorded.hasPrefix(wanted + ":")
    }
}
