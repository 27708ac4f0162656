import ArgumentParser
import FoundationEssentials
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// `tasks-tui cancel --status … --type … --older-than … --title …`: select
/// active jobs from the server's lists, show exactly which (`--dry-run`
/// stops there), ask once with the count typed above five jobs, then cancel
/// each through the one-job flow, one line and its audit lines each.
extension CancelCommand {
    /// The most jobs a list is asked for: the API has no pages, so one list as long as we accept.
    static let queryListLimit = 10_000

    func cancelByQuery() async throws {
        let selection = try query.query()
        let dryRun = query.dryRun
        var selected: [Job] = []
        var confirmed = yes
        try await runReportingErrors {
            let connection = try global.connect()
            defer { connection.shutdown() }
            let now = Date()
            var listed: [Job] = []
            for filter in selection.filters {
                do {
                    let list = try await connection.api.list(status: filter, limit: Self.queryListLimit)
                    listed += list.jobs
                    if !list.skipped.isEmpty {
                        Console.err(
                            "tasks-tui: \(list.skipped.count) \(filter.rawValue) job(s) could not be read and cannot be selected"
                        )
                    }
                } catch let error as APIError {
                    throw CLIError(error, doing: "cannot list \(filter.rawValue) jobs from \(connection.label)")
                }
            }
            selected = selection.select(listed, now: now)
            let safe = { (text: String) in TerminalText.sanitize(text, profile: outputProfile()) }
            let server = safe(connection.label)
            if dryRun {
                printDryRun(selected, now: now)
                Console.err(
                    "\(selected.count) job(s) would be cancelled on \(server): \(safe(selection.summary)); nothing sent"
                )
                return
            }
            guard !selected.isEmpty else {
                Console.err("tasks-tui: no \(safe(selection.summary)) on \(server); nothing sent")
                return
            }
            // Read-only: each job's own flow refuses it and audits the refusal.
            if connection.settings.readOnly || yes {
                confirmed = true
                return
            }
            guard isatty(0) == 1 else {
                Console.err("tasks-tui: standard input is not a terminal: give --yes to cancel without asking")
                confirmed = false
                return
            }
            let confirmation = CountConfirmation(count: selected.count)
            var question = "Cancel \(selected.count) \(safe(selection.summary)) on \(server)?\n"
            for job in selected.prefix(CountConfirmation.typedAbove) {
                let title = job.title.map { "  \"\(safe($0))\"" } ?? ""
                question +=
                    "  \(safe(job.id.text))  \(safe(job.type))  \(safe(job.status.wireName))  \(Int(job.progress.percentage))%\(title)\n"
                if !job.id.isPlainASCII { question += "    exact id: \(job.id.escaped)\n" }
            }
            if selected.count > CountConfirmation.typedAbove {
                question += "  … and \(selected.count - CountConfirmation.typedAbove) more (--dry-run lists them all)\n"
            }
            confirmed = confirmation.accepts(TerminalQuestion.ask(question + confirmation.prompt))
            if !confirmed {
                let audit = AuditLog(
                    path: connection.settings.auditLog, server: connection.label, profile: connection.settings.profile)
                for job in selected {
                    do {
                        try audit.record(
                            jobID: job.id, type: job.type, outcome: .declined, source: "cli", title: job.title)
                    } catch {
                        Console.err(
                            "tasks-tui: warning: \(error): the decline of \(safe(job.id.text)) is not on record")
                    }
                }
                Console.err("tasks-tui: not cancelled; nothing sent")
            }
        }
        if dryRun || selected.isEmpty { return }
        guard confirmed else { throw ExitCode(ExitStatus.refused.rawValue) }
        var codes: [Int32] = []
        for job in selected {
            do {
                try await cancel(job.id.text, yes: true)
                codes.append(ExitStatus.success.rawValue)
            } catch let code as ExitCode {
                codes.append(code.rawValue)
            }
        }
        let worst = ExitStatus.mostSevere(codes)
        if worst != ExitStatus.success.rawValue { throw ExitCode(worst) }
    }

    /// The dry run's jobs, as `list` prints them: a table on a terminal,
    /// tab-separated into a pipe, or `{"jobs": [...]}` with --json.
    private func printDryRun(_ jobs: [Job], now: Date) {
        if query.json {
            Console.out(JSONValue.object(["jobs": .array(jobs.map(\.json))]).encoded(pretty: true))
            return
        }
        let lines =
            isatty(1) == 1
            ? JobText.table(jobs, width: outputWidth(), profile: outputProfile(), zone: .system, now: now)
            : JobText.tabSeparated(jobs, profile: outputProfile(), zone: .system, now: now)
        for line in lines { Console.out(line) }
    }
}
