/// How a simulation is set up.
public struct SimulationOptions: Sendable {
    /// Same seed, same story.
    public var seed: UInt64
    /// How much faster than the reference's durations jobs run. The default
    /// shows visible motion within a minute while keeping the real per-type
    /// poll intervals meaningful.
    public var speed: Double
    /// Jobs present at start. 0 starts an empty server with no arrivals that
    /// serves only what `/_sim/jobs` adds.
    public var initialJobs: Int
    /// Whether new jobs keep arriving.
    public var arrivals: Bool
    /// When set, every request needs `Authorization: Bearer <token>`.
    public var token: String?
    /// The most jobs kept; the oldest finished ones are dropped past it.
    public var retainedJobs: Int
    /// How the latency fault waits: the real `Task.sleep`, unless a test
    /// holds the answer itself, to prove the delay without timing it.
    public var latencySleep: @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }

    public init(
        seed: UInt64 = 1, speed: Double = 10, initialJobs: Int = 24, arrivals: Bool? = nil, token: String? = nil,
        retainedJobs: Int = 20_000
    ) {
        self.seed = seed
        self.speed = max(0.01, speed)
        self.initialJobs = max(0, initialJobs)
        self.arrivals = arrivals ?? (initialJobs > 0)
        self.token = token
        self.retainedJobs = retainedJobs
    }
}
