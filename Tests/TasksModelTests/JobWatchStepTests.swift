import Foundation
import Testing

@testable import TasksModel

/// `watch`'s rules as a pure state machine (`JobWatch.next`): events in,
/// effects out, no clock and no server; the command's loop only performs them.
@Suite("watch as a state machine")
struct JobWatchStepTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    static func job(_ status: JobStatus, type: String = "scraping", created: Date = start) -> Job {
        var job = activeJob("w", type: type, created: created)
        job.status = status
        return job
    }

    static func watch(timeout: Double? = nil) -> JobWatch {
        JobWatch(
            id: "w", schedule: FollowSchedule(configuration: EngineConfiguration(), seed: 3), timeout: timeout)
    }

    @Test("start reads; a transient error retries after the backoff; a 401 stops with nothing seen")
    func firstSteps() {
        var watch = Self.watch()
        guard case .read = watch.next(.start(at: Self.start)).first else {
            Issue.record("no read at start")
            return
        }
        let retry = watch.next(.read(.failure(.transport("reset")), at: Self.start))
        guard case .update(.retrying(let after, _)) = retry.first, case .sleep(let pause) = retry.last else {
            Issue.record("\(retry)")
            return
        }
        #expect(after == pause && pause > 0)
        guard
            case .finish(.stopped(let error, let passed, let seen)) = watch.next(
                .read(.failure(.unauthorized(status: 401)), at: Self.start.addingTimeInterval(1))
            ).last
        else {
            Issue.record("a 401 did not stop")
            return
        }
        #expect(error == .unauthorized(status: 401) && !passed && seen == nil)
    }

    @Test("an active read shows the job and sleeps the type's interval; a final status ends with it")
    func readsAndEnds() {
        var watch = Self.watch()
        _ = watch.next(.start(at: Self.start))
        let active = watch.next(.read(.success(Self.job(.processing)), at: Self.start))
        guard case .update(.read) = active.first, case .sleep(let pause) = active.last else {
            Issue.record("\(active)")
            return
        }
        #expect(pause == EngineConfiguration().rules.policy(for: "scraping").interval)
        guard case .finish(.failed) = watch.next(.read(.success(Self.job(.failed)), at: Self.start)).last else {
            Issue.record("a failed job did not end the watch as failed")
            return
        }
    }

    /// Random answers and random delays: one ending, last; no sleep past the
    /// deadline; a failed, completed or cancelled ending only from a read that
    /// said so; an error never ends as a job's failure.
    @Test("random answers: one ending, never past the deadline, errors never a failed job")
    func randomAnswers() {
        var random = SeededRandom(seed: 29)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let statuses: [JobStatus] = [.queued, .processing, .processing, .completed, .failed, .cancelled, .unknown("x")]
        let errors: [APIError] = [
            .transport("reset"), .timeout(seconds: 10), .server(status: 503, message: "busy", retryAfter: 30),
            .server(status: 500, message: "oops", retryAfter: nil), .notFound("gone"), .unauthorized(status: 401),
        ]
        for round in 0..<300 {
            let timeout: Double? = random.next() % 3 == 0 ? Double(random.next() % 3600 + 1) : nil
            var watch = Self.watch(timeout: timeout)
            var now = Self.start
            var pending = watch.next(.start(at: now))
            var lastRead: Result<Job, APIError>?
            var ends: [JobWatch.End] = []
            var steps = 0
            let created = Self.start.addingTimeInterval(-Double(random.next() % 7200))
            let type = pick(["scraping", "video_generation", "research"])
            while !pending.isEmpty, steps < 5000 {
                steps += 1
                switch pending.removeFirst() {
                case .read:
                    now = now.addingTimeInterval(Double(random.next() % 3))
                    let result: Result<Job, APIError> =
                        random.next() % 3 == 0
                        ? .failure(pick(errors))
                        : .success(
                            Self.job(
                                random.next() % 4 == 0 ? pick(statuses) : .processing, type: type, created: created))
                    lastRead = result
                    pending += watch.next(.read(result, at: now))
                case .sleep(let seconds):
                    if let deadline = watch.schedule.deadline {
                        #expect(now.addingTimeInterval(seconds) <= deadline.addingTimeInterval(1e-6), "round \(round)")
                    }
                    now = now.addingTimeInterval(seconds)
                    pending += watch.next(.woke(at: now))
                case .update:
                    break
                case .finish(let end):
                    ends.append(end)
                    #expect(pending.isEmpty, "round \(round): effects after the end")
                }
            }
            #expect(ends.count == 1, "round \(round)")
            switch ends.first {
            case .completed(let job)?, .failed(let job)?, .cancelled(let job)?:
                guard case .success(let read)? = lastRead else {
                    Issue.record("round \(round): a job's ending after an error")
                    continue
                }
                #expect(read.status == job.status && job.status.isFinal)
            case .stillRunning?:
                guard case .success(let read)? = lastRead else { continue }
                #expect(!read.status.isFinal)
            case .stopped(let error, _, _)?:
                guard case .failure(let last)? = lastRead else {
                    Issue.record("round \(round): stopped without an error")
                    continue
                }
                #expect(error == last)
            case nil:
                Issue.record("round \(round): never ended in 5000 steps")
            }
            // Without --timeout, once the type is known, the deadline is its maximum duration since creation.
            if timeout == nil, watch.type != nil {
                #expect(
                    watch.schedule.deadline
                        == created.addingTimeInterval(EngineConfiguration().rules.policy(for: type).maximumDuration))
            }
        }
    }
}
