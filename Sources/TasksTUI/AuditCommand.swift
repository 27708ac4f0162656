import ArgumentParser
import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// `tasks-tui audit`: the audit log, read back. Reads a local file only: no
/// server is needed, so it works on the host where the cancels were made
/// even when the server is down.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the cancel attempts recorded in the audit log, newest first.",
        usage: "tasks-tui audit [--since <age>] [--job <id>] [--server <host>] [--json]",
        discussion: """
            Every cancel attempt, from the dashboard and from tasks-tui cancel, is
            one line of the audit log ($XDG_STATE_HOME/tasks-tui/audit.log, or
            --audit-log): when, who (user, host), which front end, the server and
            profile, the job (its exact id, type, title) and the outcome in the
            dashboard's words. Lines written before the JSON format are read too.

            On a terminal: an aligned table (times in UTC). Into a pipe or a file:
            every field, tab-separated (TIME, FRONT_END, USER, HOST, SERVER,
            PROFILE, JOB, TYPE, ACTION, OUTCOME, TITLE), with a header line and no
            value cut. Text is sanitised either way; --json prints one JSON object
            per line, the exact id included. A line that cannot be read is skipped
            and counted on stderr. No audit log yet is not an error (exit 0).

            Exit status: 0 shown (or nothing to show); 64 a bad option, a bad
            configuration or an audit log that cannot be read.

            Examples:
              tasks-tui audit
              tasks-tui audit --since 1h
              tasks-tui audit --job job_abc123 --json | jq -r .outcome
              tasks-tui audit --server api.example.com --since 2d | cut -f7,10
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "Only attempts at most this old: a number and its unit, as in 90s, 30m, 1h, 2d, 1w, 1h30m.",
            valueName: "age"))
    var since: String?

    @Option(help: ArgumentHelp("Only attempts on the job with exactly this id (its bytes).", valueName: "id"))
    var job: String?

    @Option(
        help: ArgumentHelp(
            "Only attempts on this server: host (any port) or host:port, as cancel names it.", valueName: "host"))
    var server: String?

    @Flag(help: "One JSON object per line (time, user, host, server, profile, job_id, type, title, ...).")
    var json = false

    func validate() throws {
        if let since, case .failure(let problem) = AuditDuration.parse(since) {
            throw ValidationError("--since: \(problem)")
        }
        if job?.isEmpty == true { throw ValidationError("--job: give a job id") }
        if server?.isEmpty == true { throw ValidationError("--server: give a host or host:port") }
    }

    func run() async throws {
        try await runReportingErrors {
            let settings = try global.settings()
            // When a token is configured it is installed in `Redaction`, so nothing printed can carry it,
            // whatever an old line holds. No token, or one that cannot be read, is no obstacle to reading.
            _ = try? Connection.token(settings)
            let path = settings.auditLog
            guard let bytes = try AuditLog.bytes(at: path) else {
                Console.err("tasks-tui: no audit log yet at \(path): no cancel has been recorded")
                return
            }
            let contents = AuditLogContents(bytes: bytes)
            let duration = since.flatMap { try? AuditDuration.parse($0).get() }
            let filter = AuditFilter(since: duration, now: Date(), jobID: job.map { JobID($0) }, server: server)
            let entries = contents.newestFirst(filter)
            if json {
                for entry in entries { Console.out(entry.jsonLine(redactingWith: Redaction.redact)) }
            } else {
                let lines =
                    isatty(1) == 1
                    ? AuditText.table(entries, width: outputWidth(), profile: outputProfile())
                    : AuditText.tabSeparated(entries, profile: outputProfile())
                if !entries.isEmpty || isatty(1) != 1 { for line in lines { Console.out(line) } }
            }
            if entries.isEmpty {
                Console.err(
                    contents.entries.isEmpty
                        ? "no audit entries in \(path)"
                        : "no audit entries match (\(contents.entries.count) in \(path))")
            }
            if !contents.skippedLines.isEmpty {
                let shown = contents.skippedLines.prefix(5).map(String.init).joined(separator: ", ")
                let more = contents.skippedLines.count > 5 ? ", …" : ""
                Console.err(
                    "tasks-tui: \(contents.skippedLines.count) line(s) of \(path) could not be read and were skipped (line \(shown)\(more))"
                )
            }
        }
    }
}
