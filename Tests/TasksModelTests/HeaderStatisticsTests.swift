import Foundation
import Testing

@testable import TasksModel

/// The header's counts as a value of their own, computed with the table's rows.
@Suite("Header statistics")
struct HeaderStatisticsTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let policy = EngineConfiguration().rules.policy(for: "research")

    @Test("finishes of the last hour by minute, oldest first; the future and the older are left out")
    func activityByMinute() {
        var statistics = HeaderStatistics()
        let finishes = [
            PollingEngine.Finish(at: Self.now, status: .completed),
            PollingEngine.Finish(at: Self.now.addingTimeInterval(-59), status: .failed),
            PollingEngine.Finish(at: Self.now.addingTimeInterval(-61), status: .completed),
            PollingEngine.Finish(at: Self.now.addingTimeInterval(-3599), status: .failed),
            PollingEngine.Finish(at: Self.now.addingTimeInterval(-3600), status: .completed),
            PollingEngine.Finish(at: Self.now.addingTimeInterval(6e23), status: .completed),
        ]
        statistics.countActivity(finishes, now: Self.now)
        #expect(statistics.done[59] == 1 && statistics.failed[59] == 1)
        #expect(statistics.done[58] == 1)
        #expect(statistics.failed[0] == 1)
        #expect(statistics.done.reduce(0, +) == 2 && statistics.failed.reduce(0, +) == 2)
        #expect(statistics.minute == HeaderStatistics.minute(of: Self.now))
    }

    @Test("jobs by status, the gone ones apart")
    func counts() {
        var gone = TrackedJob(
            job: activeJob("g", type: "research", created: Self.now), policy: Self.policy, at: Self.now)
        gone.gone = true
        let jobs = [
            TrackedJob(job: activeJob("a", type: "research", created: Self.now), policy: Self.policy, at: Self.now),
            TrackedJob(job: activeJob("b", type: "research", created: Self.now), policy: Self.policy, at: Self.now),
            gone,
        ]
        var statistics = HeaderStatistics()
        statistics.count(jobs)
        #expect(statistics.byStatus == [.processing: 2])
        #expect(statistics.gone == 1)
    }
}
