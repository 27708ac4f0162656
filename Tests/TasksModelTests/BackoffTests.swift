import Testing

@testable import TasksModel

@Suite("Backoff")
struct BackoffTests {
    @Test("the ceiling doubles from the base up to the cap")
    func ceilings() {
        let backoff = Backoff(base: 1, cap: 60)
        #expect((1...8).map { backoff.ceiling(afterFailures: $0) } == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(backoff.ceiling(afterFailures: 10_000) == 60)
    }

    @Test("full jitter: every delay within 0...ceiling, and spread across it")
    func jitter() {
        let backoff = Backoff(base: 2, cap: 30)
        var random = SeededRandom(seed: 7)
        for failures in 1...12 {
            let delays = (0..<200).map { _ in backoff.delay(afterFailures: failures, using: &random) }
            let ceiling = backoff.ceiling(afterFailures: failures)
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= ceiling })
            #expect(delays.min()! < ceiling * 0.2)
            #expect(delays.max()! > ceiling * 0.8)
        }
    }

    @Test("the same seed gives the same schedule; another seed another")
    func seeded() {
        let backoff = Backoff()
        func schedule(_ seed: UInt64) -> [Double] {
            var random = SeededRandom(seed: seed)
            return (1...10).map { backoff.delay(afterFailures: $0, using: &random) }
        }
        #expect(schedule(42) == schedule(42))
        #expect(schedule(42) != schedule(43))
    }

    @Test("Retry-After is a floor, itself capped")
    func retryAfterFloor() {
        let backoff = Backoff(base: 1, cap: 4)
        var random = SeededRandom(seed: 1)
        for _ in 0..<50 {
            #expect(backoff.delay(afterFailures: 1, retryAfter: 20, using: &random) == 20)
            #expect(backoff.delay(afterFailures: 1, retryAfter: 10_000, using: &random) == RetryAfter.cap)
        }
    }
}
