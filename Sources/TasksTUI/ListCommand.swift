import ArgumentParser
import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// `tasks-tui list`
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List jobs as an aligned table, or as JSON.",
        usage: "tasks-tui list [--status <status>] [--limit <limit>] [--json] [<options>]",
        discussion: """
            On a terminal: an aligned table fitted to its width, the type and title
            before the step; as it narrows CREATED goes first, then ENDED and ELAPSED
            (one TIME column in their place: elapsed, or "3m ago" once ended), then
            TIME, TYPE and ID. Into a pipe or a file: every column, tab-separated (ID,
            STATUS, TYPE, TITLE, PCT, STEP, CREATED, ENDED, ELAPSED), with a header
            line and no value cut
            (cut -f3 is the type; awk -F'\\t'). Text from the server is sanitised either
            way; --json prints the jobs in the API's own form for jq.

            Examples:
              tasks-tui list
              tasks-tui list --status processing --limit 200
              tasks-tui list --status failed --json | jq -r '.jobs[].job_id'
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Which jobs, by status.")
    var status: StatusFilter = .all

    @Option(name: GlobalOptions.flag(.listLimit), help: GlobalOptions.help(.listLimit))
    var limit: Int?

    @Flag(help: "JSON: {\"jobs\": [...], \"skipped\": [...]}.")
    var json = false

    func validate() throws {
        if let limit, !(1...10_000).contains(limit) { throw ValidationError("--limit must be 1...10000") }
    }

    func run() async throws {
        try await runReportingErrors {
            let connection = try global.connect(listLimit: limit)
            defer { connection.shutdown() }
            let list: JobList
            do {
                list = try await connection.api.list(
                    status: status, limit: limit ?? connection.settings.listLimit)
            } catch let error as APIError {
                throw CLIError(error, doing: "cannot list jobs from \(connection.label)")
            }
            let asked = limit ?? connection.settings.listLimit
            if list.beyondLimit > 0 {
                Console.err(
                    "tasks-tui: the server sent \(asked + list.beyondLimit) jobs for --limit \(asked); "
                        + "only the first \(asked) were read")
            }
            if json {
                let skipped = list.skipped.map {
                    JSONValue.object(["index": .number(Double($0.index)), "reason": .string($0.reason)])
                }
                Console.out(
                    JSONValue.object(["jobs": .array(list.jobs.map(\.json)), "skipped": .array(skipped)]).encoded(
                        pretty: true))
                return
            }
            // On a terminal an aligned table; into a pipe or a file, tab-separated and never cut.
            let lines =
                isatty(1) == 1
                ? JobText.table(list.jobs, width: outputWidth(), profile: outputProfile(), zone: .system, now: Date())
                : JobText.tabSeparated(list.jobs, profile: outputProfile(), zone: .system, now: Date())
            for line in lines { Console.out(line) }
            if list.jobs.isEmpty { Console.err("no jobs (status \(status.rawValue))") }
            if !list.skipped.isEmpty {
                Console.err("tasks-tui: \(list.skipped.count) job(s) could not be read: \(list.skipped[0].reason)")
            }
        }
    }
}
