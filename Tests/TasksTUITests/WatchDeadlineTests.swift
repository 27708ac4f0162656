import Foundation
import Synchronization
import Testing

@testable import TasksModel
@testable import TasksTUI

/// A `JobsAPI` that answers reads of one job from a script: the answers in
/// order, the last one repeated for ever. No sockets: `JobWatch` is driven
/// on a virtual clock.
private final class ScriptedJobsAPI: JobsAPI {
    private let answers: Mutex<[Result<Job, APIError>]>
    private let count = Mutex(0)

    init(_ answers: [Result<Job, APIError>]) { self.answers = Mutex(answers) }

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
    let verdict = WatchVerdict(end, watch: watch, jobID: "job_w", profile: .utf8)
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
