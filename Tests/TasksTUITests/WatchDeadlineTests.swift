import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// A `JobsAPI` that answers reads of one job from a script: the answers in
/// order, the last one repeated for ever. No sockets: `JobWatch` is driven
/// on a virtual clock.
private final class ScriptedJobsAPI: JobsAPI {
    private let answers: Locked<[Result<Job, APIError>]>
    private let count = Locked(0)

    init(_ answers: [Result<Job, APIError>]) { self.answers = Locked(answers) }

    var reads: Int { count.withLock { $0 } }

    func list(status: StatusFilter, limit: Int) async throws(APIError) -> JobList {
        throw .invalidRequest("watch never lists")
    }

    func job(id: JobID) async throws(APIError) -> Job {
        count.withLock { $0 += 1 }
        let answer = answers.withLock { answers in answers.count > 1 ? answers.removeFirst() : answers[0] }
        return try answer.get()
    }

    func cancel(id: JobID) async throws(APIError) -> CancelAcceptance {
        throw .invalidRequest("watch never cancels")
    }
}

/// The virtual clock ran past any sane deadline: `watch` would never have ended.
private struct NeverGaveUp: Error {}

/// Runs `watch` on a virtual clock from `start`; returns how it ended, its
/// verdict and the virtual seconds it took. A day of virtual time without an
/// end fails the test instead of hanging it.
private func watchOnVirtualClock(
    _ api: ScriptedJobsAPI, timeout: Double? = nil, start: Date
) async throws -> (JobWatch.End, WatchVerdict, Double) {
    var clock = start
    var watch = JobWatch(
        id: JobID("job_w"), schedule: FollowSchedule(configuration: EngineConfiguration(), seed: 7),
        timeout: timeout)
    let end = try await watch.run(
        api: api, now: { clock },
        sleep: { seconds in
            clock.addTimeInterval(seconds)
            if clock.timeIntervalSince(start) > 86_400 { throw NeverGaveUp() }
        },
        update: { _ in })
    let verdict = WatchVerdict(end, watch: watch, jobID: "job_w", now: clock, profile: .utf8)
    return (end, verdict, clock.timeIntervalSince(start))
}

@Suite("watch without --timeout always ends: the type's maximum duration, read or not")
struct WatchDeadlineTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("a server never reached: gives up after the longest maximum duration of any type, exit 6")
    func neverReached() async throws {
        let api = ScriptedJobsAPI([.failure(.transport("connection refused"))])
        let (end, verdict, took) = try await watchOnVirtualClock(api, start: start)
        guard case .stopped(_, let deadlinePassed, let seen) = end else {
            Issue.record("expected following to stop on the error, got \(end)")
            return
        }
        #expect(deadlinePassed)
        #expect(seen == nil)
        #expect(took == PollRules.reference.longestMaximumDuration)
        #expect(took == 90 * 60)
        #expect(verdict.status == .unreachable)
        #expect(verdict.status.rawValue == 6)
        #expect(verdict.error?.description.contains("gave up watching job_w") == true)
        #expect(verdict.error?.description.contains("without reading the job") == true)
        #expect(api.reads > 10)
    }

    @Test("read once, then unreachable: gives up at its type's maximum duration since creation, exit 6")
    func readThenUnreachable() async throws {
        let job = Job(
            id: JobID("job_w"), status: .processing, type: "store_scraping", title: "acme",
            createdAt: start.addingTimeInterval(-60))
        let api = ScriptedJobsAPI([.success(job), .failure(.timeout(seconds: 10))])
        let (end, verdict, took) = try await watchOnVirtualClock(api, start: start)
        guard case .stopped(_, true, let seen) = end else {
            Issue.record("expected following to stop at the deadline, got \(end)")
            return
        }
        #expect(seen?.id == JobID("job_w"))
        #expect(took == PollRules.scraping.maximumDuration - 60)
        #expect(verdict.status == .unreachable)
        #expect(verdict.error?.description.contains("past its type's maximum duration (10m)") == true)
    }

    @Test("still running at its type's maximum duration: exit 3")
    func stillRunning() async throws {
        let job = Job(
            id: JobID("job_w"), status: .processing, type: "video_generation", createdAt: start)
        let (end, verdict, took) = try await watchOnVirtualClock(ScriptedJobsAPI([.success(job)]), start: start)
        guard case .stillRunning = end else {
            Issue.record("expected the deadline with the job running, got \(end)")
            return
        }
        #expect(took == PollRules.videoGeneration.maximumDuration)
        #expect(verdict.status == .stillRunning)
    }

    @Test("--timeout holds while reads fail: exit 6 at the timeout")
    func timeoutWhileFailing() async throws {
        let api = ScriptedJobsAPI([.failure(.server(status: 503, message: "down", retryAfter: nil))])
        let (_, verdict, took) = try await watchOnVirtualClock(api, timeout: 120, start: start)
        #expect(took == 120)
        #expect(verdict.status == .unreachable)
        #expect(verdict.error?.description.contains("after --timeout 120 s") == true)
    }
}

@Suite("watch's end line names the job: its id and title, then how it ended")
struct WatchEndLineTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// A job of `status` that ran 2 min before it ended, just now.
    func ended(_ status: JobStatus, title: String? = "Competitor landscape", error: String? = nil) -> Job {
        Job(
            id: JobID("job_w"), status: status, type: "research", title: title,
            createdAt: start.addingTimeInterval(-130), startedAt: start.addingTimeInterval(-120),
            completedAt: start, error: error.map { JobError(message: $0) })
    }

    @Test(
        "each ending, with its exit status",
        arguments: [
            (JobStatus.completed, nil, "job_w Competitor landscape  completed in 2m00s", ExitStatus.success),
            (.failed, "quota exceeded", "job_w Competitor landscape  failed after 2m00s: quota exceeded", .jobFailed),
            (.cancelled, nil, "job_w Competitor landscape  cancelled after 2m00s", .jobCancelled),
        ] as [(JobStatus, String?, String, ExitStatus)])
    func endings(status: JobStatus, error: String?, line: String, exit: ExitStatus) async throws {
        let api = ScriptedJobsAPI([.success(ended(status, error: error))])
        let (_, verdict, _) = try await watchOnVirtualClock(api, start: start)
        #expect(verdict.line == line)
        #expect(verdict.status == exit)
    }

    @Test("no title: the id alone; a hostile title is sanitised")
    func untitledAndHostile() async throws {
        let untitled = try await watchOnVirtualClock(
            ScriptedJobsAPI([.success(ended(.cancelled, title: nil))]), start: start)
        #expect(untitled.1.line == "job_w  cancelled after 2m00s")
        let hostile = try await watchOnVirtualClock(
            ScriptedJobsAPI([.success(ended(.completed, title: "evil\u{1B}]0;pwned\u{07}"))]), start: start)
        let line = try #require(hostile.1.line)
        #expect(line.hasPrefix("job_w evil"))
        #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test("still running at the deadline, and an error after a read: named by id and title too")
    func deadlineAndError() async throws {
        let running = Job(
            id: JobID("job_w"), status: .processing, type: "scraping", title: "acme catalogue", createdAt: start)
        let stillRunning = try await watchOnVirtualClock(ScriptedJobsAPI([.success(running)]), start: start)
        #expect(stillRunning.1.line?.hasPrefix("job_w acme catalogue  gave up waiting past its type's maximum") == true)
        let gone = try await watchOnVirtualClock(
            ScriptedJobsAPI([.success(running), .failure(.notFound("job job_w"))]), start: start)
        #expect(gone.1.error?.description.hasPrefix("cannot watch job_w acme catalogue") == true)
        #expect(gone.1.status == .notFound)
        #expect(gone.1.ending?.gone == true)
    }
}
