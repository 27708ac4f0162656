import FoundationEssentials

/// What the header counts: jobs by status, jobs gone, jobs needing a human,
/// and the last hour's finishes by minute. Computed with the table's rows
/// (`DashboardState.refreshVisibleIfNeeded`), so a frame never walks every
/// job; the header is given this value and draws it.
public struct HeaderStatistics: Sendable, Equatable {
    /// Jobs by status; the gone ones are not here.
    public internal(set) var byStatus: [JobStatus: Int] = [:]
    /// Jobs the server no longer has (404).
    public internal(set) var gone = 0
    /// Jobs needing attention, whatever the filter (the header's "⚠ N need attention").
    public internal(set) var attention = 0
    /// Jobs finished, and failed, in each of the last 60 minutes, oldest first.
    public internal(set) var done = [Int](repeating: 0, count: 60)
    public internal(set) var failed = [Int](repeating: 0, count: 60)
    /// The minute the activity was computed for: a new minute shifts the sparklines.
    public internal(set) var minute = 0

    public init() {}

    /// Counts `jobs` by status, the gone ones apart: a job deleted on the
    /// server is not running, whatever its last status said.
    mutating func count(_ jobs: [TrackedJob]) {
        var counts: [JobStatus: Int] = [:]
        var gone = 0
        for tracked in jobs {
            if tracked.gone { gone += 1 } else { counts[tracked.job.status, default: 0] += 1 }
        }
        byStatus = counts
        self.gone = gone
    }

    /// The finishes of the last hour, by minute, as of `now`.
    mutating func countActivity(_ finishes: some Sequence<PollingEngine.Finish>, now: Date) {
        var done = [Int](repeating: 0, count: 60)
        var failed = [Int](repeating: 0, count: 60)
        for finish in finishes {
            // A server's completed_at far in the future (6e23) must not reach Int().
            let minutes = now.timeIntervalSince(finish.at) / 60
            guard minutes >= 0, minutes < 60 else { continue }
            let age = Int(minutes)
            if finish.status == .failed { failed[59 - age] += 1 } else { done[59 - age] += 1 }
        }
        self.done = done
        self.failed = failed
        minute = Self.minute(of: now)
    }

    /// The minute `now` falls in, to tell when the sparklines must shift.
    static func minute(of now: Date) -> Int { Saturating.int(now.timeIntervalSince1970 / 60) ?? 0 }
}
