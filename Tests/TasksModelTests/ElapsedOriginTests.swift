import Foundation
import Testing

@testable import TasksModel

@Suite("ELAPSED origin")
struct ElapsedOriginTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("ELAPSED counts from started_at while running and after: no jump on completion")
    func oneOrigin() {
        let created = Self.t0
        let started = created.addingTimeInterval(120)
        var job = Job(id: "j", status: .processing, type: "research", createdAt: created, startedAt: started)
        // 5 minutes after creation, 3 minutes after start.
        let running = JobRow.elapsed(job, now: created.addingTimeInterval(300))
        #expect(running == TimeText.duration(180))
        // It completes at that very moment: the same figure.
        job.status = .completed
        job.completedAt = created.addingTimeInterval(300)
        #expect(JobRow.elapsed(job, now: created.addingTimeInterval(900)) == running)
    }

    @Test("without started_at, created_at is the origin, while running and after")
    func createdWhenNoStart() {
        let created = Self.t0
        var job = Job(id: "j", status: .processing, type: "research", createdAt: created)
        let running = JobRow.elapsed(job, now: created.addingTimeInterval(300))
        #expect(running == TimeText.duration(300))
        job.status = .failed
        job.updatedAt = created.addingTimeInterval(300)
        #expect(JobRow.elapsed(job, now: created.addingTimeInterval(900)) == running)
    }

    @Test("started_at alone is enough to count from")
    func startedOnly() {
        let job = Job(id: "j", status: .processing, type: "research", startedAt: Self.t0)
        #expect(JobRow.elapsedOrigin(job) == Self.t0)
        #expect(JobRow.elapsed(job, now: Self.t0.addingTimeInterval(60)) == TimeText.duration(60))
    }
}

@Suite("UNREAD flag")
struct UnreadFlagTests {
    @Test("an active job nothing reads says UNREAD with its minutes; one with errors says STALE instead")
    func flag() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        var facts = JobRow.EngineFacts()
        facts.unreadFor = 150
        #expect(JobRow.flags(facts, now: now) == ["UNREAD 2m"])
        let job = Job(id: "u", status: .processing, type: "ad_generation", createdAt: now.addingTimeInterval(-600))
        var tracked = TrackedJob(job: job, policy: PollRules.adGeneration, at: now.addingTimeInterval(-130))
        #expect(tracked.unreadFor(at: now) == 130)
        #expect(tracked.unreadFor(at: now.addingTimeInterval(-20)) == nil)
        tracked.lastError = .timeout(seconds: 10)
        #expect(tracked.unreadFor(at: now) == nil)
    }
}
