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

    init(_ end: JobWatch.End, watch: JobWatch, jobID: String, profile: TextProfile) {
        let id = TerminalText.sanitize(jobID, profile: profile)
        switch end {
        case .completed(let job):
            line =
                "\(JobText.bar(100, width: 20, profile: profile))  completed  \(TerminalText.sanitize(job.id.text, profile: profile))"
            status = .success
            ending = (job, false)
        case .failed(let job):
            line = "failed: \(TerminalText.sanitize(job.error?.message ?? "job failed", profile: profile))"
            status = .jobFailed
            ending = (job, false)
        case .cancelled(let job):
            line = "cancelled: \(TerminalText.sanitize(job.id.text, profile: profile))"
            status = .jobCancelled
            ending = (job, false)
        case .stillRunning:
            line =
                "gave up waiting \(watch.deadlineReason): job \(id) is still running and may still finish; check the dashboard"
            status = .stillRunning
        case .stopped(let apiError, let deadlinePassed, let seen):
            let doing = deadlinePassed ? "gave up watching \(id) \(watch.deadlineReason)" : "cannot watch \(id)"
            let failure = CLIError(apiError, doing: doing)
            error = failure
            status = failure.code
            // A 404 for a job read before: it is gone, an ending. Any other error is not.
            if apiError.errorClass == .notFound, let seen { ending = (seen, true) }
        }
    }
}
