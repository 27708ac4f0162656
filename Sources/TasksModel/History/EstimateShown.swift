import FoundationEssentials

/// The first estimate of time left the dashboard showed for an active job,
/// kept until the job ends so that the estimate can be scored against the
/// end (`DurationSample.estimateRatio`). The first, because it is the one
/// made with least to go on: later ones, near the end, are right by default.
public struct EstimateShown: Sendable, Hashable {
    /// When it was shown, on the server's clock (the clock `completed_at` is on).
    public var at: Date
    /// The seconds left it said.
    public var seconds: Double

    public init(at: Date, seconds: Double) { (self.at, self.seconds) = (at, seconds) }
}
