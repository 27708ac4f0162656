import FoundationEssentials

/// One completed job's duration, as the history keeps it: the type, the id
/// (so a job is counted once however often it is read), how long it ran and
/// when it ended, and how our estimate for it did. Never its result or error data.
public struct DurationSample: Sendable, Hashable {
    public var type: String
    public var id: JobID
    public var seconds: Double
    public var endedAt: Date
    /// The first estimate the dashboard showed for it, scored against its end:
    /// the time it really had left then, over the time estimated (1: exact;
    /// 2: it took twice as long as we said). Nil when we showed none.
    public var estimateRatio: Double?

    public init(type: String, id: JobID, seconds: Double, endedAt: Date, estimateRatio: Double? = nil) {
        (self.type, self.id, self.seconds, self.endedAt) = (type, id, seconds, endedAt)
        self.estimateRatio = estimateRatio
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

    /// The sample of a completed job, with the first estimate shown for it
    /// scored against its end (`estimateRatio`), when there was one and both
    /// times make sense.
    /// The shortest estimate that is scored, in seconds.
    public static let scoredFrom = 10.0

    public init?(_ job: Job, shown: EstimateShown?) {
        self.init(job)
        // An estimate under `scoredFrom` is not scored: a few seconds either way would
        // make its ratio enormous and say nothing of how good our estimates are.
        if let shown, shown.seconds >= Self.scoredFrom {
            let actual = endedAt.timeIntervalSince(shown.at)
            if actual > 0 { estimateRatio = actual / shown.seconds }
        }
    }

    /// One line of the history file (JSON, keys sorted).
    public var jsonLine: String {
        var fields: [String: JSONValue] = [
            "type": .string(type), "job_id": .string(id.text), "seconds": .number((seconds * 1000).rounded() / 1000),
            "ended_at": .string(Timestamp.format(endedAt)),
        ]
        if let estimateRatio { fields["estimate_ratio"] = .number((estimateRatio * 1e6).rounded() / 1e6) }
        return JSONValue.object(fields).encoded()
    }

    /// A line of the history file; nil for one that is not a sample (skipped on loading).
    public init?(line: some StringProtocol) {
        guard let value = try? JSONValue.parse(Data(String(line).utf8)),
            let type = value["type"]?.stringValue, let id = value["job_id"]?.stringValue,
            case .number(let seconds)? = value["seconds"], seconds > 0, seconds.isFinite,
            let ended = value["ended_at"]?.stringValue.flatMap(Timestamp.parse)
        else { return nil }
        self.init(type: type, id: JobID(id), seconds: seconds, endedAt: ended)
        // Files written before estimates were scored have none; a nonsense one is dropped, not the sample.
        if case .number(let ratio)? = value["estimate_ratio"], ratio > 0, ratio.isFinite { estimateRatio = ratio }
    }
}
