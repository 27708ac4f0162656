import ArgumentParser
import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// `tasks-tui cancel JOB_ID...`
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel jobs, after asking (default No), and confirm the server stopped each.",
        discussion: """
            Without --yes it shows the job and asks on the terminal; only y or yes
            confirms. With no terminal on standard input it refuses unless --yes.
            After the server accepts, it polls until the job says cancelled.
            Every attempt is appended to the audit log. With several ids it asks
            once, listing them, then cancels each in turn: one line per job.

            Exit status: 0 cancelled; 4 unknown job (404); 5 unauthorized; 6 server
            unreachable or failing; 7 already finished (409, or finished first);
            8 accepted but still running; 9 refused (read-only, declined, no terminal);
            10 TLS failed (certificate not trusted, expired or for another name, or the
            handshake refused); 11 the proxy refused or wants authentication (407);
            64 a bad option, configuration or token file.
            With several ids: 0 only if every job was cancelled, else the most severe
            of the jobs' codes, in this order: 5, 10, 11, 6, 8, 4, 7, 9.

            By query, instead of ids: --status, --type, --older-than and --title
            select among the active jobs the server lists (queued and processing
            only; a finished job is never selected), oldest first. --dry-run prints
            exactly the jobs it would cancel and exits 0. Otherwise it asks once,
            listing the first five: up to 5 jobs y confirms; above 5 the number of
            jobs must be typed. Then each job as with several ids.

            Examples:
              tasks-tui cancel job_abc123
              tasks-tui cancel job_abc123 --yes
              tasks-tui cancel job_a job_b job_c
              tasks-tui cancel --status queued --type scraping --older-than 2h --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The jobs' ids (or select them with the query options).", valueName: "job-ids"))
    var jobIDs: [String] = []

    @Flag(help: "Do not ask.")
    var yes = false

    @OptionGroup(title: "Cancel by query") var query: CancelQueryOptions

    func validate() throws {
        if query.isGiven {
            guard jobIDs.isEmpty else { throw ValidationError("give job ids or query options, not both") }
            _ = try query.query()
        } else {
            guard !jobIDs.isEmpty else { throw ValidationError("give at least one job id, or query options") }
            if query.dryRun || query.json { throw ValidationError("--dry-run and --json go with query options") }
        }
    }

    func run() async throws {
        if query.isGiven { return try await cancelByQuery() }
        guard jobIDs.count > 1 else { return try await cancel(jobIDs[0], yes: yes) }
        // Several ids: ask once, listing them, then each goes through the one-job flow.
        var confirmed = yes
        if !yes, isatty(0) == 1 {
            confirmed = try await askForAll()
            if !confirmed { throw ExitCode(ExitStatus.refused.rawValue) }
        }
        var codes: [Int32] = []
        for id in jobIDs {
            do {
                try await cancel(id, yes: confirmed)
                codes.append(ExitStatus.success.rawValue)
            } catch let code as ExitCode {
                codes.append(code.rawValue)
            }
        }
        let worst = ExitStatus.mostSevere(codes)
        if worst != ExitStatus.success.rawValue { throw ExitCode(worst) }
    }

    /// Lists the jobs on the terminal and asks once; a decline is audited for each.
    private func askForAll() async throws -> Bool {
        var answer = ""
        try await runReportingErrors {
            let connection = try global.connect()
            defer { connection.shutdown() }
            // Read-only: each job's own flow refuses it and audits the refusal.
            if connection.settings.readOnly {
                answer = "y"
                return
            }
            let safe = { (text: String) in TerminalText.sanitize(text, profile: outputProfile()) }
            var listing = "Cancel these \(jobIDs.count) jobs on \(safe(connection.label))?\n"
            var types: [JobID: String] = [:]
            for id in jobIDs {
                if let job = try? await connection.api.job(id: JobID(id)) {
                    types[job.id] = job.type
                    let title = job.title.map { "  \"\(safe($0))\"" } ?? ""
                    listing +=
                        "  \(safe(job.id.text))  \(safe(job.type))  \(safe(job.status.wireName))  \(Int(job.progress.percentage))%\(title)\n"
                    if !job.id.isPlainASCII { listing += "    exact id: \(job.id.escaped)\n" }
                } else {
                    listing += "  \(safe(id))  (could not be read)\n"
                }
            }
            answer = TerminalQuestion.ask(listing + "[y/N] ")
            if answer != "y" && answer != "yes" {
                let audit = AuditLog(
                    path: connection.settings.auditLog, server: connection.label,
                    profile: connection.settings.profile)
                for id in jobIDs {
                    do {
                        try audit.record(
                            jobID: JobID(id), type: types[JobID(id)] ?? "?", outcome: .declined, source: "cli")
                    } catch {
                        Console.err("tasks-tui: warning: \(error): the decline of \(safe(id)) is not on record")
                    }
                }
                Console.err("tasks-tui: not cancelled; nothing sent")
            }
        }
        return answer == "y" || answer == "yes"
    }

    /// One job: `CancelFlow` decides (refuse or read, ask, send, verify, audit); this loop
    /// performs its effects and turns its ending into one line and an exit status.
    func cancel(_ jobID: String, yes: Bool) async throws {
        try await runReportingErrors {
            let connection = try global.connect()
            defer { connection.shutdown() }
            let audit = AuditLog(
                path: connection.settings.auditLog, server: connection.label, profile: connection.settings.profile)
            let id = JobID(jobID)
            var flow = CancelFlow(
                jobID: id,
                setup: CancelFlow.Setup(
                    readOnly: connection.settings.readOnly, yes: yes, canAsk: isatty(0) == 1,
                    configuration: connection.settings.engineConfiguration, seed: UInt64(getpid())))
            // Each poll's state: one line rewritten in place on a terminal, a line each otherwise.
            let progress = PollLine(isTerminal: isatty(2) == 1)
            defer { progress.end() }
            let safe = { (text: String) in TerminalText.sanitize(text, profile: outputProfile()) }
            // The API's answers as values for `CancelFlow`.
            func read() async -> Result<Job, APIError> {
                do { return .success(try await connection.api.job(id: id)) } catch { return .failure(error) }
            }
            func send() async -> Result<CancelAcceptance, APIError> {
                do { return .success(try await connection.api.cancel(id: id)) } catch { return .failure(error) }
            }
            var pending = flow.next(.start)
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                switch effect {
                case .audit(let outcome):
                    do {
                        try audit.record(
                            jobID: id, type: flow.type, outcome: outcome, source: "cli", title: flow.job?.title)
                    } catch {
                        // On a line of its own, never after the poll line.
                        progress.end()
                        Console.err(
                            "tasks-tui: warning: \(error): this cancel attempt (\(outcome)) is not on record"
                        )
                    }
                case .read:
                    pending += flow.next(.read(await read()))
                case .ask(let job):
                    let question = TerminalQuestion.cancelQuestion(
                        for: job, server: connection.label, profile: outputProfile())
                    pending += flow.next(.answered(TerminalQuestion.ask(question)))
                case .send:
                    let answer = await send()
                    pending += flow.next(.sent(answer, at: Date()))
                case .poll(let wait):
                    try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                    pending += flow.next(.polled(await read()))
                case .progress(let poll, let job):
                    progress.show(
                        "cancel sent; poll \(poll): \(safe(jobID)) is \(safe(job.status.wireName)), \(Int(job.progress.percentage))%"
                    )
                case .finish(let ending):
                    // The poll line ends before the outcome is printed, so the two never share a line.
                    progress.end()
                    try Self.report(ending, jobID: safe(jobID), safe: safe)
                }
            }
        }
    }

    /// The last line of one job's cancel, and its exit status (thrown unless cancelled).
    private static func report(_ ending: CancelFlow.Ending, jobID: String, safe: (String) -> String) throws {
        switch ending {
        case .readOnly:
            throw CLIError("read-only: cancelling is disabled; nothing sent", code: .refused)
        case .noTerminal:
            throw CLIError(
                "standard input is not a terminal: cannot ask; pass --yes to cancel without asking", code: .refused)
        case .unread(let error):
            throw CLIError(error, doing: "cannot cancel \(jobID)")
        case .alreadyFinal(let status):
            throw CLIError("job \(jobID) is already \(safe(status.wireName)); nothing sent", code: .alreadyFinished)
        case .declined:
            throw CLIError("not cancelled; nothing sent", code: .refused)
        case .sendFailed(let error, .outcomeUnknown):
            // The dashboard's words: a failure after sending is "outcome unknown", never "not sent".
            throw CLIError(
                error, doing: "cancel of \(jobID) sent, outcome unknown (the server may have cancelled it)")
        case .sendFailed(let error, _):
            throw CLIError(error, doing: "cannot cancel \(jobID)")
        case .notConfirmed(let error):
            throw CLIError(error, doing: "cancel of \(jobID) accepted but not confirmed")
        case .cancelled:
            Console.out("job \(jobID) cancelled")
        case .finishedAs(let status):
            throw CLIError(
                "job \(jobID) finished as \(safe(status.wireName)) before the cancel took effect",
                code: .alreadyFinished)
        case .notHonoured(let polls, let acceptedWith, let status):
            throw CLIError(
                "the server accepted the cancel (\(acceptedWith)) but job \(jobID) is still \(safe(status.wireName)) after \(polls) polls; it may stop later",
                code: .notHonoured)
        }
    }
}

/// A status line on standard error: rewritten in place on a terminal (`\r`, erase to the end
/// of the line), a plain line each time into a pipe or a file.
struct PollLine {
    var isTerminal: Bool
    private let shown = ShownFlag()

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ text: String) {
        // Redacted before it is cut, so no part of the token is left at the cut.
        let text = Redaction.redact(text)
        if isTerminal {
            Console.write(fd: 2, "\r\u{1B}[K" + String(text.prefix(max(20, outputWidth() - 1))))
            shown.value = true
        } else {
            Console.err(text)
        }
    }

    /// Ends the in-place line so what follows starts on a line of its own.
    func end() {
        if isTerminal, shown.value { Console.write(fd: 2, "\n") }
        shown.value = false
    }

    private final class ShownFlag { var value = false }
}
