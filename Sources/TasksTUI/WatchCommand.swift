import ArgumentParser
import FoundationEssentials
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
            job finishes or its type's maximum duration since creation passes. Until the
            job is first read its type is unknown: the longest maximum of any type (90m
            in the reference table) from the start bounds the wait, so a server never
            reached ends it (exit 6). On a terminal one line is updated in place; piped,
            a line is printed per change. Network errors are retried with the
            dashboard's backoff and never taken for a failed job. Every line names
            the job (id and title); the last says how it ended:
              job_d4 Competitor landscape  failed after 2m: quota exceeded

            Exit status: 0 completed; 1 failed (error_data.message printed);
            2 cancelled; 3 still running when the time ran out (it may still be
            running); 4 unknown job; 5 unauthorized; 6 no usable answer from the
            server by the deadline (--timeout or the maximum duration; either holds
            while requests fail too); 10 TLS failed (certificate not trusted,
            expired or for another name, or the handshake refused); 11 the proxy
            refused or wants authentication (407);
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
            discussion:
                "Default: the type's maximum duration since the job was created (before the first read, the longest of any type from now)."
        ))
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
            var watch = JobWatch(
                id: JobID(jobID),
                schedule: FollowSchedule(
                    configuration: connection.settings.engineConfiguration, intervalOverride: interval,
                    seed: UInt64(getpid())),
                timeout: giveUpAfter)
            var lastLine = ""
            /// Who the in-place line is about: the id, and the title once known.
            var label = WatchVerdict.label(jobID: jobID, title: nil, profile: profile)
            var titled = false
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
            /// The bell and notification for the job's ending, when --notify asked for them.
            func tell(_ job: Job, gone: Bool = false) {
                guard notify, let fd = WatchNotice.terminalFD(),
                    let ending = JobEnding(
                        job: job, gone: gone,
                        duration: JobRow(job: job, context: .init(now: Date(), zone: .system, profile: profile))
                            .elapsed, profile: profile)
                else { return }
                let notifier = TerminalNotifier.choose(
                    connection.settings.notify, environment: ProcessInfo.processInfo.environment)
                let notification = TerminalNotification(
                    title: ending.notificationTitle, body: ending.notificationBody, via: notifier, profile: profile)
                Console.write(fd: fd, notification.bytes)
            }
            let end = try await watch.run(
                api: api, now: { Date() }, sleep: { try await Task.sleep(for: .milliseconds(Int($0 * 1000))) },
                update: { update in
                    switch update {
                    case .read(let job):
                        if !titled { label = WatchVerdict.label(jobID: jobID, title: job.title, profile: profile) }
                        titled = true
                        let step = TerminalText.sanitize(job.progress.currentStep ?? "", profile: profile)
                        let eta = job.progress.estimatedSecondsRemaining.map { "  ~" + TimeText.duration($0) } ?? ""
                        show(
                            "\(JobText.bar(job.progress.percentage, width: 20, profile: profile))  \(TerminalText.sanitize(job.status.wireName, profile: profile))  \(step)\(eta)"
                        )
                    case .retrying(let after, let error):
                        show("retrying in \(Int(after.rounded(.up)))s: \(error.description)")
                    }
                })
            let verdict = WatchVerdict(end, watch: watch, jobID: jobID, now: Date(), profile: profile)
            if tty { Console.write(fd: 1, "\r\u{1B}[2K") }
            if let line = verdict.line { Console.out(line) }
            if let ending = verdict.ending { tell(ending.job, gone: ending.gone) }
            if let error = verdict.error { throw error }
            if verdict.status != .success { throw ExitCode(verdict.status.rawValue) }
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
