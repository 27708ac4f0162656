/// Capped exponential backoff with full jitter.
///
/// Full jitter (a uniform wait between zero and the capped exponential) keeps
/// many dashboards that lost the server at the same moment from coming back
/// in lock-step. The random source is passed in, so tests can seed it.
public struct Backoff: Sendable, Hashable {
    /// The ceiling of the first retry's wait, in seconds.
    public var base: Double
    /// No wait is ever longer than this, in seconds.
    public var cap: Double

    public init(base: Double = 1, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling of the wait after `failures` consecutive failures (1 for the first).
    public func ceiling(afterFailures failures: Int) -> Double {
        let exponent = Double(min(max(failures - 1, 0), 62))
        return min(cap, base * pow2(exponent))
    }

    /// The wait after `failures` consecutive failures: uniform in 0...ceiling,
    /// and never less than what the server asked for with Retry-After.
    public func delay(
        afterFailures failures: Int, retryAfter: Double? = nil,
        using random: inout some RandomNumberGenerator
    )
        -> Double
    {
        let ceiling = ceiling(afterFailures: failures)
        let jittered = ceiling > 0 ? Double.random(in: 0...ceiling, using: &random) : 0
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, RetryAfter.cap))
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 {
            result *= 2
            remaining -= 1
        }
        return result
    }
}
