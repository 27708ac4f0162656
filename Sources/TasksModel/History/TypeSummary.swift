/// What the history says of one job type: its usual durations and how our
/// estimates for it have done. Computed when a sample of the type is added
/// (a job completing: rare), so that each row drawn asks in constant time.
public struct TypeSummary: Sendable, Hashable {
    public var typical: DurationHistory.Typical
    /// The 10th and 90th percentiles of how the type's scored estimates erred
    /// (`DurationSample.estimateRatio`), once `minimumScored` are; the range
    /// an estimate is given.
    public var ratioRange: ClosedRange<Double>?
    /// How the latest scored estimates did; nil while none is scored.
    public var score: EstimateScore?

    /// Scored estimates needed before their spread is an estimate's range:
    /// with fewer, the 10th and 90th percentiles are only the extremes.
    public static let minimumScored = 10

    /// From the type's samples, oldest first; nil for none.
    init?(_ samples: [DurationSample]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(\.seconds).sorted()
        typical = DurationHistory.Typical(
            p50: DurationHistory.percentile(sorted, 0.5), p90: DurationHistory.percentile(sorted, 0.9),
            count: sorted.count)
        let ratios = samples.compactMap(\.estimateRatio)
        if ratios.count >= Self.minimumScored {
            let ordered = ratios.sorted()
            ratioRange = DurationHistory.percentile(ordered, 0.1)...DurationHistory.percentile(ordered, 0.9)
        }
        score = EstimateScore(ratios.suffix(EstimateScore.latest))
    }
}

/// `estimates within ±30% for 8 of 10`: how many of a type's latest scored
/// estimates were within `tolerance` of the time the job really had left.
public struct EstimateScore: Sendable, Hashable {
    public var within: Int
    public var of: Int

    /// How many of the latest scored estimates are counted.
    public static let latest = 10
    /// Within: off by at most this share of the time the job really had left.
    public static let tolerance = 0.3

    public init(within: Int, of: Int) { (self.within, self.of) = (within, of) }

    /// From the ratios (actual over estimated time left); nil for none.
    init?(_ ratios: some Collection<Double>) {
        guard !ratios.isEmpty else { return nil }
        of = ratios.count
        within = ratios.filter(Self.isWithin).count
    }

    /// An estimate `e` of an actual `a` is within when |e − a| ≤ 0.3 a; the ratio is a / e.
    static func isWithin(_ ratio: Double) -> Bool { abs(1 / ratio - 1) <= tolerance + 1e-9 }
}
