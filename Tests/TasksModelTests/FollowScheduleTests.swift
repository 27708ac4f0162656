import Foundation
import Testing

@testable import TasksModel

/// `watch` and `cancel` read one job on the engine's schedule.
@Suite("Following one job: the engine's intervals and backoff")
struct FollowScheduleTests {
    @Test(
        "after a read, the type's PollPolicy interval; the user's interval wins",
        arguments: [("store_scraping", 5.0), ("bulk_ad_generation", 6), ("video_generation", 10), ("mystery", 10)])
    func intervals(type: String, interval: Double) {
        var schedule = FollowSchedule(configuration: EngineConfiguration(), seed: 1)
        #expect(schedule.succeeded(type: type) == interval)
        #expect(schedule.policy(for: type) == PollRules.reference.policy(for: type))
        var overridden = FollowSchedule(configuration: EngineConfiguration(), intervalOverride: 0.5, seed: 1)
        #expect(overridden.succeeded(type: type) == 0.5)
    }

    @Test("configured poll rules are the ones used")
    func configuredRules() {
        var configuration = EngineConfiguration()
        configuration.rules = PollRules(
            rules: [PollRule(match: ["scrap"], policy: PollPolicy(name: "slow", interval: 42, maximumDuration: 60))],
            fallback: PollPolicy(name: "other", interval: 17, maximumDuration: 60))
        let schedule = FollowSchedule(configuration: configuration, seed: 1)
        #expect(schedule.interval(for: "scraping") == 42)
        #expect(schedule.interval(for: "research") == 17)
    }

    @Test("after failures, exactly the engine's retry delays, in the same order for the same seed")
    func backoffIsTheEngines() {
        var configuration = EngineConfiguration()
        configuration.backoff = Backoff(base: 2, cap: 20)
        var schedule = FollowSchedule(configuration: configuration, seed: 99)
        var random = SeededRandom(seed: 99)
        for failures in 1...8 {
            let expected = configuration.retryDelay(afterFailures: failures, retryAfter: nil, using: &random)
            #expect(schedule.failed(.timeout(seconds: 10)) == .retry(after: expected, failures: failures))
            #expect(expected >= EngineConfiguration.minimumRetryDelay)
            #expect(expected <= configuration.backoff.ceiling(afterFailures: failures))
        }
    }

    @Test("Retry-After is honoured; a success starts the backoff over")
    func retryAfterAndReset() {
        var schedule = FollowSchedule(configuration: EngineConfiguration(), seed: 3)
        guard case .retry(let delay, 1) = schedule.failed(.server(status: 429, message: "", retryAfter: 12)) else {
            Issue.record("expected a retry")
            return
        }
        #expect(delay >= 12)
        _ = schedule.failed(.transport("connection reset"))
        #expect(schedule.failures == 2)
        _ = schedule.succeeded(type: "scraping")
        #expect(schedule.failures == 0)
        guard case .retry(_, 1) = schedule.failed(.decode("bad")) else {
            Issue.record("expected a first retry")
            return
        }
    }

    @Test("an unauthorized or unknown job stops following; everything else is retried")
    func stops() {
        var schedule = FollowSchedule(configuration: EngineConfiguration(), seed: 3)
        #expect(schedule.failed(.unauthorized(status: 401)) == .stop)
        #expect(schedule.failed(.notFound("job x")) == .stop)
        #expect(schedule.failures == 0)
        for error in [
            APIError.transport("x"), .timeout(seconds: 1), .server(status: 500, message: "", retryAfter: nil),
            .bodyTooLarge(limit: 1),
        ] {
            guard case .retry = schedule.failed(error) else {
                Issue.record("\(error) should be retried")
                continue
            }
        }
    }
}

@Suite("Following one job: the deadline holds whether reads succeed or fail")
struct FollowDeadlineTests {
    @Test("no deadline: the wait is the wait")
    func noDeadline() {
        let schedule = FollowSchedule(configuration: EngineConfiguration(), seed: 1)
        #expect(schedule.sleep(10, now: Date()) == 10)
    }

    @Test("a wait that would pass the deadline is cut to it, so the last read is at the deadline")
    func cutToDeadline() {
        let start = Date(timeIntervalSince1970: 1_000)
        var schedule = FollowSchedule(configuration: EngineConfiguration(), intervalOverride: 10, seed: 1)
        schedule.deadline = start.addingTimeInterval(3)
        #expect(schedule.sleep(schedule.succeeded(type: "x"), now: start) == 3)
        #expect(schedule.sleep(1, now: start) == 1)
        #expect(schedule.sleep(10, now: start.addingTimeInterval(2.5)) == 0.5)
    }

    @Test("at or after the deadline: stop, after a success and after a failure alike")
    func stopsAtDeadline() {
        let start = Date(timeIntervalSince1970: 1_000)
        var schedule = FollowSchedule(configuration: EngineConfiguration(), seed: 1)
        schedule.deadline = start.addingTimeInterval(3)
        guard case .retry(let delay, _) = schedule.failed(.timeout(seconds: 10)) else {
            Issue.record("a timeout is retried")
            return
        }
        #expect(schedule.sleep(delay, now: start.addingTimeInterval(3)) == nil)
        #expect(schedule.sleep(delay, now: start.addingTimeInterval(30)) == nil)
        #expect(schedule.sleep(5, now: start.addingTimeInterval(3.01)) == nil)
    }
}
