import FoundationEssentials

/// How long completed jobs of each type took, so the dashboard can say
/// whether a running one is usual: the last `perType` samples of each type,
/// each job once. Fed by every list and read (`record`), kept on disk per
/// server by the executable (append, compacted on loading).
public struct DurationHistory: Sendable {
    /// Samples kept per type: recent enough to follow a change of the workers.
    public static let perType = 500
    /// Below this many samples a type has no "usual" to be slow against.
    public static let minimumSamples = 20

    /// Each type's samples, oldest first.
    public private(set) var byType: [String: [DurationSample]] = [:]
    /// The ids of the samples kept: a job is counted once.
    private var ids: Set<JobID> = []
    /// Each type's summary, kept with its samples (`TypeSummary`).
    public private(set) var summaries: [String: TypeSummary] = [:]

    public init() {}

    /// From the file's samples, oldest first: each job once, the last `perType` of each type.
    public init(samples: [DurationSample]) {
        for sample in samples { _ = add(sample, summarize: false) }
        for (type, list) in byType { summaries[type] = TypeSummary(list) }
    }

    /// Every sample kept, oldest first within each type (what a compacted file holds).
    public var samples: [DurationSample] { byType.keys.sorted().flatMap { byType[$0]! } }

    /// Records a completed job once, with the first estimate shown for it
    /// scored; returns the new sample (for the file), nil when there is none.
    public mutating func record(_ job: Job, shown: EstimateShown? = nil) -> DurationSample? {
        guard let sample = DurationSample(job, shown: shown), add(sample) else { return nil }
        return sample
    }

    private mutating func add(_ sample: DurationSample, summarize: Bool = true) -> Bool {
        guard ids.insert(sample.id).inserted else { return false }
        var list = byType[sample.type, default: []]
        list.append(sample)
        if list.count > Self.perType {
            for dropped in list.prefix(list.count - Self.perType) { ids.remove(dropped.id) }
            list.removeFirst(list.count - Self.perType)
        }
        byType[sample.type] = list
        if summarize { summaries[sample.type] = TypeSummary(list) }
        return true
    }

    /// What is usual for `type`: the median and the 90th percentile of its samples, and how many.
    public struct Typical: Sendable, Hashable {
        public var p50: Double
        public var p90: Double
        public var count: Int
        /// Enough samples to call a job slow against.
        public var isSure: Bool { count >= DurationHistory.minimumSamples }
    }

    /// Nil when the type has no sample.
    public func typical(_ type: String) -> Typical? { summaries[type]?.typical }

    /// How the type's latest scored estimates did; nil while none is scored.
    public func estimateScore(_ type: String) -> EstimateScore? { summaries[type]?.score }

    /// How far an active job stands against its type: the time it has run
    /// over the type's median (2: twice as long as usual). Nil for a job not
    /// running (a queued one's wait is no duration) or a type with no sample.
    /// The order "slowest against typical".
    public func standing(_ job: Job, runningFor elapsed: Double) -> Double? {
        guard job.status == .processing, let typical = typical(job.type), typical.p50 > 0 else { return nil }
        // A start the server dates in the future has run no time yet.
        return max(0, elapsed) / typical.p50
    }

    /// The nearest-rank percentile of sorted values: the smallest value with at least `p` of them at or below it.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// The p90 an active job has run past, with enough samples of its type; nil when it has not.
    public func slowPast(_ job: Job, runningFor elapsed: Double) -> Double? {
        guard job.status == .processing, let typical = typical(job.type), typical.isSure, elapsed > typical.p90
        else { return nil }
        return typical.p90
    }

    /// An estimate of the seconds left for an active job the server gave none
    /// for: from its own progress rate once it has done 5%, else from its
    /// type's median (when sure); nil when neither says anything. Its range is
    /// how the type's scored estimates erred.
    public func estimate(_ job: Job, runningFor elapsed: Double) -> Estimate? {
        guard job.status == .processing, job.progress.estimatedSecondsRemaining == nil, elapsed > 0 else {
            return nil
        }
        let done = job.progress.percentage
        let ratios = summaries[job.type]?.ratioRange
        if done >= 5, done < 100 {
            return Estimate(seconds: elapsed * (100 - done) / done, basis: .progress, ratios: ratios)
        }
        if let typical = typical(job.type), typical.isSure, typical.p50 > elapsed {
            return Estimate(seconds: typical.p50 - elapsed, basis: .typical, ratios: ratios)
        }
        return nil
    }
}
