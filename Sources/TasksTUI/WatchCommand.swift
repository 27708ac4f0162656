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

            Exit status: 0 completed; 1 failed (error_data.message printed);
            2 cancelled; 3 still running when the time ran out (it may still be
            running); 4 unknown job; 5 unauthorized; 6 no usable answer from the
            server by the deadline (--timeout holds while requests fail too);
            64 a bad option, configuration or token file.

            --notify rings the bell and sends a desktop notification (OSC 9 or 777, as the
            `notify` setting chooses for this terminal) when the job completes, fails, is
            cancelled or is gone (404 after it was seen). Written to standard error when it
            is a terminal, else to standard output when that is one, else nowhere: never
            into a pipe or a file. A network error is not an ending: nothing is sent.

            Examples:
              tasks-tui watch job_abc123
              tasks-tui watch job_abc123 --notify
              tasks-tui watch job_abc123 --interval 2 --timeout 600 && echo done
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The job's id.")
    var jobID: String

    @Option(help: "Seconds between polls (default: the type's interval).")
    var interval: Double?

    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp(
            "Give up after this many seconds from now, whether requests succeed or fail.",
            discussion: "Default: the type's maximum duration since the job was created."))
    var giveUpAfter: Double?

    @Flag(help: "Bell and desktop notification (OSC 9/777) on the terminal when the job ends.")
    var notify = false

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
            var schedule = FollowSchedule(
                configuration: connection.settings.engineConfiguration, intervalOverride: interval,
                seed: UInt64(getpid()))
            // --timeout counts from now and holds whether reads succeed or fail;
            // without it the deadline is the type's maximum duration, known after the first read.
            schedule.deadline = giveUpAfter.map { started.addingTimeInterval($0) }
            var lastLine = ""
            /// The type of the first read: its policy sets the interval and the deadline.
            var type: String?
            /// Who the in-place line is about: the id, and the title once known.
            var label = TerminalText.sanitize(jobID, profile: profile)
            func show(_ text: String) {
                // Redacted before it is cut, so no part of the token is left at the cut.
                let line = Redaction.redact(label + "  " + text)
                if tty {
                    let (cut, _) = TerminalText.truncate(line, to: max(10, outputWidth() - 1), profile: profile)
                    Console.write(fd: 1, "\r\u{1B}[2K" + cut)
                } else if line != lastLine {
                    Console.out(line)
                }
                lastLine = line
            }
            func finish(_ text: String) {
                if tty { Console.write(fd: 1, "\r\u{1B}[2K") }
                Console.out(text)
            }
            /// The bell and notification for the job's ending, when --notify asked for them.
            func tell(_ job: Job, gone: Bool = false) {
                guard notify, let fd = WatchNotice.terminalFD(),
                    let ending = JobEnding(
                        job: job, gone: gone,
                        duration: JobRow(job: job, context: .init(now: Date(), zone: .current, profile: profile))
                            .elapsed, profile: profile)
                else { return }
                let notifier = TerminalNotifier.choose(
                    connection.settings.notify, environment: ProcessInfo.processInfo.environment)
                let notification = TerminalNotification(
                    title: ending.notificationTitle, body: ending.notificationBody, via: notifier, profile: profile)
                Console.write(fd: fd, notification.bytes)
            }
            /// The last data read: a 404 after it means the job is gone.
            var seen: Job?
            func why() -> String {
                giveUpAfter.map { "after --timeout \(APIError.format($0)) s" }
                    ?? "past its type's maximum duration (\(TimeText.duration(schedule.policy(for: type ?? "").maximumDuration)))"
            }
            while true {
                do {
                    let job = try await api.job(id: JobID(jobID))
                    seen = job
                    if type == nil {
                        type = job.type
                        if let title = job.title, !title.isEmpty {
                            label += " " + TerminalText.sanitize(title, profile: profile)
                        }
                    }
                    if schedule.deadline == nil {
                        schedule.deadline = (job.createdAt ?? started).addingTimeInterval(
                            schedule.policy(for: job.type).maximumDuration)
                    }
                    let step = TerminalText.sanitize(job.progress.currentStep ?? "", profile: profile)
                    let eta = job.progress.estimatedSecondsRemaining.map { "  ~" + TimeText.duration($0) } ?? ""
                    switch job.status {
                    case .completed:
                        finish(
                            "\(JobText.bar(100, width: 20, profile: profile))  completed  \(TerminalText.sanitize(job.id.text, profile: profile))"
                        )
                        tell(job)
                        return
                    case .failed:
                        let message = TerminalText.sanitize(job.error?.message ?? "job failed", profile: profile)
                        finish("failed: \(message)")
                        tell(job)
                        throw ExitCode(ExitStatus.jobFailed.rawValue)
                    case .cancelled:
                        finish("cancelled: \(TerminalText.sanitize(job.id.text, profile: profile))")
                        tell(job)
                        throw ExitCode(ExitStatus.jobCancelled.rawValue)
                    default:
                        show(
                            "\(JobText.bar(job.progress.percentage, width: 20, profile: profile))  \(TerminalText.sanitize(job.status.wireName, profile: profile))  \(step)\(eta)"
                        )
                    }
                    let wait = schedule.succeeded(type: type ?? "")
                    guard let sleep = schedule.sleep(wait, now: Date()) else {
                        finish(
                            "gave up waiting \(why()): job \(TerminalText.sanitize(jobID, profile: profile)) is still running and may still finish; check the dashboard"
                        )
                        throw ExitCode(ExitStatus.stillRunning.rawValue)
                    }
                    try await Task.sleep(for: .milliseconds(Int(sleep * 1000)))
                } catch let error as APIError {
                    // The engine's classification and backoff: give up only when retrying cannot help,
                    // or when the deadline has come (exit 6: no usable answer in time).
                    guard case .retry(let delay, _) = schedule.failed(error),
                        let sleep = schedule.sleep(delay, now: Date())
                    else {
                        if tty { Console.write(fd: 1, "\r\u{1B}[2K") }
                        // A 404 for a job read before: it is gone, an ending. Any other error is not.
                        if error.errorClass == .notFound, let seen { tell(seen, gone: true) }
                        let doing =
                            schedule.deadline.map { $0 <= Date() } == true
                            ? "gave up watching \(jobID) \(why())" : "cannot watch \(jobID)"
                        throw CLIError(error, doing: doing)
                    }
                    show("retrying in \(Int(sleep.rounded(.up)))s: \(error.description)")
                    try await Task.sleep(for: .milliseconds(Int(sleep * 1000)))
                }
            }
        }
    }
}

/// Where `watch --notify` writes: standard error when it is a terminal, else
/// standard output when that is one, else nowhere. A bell or an OSC never goes
/// into a pipe or a file (`watch … | tee log`, `2>err.log`).
enum WatchNotice {
    static func terminalFD() -> Int32? {
        if isatty(2) == 1 { return 2 }
        if isatty(1) == 1 { return 1 }
        return nil
    }
}
