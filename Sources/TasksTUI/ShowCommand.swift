import ArgumentParser
import FoundationEssentials
import TasksModel

/// `tasks-tui show JOB_ID`
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every field of one job, as the dashboard's details pane does.",
        discussion: """
            Examples:
              tasks-tui show job_abc123
              tasks-tui show job_abc123 --json | jq .error_data
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The job's id.")
    var jobID: String

    @Flag(help: "The job in the API's JSON form.")
    var json = false

    func run() async throws {
        try await runReportingErrors {
            let connection = try global.connect()
            defer { connection.shutdown() }
            let job: Job
            do {
                job = try await connection.api.job(id: JobID(jobID))
            } catch let error as APIError {
                throw CLIError(error, doing: "cannot show \(jobID)")
            }
            if json {
                Console.out(job.json.encoded(pretty: true))
                return
            }
            for line in JobText.details(
                job, width: outputWidth(), profile: outputProfile(), zone: .system, now: Date())
            {
                Console.out(line)
            }
        }
    }
}
