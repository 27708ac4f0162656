import FoundationEssentials

/// The zone a server writes its zoneless timestamps in.
///
/// `2024-01-15T10:00:00` with no `Z` and no offset is read as UTC
/// (`Timestamp`), but many servers write their local time so. Read as UTC, a
/// server at UTC−5 makes every job look five hours old (all OVERDUE, no
/// per-job reads) and one at UTC+2 makes jobs created in the future. So the
/// engine checks the zoneless timestamps of active jobs against the server's
/// clock (its `Date` header, `ServerClock`):
///
/// - every active job created more than 5 minutes in the future: the zone is
///   that many whole hours east of UTC;
/// - every active job hours overdue, and the jobs seen progressing between
///   two reads stamped (`updated_at`) whole hours behind the server's clock:
///   the zone is that many hours west. A server whose jobs are really stuck
///   has no job progressing, so its overdue jobs are never explained away.
///
/// The inferred zone is shown (`timestamps read as UTC−5`); the setting
/// `timestamps_zone` fixes it instead (then nothing is inferred).
public struct NaiveZone: Sendable, Hashable {
    /// Seconds east of UTC that zoneless timestamps are read in (0: UTC).
    public private(set) var offset: Double
    /// Set by `timestamps_zone`, never inferred.
    public let fixed: Bool

    /// A job created this far ahead of the server's clock is "in the future".
    static let futureSlack: Double = 300
    /// How far from a whole hour a progressing job's `updated_at` may be.
    static let wholeHourSlack: Double = 900

    public init(setting: Double?) {
        offset = setting ?? 0
        fixed = setting != nil
    }

    /// Looks at one answer's jobs (as decoded: zoneless times read as UTC)
    /// at the server's `now`. `progressed`: the jobs whose progress or step
    /// changed since the previous read.
    public mutating func observe(_ jobs: [Job], progressed: Set<JobID>, rules: PollRules, serverNow: Date) {
        guard !fixed else { return }
        let active = jobs.filter { $0.status.isActive && $0.naiveTimestamps && $0.createdAt != nil }
        guard !active.isEmpty else { return }
        let leads = active.map { $0.createdAt!.timeIntervalSince(serverNow) }
        if leads.allSatisfy({ $0 > Self.futureSlack }) {
            // The youngest job is the nearest to its true time: round its lead up to the hour.
            let hours = ((leads.max()! - 60) / 3600).rounded(.up)
            offset = min(14, max(1, hours)) * 3600
            return
        }
        let overdue = active.allSatisfy {
            serverNow.timeIntervalSince($0.createdAt!) > rules.policy(for: $0.type).maximumDuration + 3600
        }
        let stamps = active.filter { progressed.contains($0.id) }.compactMap { job in
            job.updatedAt.map { serverNow.timeIntervalSince($0) }
        }
        if overdue, !stamps.isEmpty {
            let hours = (stamps.min()! / 3600).rounded()
            let whole = stamps.allSatisfy { abs($0 - hours * 3600) <= Self.wholeHourSlack }
            if hours >= 1, whole {
                offset = -min(12, hours) * 3600
                return
            }
        }
        // Read as UTC, some active job looks right: the zone is UTC, or was
        // explained before (the raw times keep looking off while it holds).
        if !overdue, leads.contains(where: { $0 <= Self.futureSlack }) { offset = 0 }
    }

    /// `job` with its zoneless timestamps moved from the zone to UTC.
    public func shifted(_ job: Job) -> Job {
        guard job.naiveTimestamps, offset != 0 else { return job }
        var job = job
        let by = -offset
        job.createdAt = job.createdAt?.addingTimeInterval(by)
        job.startedAt = job.startedAt?.addingTimeInterval(by)
        job.updatedAt = job.updatedAt?.addingTimeInterval(by)
        job.completedAt = job.completedAt?.addingTimeInterval(by)
        return job
    }

    /// For the header: `timestamps read as UTC−5` (`UTC+5:30` for a half-hour zone); nil for UTC.
    public var text: String? {
        guard offset != 0 else { return nil }
        let minutes = Int((abs(offset) / 60).rounded())
        let amount =
            minutes % 60 == 0 ? "\(minutes / 60)" : "\(minutes / 60):\(NumberText.zeroPadded(minutes % 60, digits: 2))"
        return "timestamps read as UTC\(offset < 0 ? "−" : "+")\(amount)"
    }
}
