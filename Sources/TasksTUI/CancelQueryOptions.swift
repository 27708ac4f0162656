import ArgumentParser
import TasksModel

extension CancelQuery.Status: ExpressibleByArgument {}

/// `tasks-tui cancel`'s query options: which active jobs to cancel, instead of ids.
struct CancelQueryOptions: ParsableArguments {
    @Option(help: "Active jobs of this status (active: queued and processing).")
    var status: CancelQuery.Status?

    @Option(help: ArgumentHelp("Jobs of exactly this type (scraping, video_generation, ...).", valueName: "type"))
    var type: String?

    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("Jobs created at least this long ago: 90s, 30m, 2h, 1d, 1h30m.", valueName: "age"))
    var olderThan: String?

    @Option(help: ArgumentHelp("Jobs whose title holds this text, in any case.", valueName: "text"))
    var title: String?

    @Flag(name: .customLong("dry-run"), help: "Print exactly the jobs it would cancel; send nothing; exit 0.")
    var dryRun = false

    @Flag(help: "With --dry-run: the jobs as JSON ({\"jobs\": [...]}).")
    var json = false

    /// Any selecting option was given: the command cancels by query.
    var isGiven: Bool { status != nil || type != nil || olderThan != nil || title != nil }

    /// The query, or a usage error naming the option at fault.
    func query() throws -> CancelQuery {
        var age: Double?
        if let olderThan {
            switch AuditDuration.parse(olderThan) {
            case .success(let seconds): age = seconds
            case .failure(let problem): throw ValidationError("--older-than: \(problem)")
            }
        }
        if type?.isEmpty == true { throw ValidationError("--type: give a type") }
        if title?.isEmpty == true { throw ValidationError("--title: give some text") }
        if json && !dryRun { throw ValidationError("--json goes with --dry-run") }
        return CancelQuery(status: status ?? .active, type: type, olderThan: age, title: title)
    }
}
