/// Our own estimate of the seconds an active job has left, for when the
/// server sends none: never shown as the server's figure (`≈`, not `~`).
public struct Estimate: Sendable, Hashable {
    /// What it was made from.
    public enum Basis: Sendable, Hashable {
        /// The job's own progress rate (it has done at least 5%).
        case progress
        /// Its type's median duration, less the time it has run.
        case typical
    }

    public var seconds: Double
    /// Where the time left most likely lies (the details pane's range).
    public var low: Double
    public var high: Double
    public var basis: Basis
    /// The range is how this type's own scored estimates erred (10th to 90th
    /// percentile); false: too few are scored, and it is the wide default.
    public var rangeScored: Bool

    /// Without enough scored estimates: from half to twice the estimate.
    public static let defaultRange = 0.5...2.0

    public init(seconds: Double, basis: Basis, ratios: ClosedRange<Double>?) {
        let range = ratios ?? Self.defaultRange
        (self.seconds, self.basis, rangeScored) = (seconds, basis, ratios != nil)
        (low, high) = (seconds * range.lowerBound, seconds * range.upperBound)
    }
}
