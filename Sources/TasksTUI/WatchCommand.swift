import ArgumentParser
import Foundation
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// `tasks-tui watch JOB_ID`: the reference's pollJobStatus, as a command.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow one job until it finishes.",
        discussion: """
            Polls at the job type's interval (scraping 5 s, ads 6 s, others 10 s) until the
            job finishes or its type's maximum duration passes. On a terminal one line is
            updated in place; piped, a line is printed per change. Network errors are
            retried with the dashboard's backoff and never taken for a failed job.

            Exit status: 0 completed; 1 failed (error_data.message printed); 2 cancelled;
            3 still running when the time ran out (it may still be running); 4 unknown job;
            5 unauthorized.

            Examples:
              tasks-tui watch job_abc123
              tasks-tui watch job_abc123 --interval 2 --timeout 600 && echo done
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The job's id.")
    var jobID: String

    @Option(help: "Seconds between polls (default: the type's interval).")
    var interval: Double?

    @Option(
        name: .customLong("timeout"),
        help: "Give up after this many seconds (default: the type's maximum duration since the job was created).")
    var giveUpAfter: Double?

    func validate() throws {
        if let interval, !(0.2...3600).contains(interval) {
            throw ValidationError("--interval must be 0.2...3600 seconds")
        }
        if let giveUpAfter, !(1...604_800).contains(giveUpAfter) {
            throw ValidationError("--timeout must be 1...604800 seconds")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            let connection = try global.connect()
            defer { connection.shutdown() }
            let api = connection.api
            let tty = isatty(1) == 1
            let profile = outputProfile()
            let started = Date()
            var deadline: Date?
            var schedule = FollowSchedule(
                configuration: connection.settings.engineConfiguration, intervalOverride: interval,
                seed: UInt64(getpid()))
            var lastLine = ""
            /// The type of the first read: its policy sets the interval and the deadline.
            var type: String?
            func show(_ text: String) {
                if tty {
                    let (cut, _) = TerminalText.truncate(text, to: max(10, outputWidth() - 1), profile: profile)
                    Console.write(fd: 1, "\r\u{1B}[2K" + cut)
                } else if text != lastLine {
                    Console.out(text)
                }
                lastLine = text
            }
            func finish(_ text: String) {
                if tty { Console.write(fd: 1, "\r\u{1B}[2K") }
                Console.out(text)
            }
            while true {
                do {
                    let job = try await api.job(id: jobID)
                    if type == nil { type = job.type }
                    if deadline == nil {
                        deadline =
                            giveUpAfter.map { started.addingTimeInterval($0) }
                            ?? (job.createdAt ?? started).addingTimeInterval(
                                schedule.policy(for: job.type).maximumDuration)
                    }
                    let step = TerminalText.sanitize(job.progress.currentStep ?? "", profile: profile)
                    let eta = job.progress.estimatedSecondsRemaining.map { "  ~" + TimeText.duration($0) } ?? ""
                    switch job.status {
                    case .completed:
                        finish(
                            "\(JobText.bar(100, width: 20, profile: profile))  completed  \(TerminalText.sanitize(job.id, profile: profile))"
                        )
                        return
                    case .failed:
                        let message = TerminalText.sanitize(job.error?.message ?? "job failed", profile: profile)
                        finish("failed: \(message)")
                        throw ExitCode(ExitStatus.jobFailed.rawValue)
                    case .cancelled:
                        finish("cancelled: \(TerminalText.sanitize(job.id, profile: profile))")
                        throw ExitCode(ExitStatus.jobCancelled.rawValue)
                    default:
                        show(
                            "\(JobText.bar(job.progress.percentage, width: 20, profile: profile))  \(TerminalText.sanitize(job.status.wireName, profile: profile))  \(step)\(eta)"
                        )
                    }
                } catch let error as APIError {
                    // The engine's classification and backoff: give up only when retrying cannot help.
                    guard case .retry(let delay, _) = schedule.failed(error) else {
                        if tty { Console.write(fd: 1, "\r\u{1B}[2K") }
                        throw CLIError(error, doing: "cannot watch \(jobID)")
                    }
                    show("retrying in \(Int(delay.rounded(.up)))s: \(error.description)")
                    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                    continue
                }
                let wait = schedule.succeeded(type: type ?? "")
                if let deadline, Date().addingTimeInterval(wait) > deadline {
                    let maximum = schedule.policy(for: type ?? "").maximumDuration
                    let why =
                        giveUpAfter.map { "after --timeout \(APIError.format($0)) s" }
                        ?? "past its type's maximum duration (\(TimeText.duration(maximum)))"
                    finish(
                        "gave up waiting \(why): job \(TerminalText.sanitize(jobID, profile: profile)) is still running and may still finish; check the dashboard"
                    )
                    throw ExitCode(ExitStatus.stillRunning.rawValue)
                }
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            }
        }
    }
}
