import FoundationEssentials

/// One completed job's duration, as the history keeps it: the type, the id
/// (so a job is counted once however often it is read), how long it ran and
/// when it ended. Never its result or error data.
public struct DurationSample: Sendable, Hashable {
    public var type: String
    public var id: JobID
    public var seconds: Double
    public var endedAt: Date

    public init(type: String, id: JobID, seconds: Double, endedAt: Date) {
        (self.type, self.id, self.seconds, self.endedAt) = (type, id, seconds, endedAt)
    }

    /// The sample of a completed job: from `started_at` (else `created_at`) to
    /// `completed_at`; nil for any other job, or one whose times say nothing sure.
    public init?(_ job: Job) {
        guard job.status == .completed, let end = job.completedAt, let start = JobRow.elapsedOrigin(job) else {
            return nil
        }
        let seconds = end.timeIntervalSince(start)
        guard seconds > 0, seconds < 30 * 86_400 else { return nil }
        self.init(type: job.type, id: job.id, seconds: seconds, endedAt: end)
    }

    /// One line of the history file (JSON, keys sorted).
    public var jsonLine: String {
        JSONValue.object([
            "type": .string(type), "job_id": .string(id.text), "seconds": .number((seconds * 1000).rounded() / 1000),
            "ended_at": .string(Timestamp.format(endedAt)),
        ]).encoded()
    }

    /// A line of the history file; nil for one that is not a sample (skipped on loading).
    public init?(line: some StringProtocol) {
        guard let value = try? JSONValue.parse(Data(String(line).utf8)),
            let type = value["type"]?.stringValue, let id = value["job_id"]?.stringValue,
            case .number(let seconds)? = value["seconds"], seconds > 0, seconds.isFinite,
            let ended = value["ended_at"]?.stringValue.flatMap(Timestamp.parse)
        else { return nil }
        self.init(type: type, id: JobID(id), seconds: seconds, endedAt: ended)
    }
}
