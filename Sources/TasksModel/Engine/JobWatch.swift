import FoundationEssentials

/// `watch` without the terminal: read one job on a `FollowSchedule` until it
/// ends, its deadline comes, or retrying cannot help. A pure state machine
/// (`next`: events in, effects out), and `run`, the loop that performs it.
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
    /// The last job read: nil while no read has succeeded.
    public private(set) var seen: Job?
    /// When following started.
    private var started: Date?

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

    /// What happened, fed to `next`, with the time it happened.
    public enum Event: Sendable {
        case start(at: Date)
        /// A read's answer.
        case read(Result<Job, APIError>, at: Date)
        /// The sleep asked for is over.
        case woke(at: Date)
    }

    /// What the caller does next.
    public enum Effect: Sendable {
        /// Read the job, then feed `.read`.
        case read
        /// Sleep this many seconds, then feed `.woke`.
        case sleep(Double)
        /// Show this on the in-place line.
        case update(Update)
        /// Following is over.
        case finish(End)
    }

    /// The effects of `event`, in order: a pure step, so `watch` is a loop
    /// that performs them and the rules are tested without a clock or a server.
    public mutating func next(_ event: Event) -> [Effect] {
        switch event {
        case .start(let started):
            self.started = started
            schedule.deadline =
                timeout.map { started.addingTimeInterval($0) }
                ?? Self.unreadDeadline(started: started, rules: schedule.configuration.rules)
            return [.read]
        case .woke:
            return [.read]
        case .read(.failure(let error), let now):
            // The engine's classification and backoff: stop only when retrying cannot
            // help, or when the deadline has come (no usable answer in time).
            guard case .retry(let delay, _) = schedule.failed(error), let pause = schedule.sleep(delay, now: now)
            else {
                let passed = schedule.deadline.map { $0 <= now } == true
                return [.finish(.stopped(error, deadlinePassed: passed, seen: seen))]
            }
            return [.update(.retrying(after: pause, error: error)), .sleep(pause)]
        case .read(.success(let job), let now):
            if type == nil {
                type = job.type
                // Without --timeout the type is known now: its maximum duration
                // since the job was created replaces the longest of all.
                if timeout == nil {
                    schedule.deadline = (job.createdAt ?? started ?? now).addingTimeInterval(
                        schedule.policy(for: job.type).maximumDuration)
                }
            }
            seen = job
            switch job.status {
            case .completed: return [.finish(.completed(job))]
            case .failed: return [.finish(.failed(job))]
            case .cancelled: return [.finish(.cancelled(job))]
            case .queued, .processing, .unknown: break
            }
            let wait = schedule.succeeded(type: type ?? job.type)
            guard let pause = schedule.sleep(wait, now: now) else {
                return [.update(.read(job)), .finish(.stillRunning(job))]
            }
            return [.update(.read(job)), .sleep(pause)]
        }
    }

    /// Follows the job: the loop that performs `next`'s effects with the
    /// caller's clock, API and sleep. Throws only what `sleep` throws (cancellation).
    public mutating func run(
        api: some JobsAPI, now: () -> Date, sleep: (Double) async throws -> Void, update: (Update) -> Void
    ) async throws -> End {
        var pending = next(.start(at: now()))
        while !pending.isEmpty {
            switch pending.removeFirst() {
            case .read:
                let result: Result<Job, APIError>
                do { result = .success(try await api.job(id: id)) } catch { result = .failure(error) }
                pending += next(.read(result, at: now()))
            case .sleep(let seconds):
                try await sleep(seconds)
                pending += next(.woke(at: now()))
            case .update(let shown):
                update(shown)
            case .finish(let end):
                return end
            }
        }
        preconditionFailure("JobWatch.next ended without .finish")
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
