import Foundation
import Testing

@testable import TasksModel

/// `FailureState` on its own: the global backoff, the probe that ends it, the
/// list refresh's own backoff and the shared seeded jitter, without an engine.
@Suite("FailureState: the engine's backoff, probe and failing-since, as a value")
struct FailureStateTests {
    static let t0 = Fixtures.now

    static var configuration: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.backoff = Backoff(base: 2, cap: 40)
        return configuration
    }

    @Test("each global failure counts, waits exactly the configured delay drawn from the seed, never less than before")
    func globalBackoffIsTheConfigured() {
        let configuration = Self.configuration
        var state = FailureState(seed: 11)
        var reference = SeededRandom(seed: 11)
        var latest: Date?
        for failures in 1...9 {
            let now = Self.t0.addingTimeInterval(Double(failures))
            let delay = configuration.retryDelay(afterFailures: failures, retryAfter: nil, using: &reference)
            let expected = max(latest ?? .distantPast, now.addingTimeInterval(delay))
            let (since, retryAt) = state.globalFailure(retryAfter: nil, at: now, configuration: configuration)
            #expect(retryAt == expected)
            #expect(state.retryAt == expected)
            #expect(since == Self.t0.addingTimeInterval(1))
            #expect(state.consecutiveFailures == failures)
            #expect(delay <= configuration.backoff.ceiling(afterFailures: failures))
            latest = retryAt
        }
    }

    @Test("the backoff grows with the run of failures: over many seeds, each wait is longer than the one before")
    func backoffGrows() {
        var configuration = EngineConfiguration()
        configuration.backoff = Backoff(base: 2, cap: 1000)
        var sums = [Double](repeating: 0, count: 6)
        for seed in UInt64(1)...200 {
            var state = FailureState(seed: seed)
            for failures in 1...6 {
                // A user's refresh lifts the wait but not the count: `retryAt` is this failure's wait alone.
                state.refreshRequested()
                let (_, retryAt) = state.globalFailure(retryAfter: nil, at: Self.t0, configuration: configuration)
                #expect(state.consecutiveFailures == failures)
                sums[failures - 1] += retryAt.timeIntervalSince(Self.t0)
            }
        }
        for index in 1..<sums.count { #expect(sums[index] > sums[index - 1] * 1.5, "\(sums)") }
    }

    @Test("a success ends the run: no backoff, no failing-since, and the next failure is the first again")
    func successResets() {
        let configuration = Self.configuration
        var state = FailureState(seed: 3)
        for second in 0..<5 {
            _ = state.globalFailure(
                retryAfter: nil, at: Self.t0.addingTimeInterval(Double(second)), configuration: configuration)
        }
        #expect(state.isFailing && state.isBackingOff && state.failingSince == Self.t0)
        state.succeeded()
        #expect(!state.isFailing && !state.isBackingOff)
        #expect(state.consecutiveFailures == 0 && state.retryAt == nil && state.failingSince == nil)
        let later = Self.t0.addingTimeInterval(100)
        let (since, retryAt) = state.globalFailure(retryAfter: nil, at: later, configuration: configuration)
        #expect(since == later)
        #expect(state.consecutiveFailures == 1)
        #expect(retryAt.timeIntervalSince(later) <= configuration.backoff.ceiling(afterFailures: 1) + 1e-6)
    }

    @Test("failing-since is the run's first failure, kept across failures and a user's refresh")
    func failingSinceKept() {
        let configuration = Self.configuration
        var state = FailureState(seed: 5)
        for offset in [0.0, 7, 30, 95] {
            let (since, _) = state.globalFailure(
                retryAfter: nil, at: Self.t0.addingTimeInterval(offset), configuration: configuration)
            #expect(since == Self.t0)
            #expect(state.failingSince == Self.t0)
        }
        state.refreshRequested()
        #expect(!state.isBackingOff)
        #expect(state.isFailing && state.failingSince == Self.t0 && state.consecutiveFailures == 4)
        _ = state.globalFailure(retryAfter: nil, at: Self.t0.addingTimeInterval(200), configuration: configuration)
        #expect(state.failingSince == Self.t0 && state.consecutiveFailures == 5)
    }

    @Test("a Retry-After holds; a shorter wait after it does not cut it")
    func longerWaitKept() {
        var state = FailureState(seed: 8)
        var configuration = EngineConfiguration()
        configuration.backoff = Backoff(base: 1, cap: 2)
        let (_, first) = state.globalFailure(retryAfter: 30, at: Self.t0, configuration: configuration)
        #expect(first == Self.t0.addingTimeInterval(30))
        let (_, second) = state.globalFailure(
            retryAfter: nil, at: Self.t0.addingTimeInterval(1), configuration: configuration)
        #expect(second == first)
        #expect(state.retryAt == first)
    }

    @Test("probe gating: one probe once the wait is over, none while it is in flight, again after it answers")
    func probeGating() {
        let configuration = Self.configuration
        var state = FailureState(seed: 2)
        #expect(!state.mayProbe(at: Self.t0))
        let (_, retryAt) = state.globalFailure(retryAfter: 10, at: Self.t0, configuration: configuration)
        #expect(retryAt >= Self.t0.addingTimeInterval(10))
        #expect(!state.mayProbe(at: retryAt.addingTimeInterval(-0.001)))
        #expect(state.mayProbe(at: retryAt))
        state.probeSent()
        #expect(state.probeInFlight && !state.isBackingOff)
        #expect(!state.mayProbe(at: retryAt.addingTimeInterval(1000)))
        // Another request fails while the probe is out: backing off again, yet no second probe.
        let (_, again) = state.globalFailure(retryAfter: nil, at: retryAt, configuration: configuration)
        #expect(state.isBackingOff && !state.mayProbe(at: again.addingTimeInterval(1)))
        state.listAnswered()
        #expect(!state.probeInFlight)
        #expect(state.mayProbe(at: again) && !state.mayProbe(at: again.addingTimeInterval(-0.001)))
        // The run is still on (only a success ends it).
        #expect(state.isFailing)
    }

    @Test("the list refresh's own backoff: counted apart from the global run, reset only by a refresh that answers")
    func refreshBackoff() {
        let configuration = Self.configuration
        var state = FailureState(seed: 21)
        var reference = SeededRandom(seed: 21)
        for failures in 1...5 {
            let now = Self.t0.addingTimeInterval(Double(failures) * 10)
            let delay = configuration.retryDelay(afterFailures: failures, retryAfter: nil, using: &reference)
            #expect(
                state.refreshFailed(retryAfter: nil, at: now, configuration: configuration)
                    == now.addingTimeInterval(delay))
            #expect(state.listFailures == failures)
        }
        #expect(!state.isFailing)
        state.succeeded()
        #expect(state.listFailures == 5)
        state.refreshSucceeded()
        #expect(state.listFailures == 0)
        let next = state.refreshFailed(retryAfter: nil, at: Self.t0, configuration: configuration)
        #expect(next.timeIntervalSince(Self.t0) <= configuration.backoff.ceiling(afterFailures: 1) + 1e-6)
    }

    @Test("every backoff draws from one seeded source, in the order asked: a seeded run repeats exactly")
    func oneJitterSource() {
        let configuration = Self.configuration
        let t0 = Self.t0
        var state = FailureState(seed: 77)
        var reference = SeededRandom(seed: 77)
        func modelWait(_ failures: Int) -> Date {
            t0.addingTimeInterval(configuration.retryDelay(afterFailures: failures, retryAfter: nil, using: &reference))
        }
        var model = [Date]()
        var drawn = [Date]()
        for round in 1...4 {
            let job = state.jobRetryDelay(afterFailures: round, retryAfter: nil, configuration: configuration)
            drawn.append(t0.addingTimeInterval(job))
            model.append(modelWait(round))
            drawn.append(state.refreshFailed(retryAfter: nil, at: t0, configuration: configuration))
            model.append(modelWait(round))
            state.succeeded()
            drawn.append(state.globalFailure(retryAfter: nil, at: t0, configuration: configuration).retryAt)
            model.append(modelWait(1))
        }
        #expect(drawn == model)
        #expect(Set(drawn).count > 6)
    }
}
