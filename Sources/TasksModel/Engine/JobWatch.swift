import FoundationEssentials

/// `watch`'s loop without the terminal: read one job on a `FollowSchedule`
/// until it ends, its deadline comes, or retrying cannot help.
///
/// The clock and the sleep are the caller's, so a test follows a job for
/// hours of virtual time against a scripted API in microseconds; the command
/// passes the wall clock and `Task.sleep`, and turns the `End` into words and
/// an exit status.
public struct JobWatch: Sendable {
    /// What happened between the start and the end, for the in-place line.
    public enum Update: Sendable {
        /// A read found the job still active.
        case read(Job)
        /// A read failed; the next one is `after` seconds away.
        case retrying(after: Double, error: APIError)
    }

    /// How following ended.
    public enum End: Sendable {
        case completed(Job)
        case failed(Job)
        case cancelled(Job)
        /// The deadline came with the job still active at its last read.
        case stillRunning(Job)
        /// An error ended following: retrying could not help (unauthorized,
        /// gone), or the deadline came while reads failed. `seen` is the last
        /// job read: nil when no read ever succeeded.
        case stopped(APIError, deadlinePassed: Bool, seen: Job?)
    }

    public let id: JobID
    /// `--timeout`: seconds from the start, holding whether reads succeed or fail.
    public let timeout: Double?
    public private(set) var schedule: FollowSchedule
    /// The job's type as first read: it chooses the interval and the deadline.
    public private(set) var type: String?

    public init(id: JobID, schedule: FollowSchedule, timeout: Double?) {
        self.id = id
        self.schedule = schedule
        self.timeout = timeout
    }

    /// The deadline before any read succeeds, without `--timeout`: the
    /// longest maximum duration of any type, from the start. The job's type is
    /// not known yet, and no shorter bound could be right for every type; a
    /// server never reached must still end `watch` (a script's `watch X &&
    /// next` cannot hang for ever).
    public static func unreadDeadline(started: Date, rules: PollRules) -> Date {
        started.addingTimeInterval(rules.longestMaximumDuration)
    }

    /// Follows the job. Throws only what `sleep` throws (cancellation).
    public mutating func run(
        api: some JobsAPI, now: () -> Date, sleep: (Double) async throws -> Void, update: (Update) -> Void
    ) async throws -> End {
        let started = now()
        schedule.deadline =
            timeout.map { started.addingTimeInterval($0) }
            ?? Self.unreadDeadline(started: started, rules: schedule.configuration.rules)
        var seen: Job?
        while true {
            let job: Job
            do {
                job = try await api.job(id: id)
            } catch {
                // The engine's classification and backoff: stop only when retrying cannot
                // help, or when the deadline has come (no usable answer in time).
                guard case .retry(let delay, _) = schedule.failed(error),
                    let pause = schedule.sleep(delay, now: now())
                else {
                    let passed = schedule.deadline.map { $0 <= now() } == true
                    return .stopped(error, deadlinePassed: passed, seen: seen)
                }
                update(.retrying(after: pause, error: error))
                try await sleep(pause)
                continue
            }
            if type == nil {
                type = job.type
                // Without --timeout the type is known now: its maximum duration
                // since the job was created replaces the longest of all.
                if timeout == nil {
                    schedule.deadline = (job.createdAt ?? started).addingTimeInterval(
                        schedule.policy(for: job.type).maximumDuration)
                }
            }
            seen = job
            switch job.status {
            case .completed: return .completed(job)
            case .failed: return .failed(job)
            case .cancelled: return .cancelled(job)
            case .queued, .processing, .unknown: update(.read(job))
            }
            let wait = schedule.succeeded(type: type ?? job.type)
            guard let pause = schedule.sleep(wait, now: now()) else { return .stillRunning(job) }
            try await sleep(pause)
        }
    }

    /// Why the deadline came, in the end line's words.
    public var deadlineReason: String {
        if let timeout { return "after --timeout \(APIError.format(timeout)) s" }
        guard let type else {
            return
                "after the longest maximum duration of any type (\(TimeText.duration(schedule.configuration.rules.longestMaximumDuration))) without reading the job"
        }
        return "past its type's maximum duration (\(TimeText.duration(schedule.policy(for: type).maximumDuration)))"
    }
}

extension PollRules {
    /// The longest maximum duration of any rule or the fallback: the bound
    /// that cuts short no job whatever its type.
    public var longestMaximumDuration: Double {
        rules.map(\.policy.maximumDuration).reduce(fallback.maximumDuration, max)
    }
}
