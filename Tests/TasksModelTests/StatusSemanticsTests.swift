import Foundation
import Testing

@testable import TasksModel

@Suite("Status, type and time semantics that match the reference and real servers")
struct StatusSemanticsTests {
    func decode(_ json: String) throws -> Job {
        try Job.decode(JSONValue.parse(Data(json.utf8)))
    }

    @Test(
        "common terminal words map to the right final status",
        arguments: [
            ("expired", JobStatus.failed), ("timed_out", .failed), ("rejected", .failed), ("aborted", .cancelled),
            ("revoked", .cancelled), ("stopped", .cancelled), ("canceled", .cancelled),
            ("completed_with_errors", .completed), ("Timed-Out", .failed),
        ])
    func terminalWords(word: String, status: JobStatus) {
        #expect(JobStatus(serverText: word) == status)
        #expect(status.isFinal)
    }

    @Test("a job with completed_at is finished whatever its status word")
    func completedAtWins() throws {
        let done = try decode(
            #"{"job_id":"a","status":"processing","type":"scraping","completed_at":"2026-01-01T00:00:00Z"}"#)
        #expect(done.status == .completed)
        let odd = try decode(
            #"{"job_id":"b","status":"wrapping_up","type":"scraping","completed_at":"2026-01-01T00:00:00Z","error":{"message":"boom"}}"#
        )
        #expect(odd.status == .failed)
        let running = try decode(#"{"job_id":"c","status":"reticulating","type":"scraping"}"#)
        #expect(running.status == .unknown("reticulating"))
        #expect(running.status.wireName == "reticulating")
    }

    @Test("an unknown status that is not final is polled with a growing interval")
    func unknownStatusBacksOff() {
        let server = FakeJobsServer()
        var harness = EngineHarness(server: server)
        let job = Job(
            id: "odd", status: .unknown("reticulating"), type: "scraping", createdAt: harness.start,
            progress: JobProgress(percentage: 10))
        server.add(job)
        harness.run(until: 600)
        // At full rate (5 s for scraping) it would be ~120 reads in 10 minutes.
        let reads = server.requests { $0.jobID == "odd" }.map { $0.timeIntervalSince(harness.start) }
        #expect(reads.count >= 3 && reads.count <= 15, "\(reads)")
        let gaps = zip(reads, reads.dropFirst()).map { $1 - $0 }
        #expect(gaps.last ?? 0 > gaps.first ?? 0, "\(gaps)")
    }

    @Test(
        "type names of real servers and the reference map to the right family",
        arguments: [
            ("adGeneration", "ad generation"), ("adgen", "ad generation"), ("image_template", "ad generation"),
            ("remix", "ad generation"), ("personalized_ads", "ad generation"), ("product_video", "avatar video"),
            ("research_summary", "strategic analysis"), ("persona_generation", "strategic analysis"),
            ("store_scraping", "scraping"), ("avatar_video", "avatar video"), ("bulk_ad_generation", "ad generation"),
        ])
    func typeFamilies(type: String, family: String) {
        #expect(PollRules.reference.policy(for: type).name == family)
    }

    @Test("user poll_rules match strings are normalised like type names")
    func userMatchNormalised() {
        let policy = PollPolicy(name: "mine", interval: 3, maximumDuration: 60)
        let rules = PollRules(
            rules: [
                PollRule(match: ["adGeneration"], policy: policy), PollRule(match: ["Store Scraping"], policy: policy),
            ],
            fallback: PollRules.reference.fallback)
        #expect(rules.policy(for: "ad_generation").name == "mine")
        #expect(rules.policy(for: "ad-generation").name == "mine")
        #expect(rules.policy(for: "store_scraping").name == "mine")
        #expect(rules.policy(for: "video").name == "other")
    }

    @Test("maximum duration counts from started_at when the server sends it")
    func overdueFromStart() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        var job = activeJob("a", type: "research", created: now.addingTimeInterval(-7200))
        let policy = PollRules.reference.policy(for: "research")
        #expect(TrackedJob(job: job, policy: policy, at: now).isOverdue(at: now))
        job.startedAt = now.addingTimeInterval(-600)
        #expect(!TrackedJob(job: job, policy: policy, at: now).isOverdue(at: now))
    }
}
