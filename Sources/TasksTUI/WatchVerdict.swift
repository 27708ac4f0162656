import FoundationEssentials
import TasksModel

/// What `watch` prints and the status it exits with, for how following
/// ended: one value, so a test reads the words and the exit status a script
/// sees without a terminal or a server.
struct WatchVerdict {
    /// The line for standard output; nil when the error alone is reported.
    var line: String?
    /// The failure for standard error, when an error ended following.
    var error: CLIError?
    var status: ExitStatus
    /// The job whose ending `--notify` announces, and whether it is gone (404 after a read).
    var ending: (job: Job, gone: Bool)?

    /// Who a `watch` line is about: the id, then the title when the job has
    /// one, sanitised. The in-place line and the end line both start with it,
    /// so the last line left on screen or in a log says which job ended.
    static func label(jobID: String, title: String?, profile: TextProfile) -> String {
        let id = TerminalText.sanitize(jobID, profile: profile)
        guard let title, !title.isEmpty else { return id }
        return id + " " + TerminalText.sanitize(title, profile: profile)
    }

    init(_ end: JobWatch.End, watch: JobWatch, jobID: String, now: Date, profile: TextProfile) {
        /// The job's ending in the dashboard's words ("completed in 4m12s", "failed after 2m: quota exceeded").
        func outcome(_ job: Job) -> String {
            let context = JobRow.Context(now: now, zone: .system, profile: profile)
            let ending = JobEnding(
                job: job, gone: false, duration: JobRow(job: job, context: context).elapsed, profile: profile)
            return ending?.outcome ?? TerminalText.sanitize(job.status.wireName, profile: profile)
        }
        func named(_ job: Job?) -> String { Self.label(jobID: jobID, title: job?.title, profile: profile) }
        switch end {
        case .completed(let job), .failed(let job), .cancelled(let job):
            line = "\(named(job))  \(outcome(job))"
            status =
                switch end {
                case .failed: .jobFailed
                case .cancelled: .jobCancelled
                default: .success
                }
            ending = (job, false)
        case .stillRunning(let job):
            line =
                "\(named(job))  gave up waiting \(watch.deadlineReason): still running and may still finish; check the dashboard"
            status = .stillRunning
        case .stopped(let apiError, let deadlinePassed, let seen):
            let doing =
                deadlinePassed
                ? "gave up watching \(named(seen)) \(watch.deadlineReason)" : "cannot watch \(named(seen))"
            let failure = CLIError(apiError, doing: doing)
            error = failure
            status = failure.code
            // A 404 for a job read before: it is gone, an ending. Any other error is not.
            if apiError.errorClass == .notFound, let seen { ending = (seen, true) }
        }
    }
}
