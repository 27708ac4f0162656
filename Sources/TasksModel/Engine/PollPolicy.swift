/// How often a job of some type is polled, and for how long at most.
public struct PollPolicy: Sendable, Hashable {
    /// Seconds between polls.
    public var interval: Double
    /// Seconds after creation past which the job is overdue and fast polling stops.
    public var maximumDuration: Double
    /// The policy's name, for display ("scraping", "video generation", ...).
    public var name: String

    public init(name: String, interval: Double, maximumDuration: Double) {
        self.name = name
        self.interval = interval
        self.maximumDuration = maximumDuration
    }
}
