/// `progress_data`: how far along a job is.
public struct JobProgress: Sendable, Hashable {
    /// 0...100, always.
    public var percentage: Double
    public var currentStep: String?
    /// Seconds, when the server estimates it.
    public var estimatedSecondsRemaining: Double?

    public init(
        percentage: Double = 0, currentStep: String? = nil, estimatedSecondsRemaining: Double? = nil
    ) {
        self.percentage = Job.clampPercentage(percentage)
        self.currentStep = currentStep
        self.estimatedSecondsRemaining = estimatedSecondsRemaining
    }
}
