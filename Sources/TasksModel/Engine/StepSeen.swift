import FoundationEssentials

/// One step of a job's history, as seen.
public struct StepSeen: Sendable, Hashable {
    public var at: Date
    public var status: JobStatus
    public var percentage: Double
    public var step: String?
}
