import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

@Suite("Simulation: the story over injected time")
struct SimulationStoryTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// Every job seen at every step of a simulated span, keyed by id.
    func observe(seed: UInt64, speed: Double = 10, jobs: Int = 24, hours: Double = 2, step: Double = 5)
        -> [String: [(Date, Job)]]
    {
        let clock = ManualSimClock(start)
        let simulation = Simulation(
            options: SimulationOptions(seed: seed, speed: speed, initialJobs: jobs), clock: clock)
        var seen: [String: [(Date, Job)]] = [:]
        var elapsed = 0.0
        while elapsed <= hours * 3600 {
            for job in simulation.list(status: .all, limit: 100_000) {
                seen[job.id.text, default: []].append((clock.now(), job))
            }
            clock.advance(by: step)
            elapsed += step
        }
        return seen
    }

    @Test("the same seed tells the same story; another seed another")
    func deterministic() {
        func snapshot(_ seed: UInt64) -> [JSONValue] {
            let clock = ManualSimClock(start)
            let simulation = Simulation(options: SimulationOptions(seed: seed), clock: clock)
            var frames: [JSONValue] = []
            for _ in 0..<20 {
                frames.append(.array(simulation.list(limit: 1000).map(\.json)))
                clock.advance(by: 37)
            }
            return frames
        }
        #expect(snapshot(7) == snapshot(7))
        #expect(snapshot(7) != snapshot(8))
    }

    @Test("jobs never go back from final, progress never goes backwards, finished jobs carry their data")
    func invariants() {
        let seen = observe(seed: 3)
        #expect(seen.count > 40)
        for (id, timeline) in seen {
            var wasFinal: Job?
            var lastPercentage = 0.0
            for (_, job) in timeline {
                if let final = wasFinal {
                    #expect(job == final, "job \(id) changed after finishing")
                    continue
                }
                #expect(job.progress.percentage >= lastPercentage, "job \(id) went backwards")
                lastPercentage = job.progress.percentage
                switch job.status {
                case .completed:
                    #expect(job.completedAt != nil && job.result != nil && job.progress.percentage == 100)
                case .failed:
                    #expect(job.completedAt != nil && job.error?.message?.isEmpty == false && job.error?.details != nil)
                case .processing:
                    #expect(job.startedAt != nil && job.progress.currentStep != nil && job.completedAt == nil)
                case .queued:
                    #expect(job.progress.percentage == 0 && job.completedAt == nil)
                default:
                    Issue.record("unexpected status \(job.status)")
                }
                if job.status.isFinal { wasFinal = job }
            }
        }
    }

    @Test("every family and several type variants appear; steps read like real work")
    func variety() {
        let seen = observe(seed: 5, hours: 3, step: 30)
        let types = Set(seen.values.compactMap { $0.first?.1.type })
        for family in JobFamily.allCases {
            #expect(types.contains { family.typeNames.contains($0) }, "no \(family) job")
        }
        #expect(types.count >= 10)
        let steps = Set(seen.values.flatMap { $0.compactMap { $0.1.progress.currentStep } })
        #expect(steps.contains { $0.hasPrefix("Scraping page ") && $0.contains(" of ") })
        #expect(steps.contains { $0.hasPrefix("Generating scene ") })
        #expect(steps.contains { $0.hasPrefix("Generating image ") })
    }

    @Test("some jobs wait queued first, some fail, some stall, some overrun their maximum")
    func characters() {
        let seen = observe(seed: 1, hours: 1, step: 5)
        var queuedThenRan = 0
        var failed = 0
        var stalled = 0
        var overran = 0
        for timeline in seen.values {
            let statuses = timeline.map(\.1.status)
            if statuses.first == .queued, statuses.contains(.processing) { queuedThenRan += 1 }
            if statuses.last == .failed { failed += 1 }
            // Stalled: processing with the same step and updated_at for over 5 minutes.
            var frozenSince: (Date, Job)?
            var longest = 0.0
            for (time, job) in timeline where job.status == .processing {
                if let (since, old) = frozenSince,
                    old.progress == job.progress || old.progress.currentStep == job.progress.currentStep,
                    old.updatedAt == job.updatedAt
                {
                    longest = max(longest, time.timeIntervalSince(since))
                } else {
                    frozenSince = (time, job)
                }
            }
            if longest > 300 { stalled += 1 }
            if let (time, job) = timeline.last(where: { $0.1.status == .processing }), let created = job.createdAt,
                let family = JobFamily.allCases.first(where: { $0.typeNames.contains(job.type) }),
                time.timeIntervalSince(created) > family.maximumDuration
            {
                overran += 1
            }
        }
        #expect(queuedThenRan >= 3)
        #expect(failed >= 2)
        #expect(stalled >= 1)
        #expect(overran >= 1)
    }

    @Test("a stalled job's updated_at shows how long it has been frozen")
    func stallUpdatedAt() {
        let clock = ManualSimClock(start)
        let simulation = Simulation(options: SimulationOptions(seed: 1), clock: clock)
        // One initial job is the guaranteed stall: frozen for 7 minutes at start.
        let stalling = Set(simulation.stallingJobIDs())
        let stalled = simulation.list(status: .processing, limit: 1000).filter {
            guard stalling.contains($0.id.text), let updated = $0.updatedAt else { return false }
            return start.timeIntervalSince(updated) >= 7 * 60 - 1
        }
        #expect(!stalled.isEmpty)
        clock.advance(by: 120)
        // The guaranteed one (30 minutes in all) is still frozen two minutes on.
        let stillFrozen = stalled.filter { before in
            let after = simulation.job(id: before.id)!
            return after.status == .processing && after.progress == before.progress
                && after.updatedAt == before.updatedAt
        }
        #expect(!stillFrozen.isEmpty)
        #expect(stillFrozen.allSatisfy { start.timeIntervalSince($0.updatedAt!) >= 7 * 60 - 1 })
    }

    @Test("new jobs arrive over time; --jobs 0 is empty with no arrivals")
    func arrivals() {
        let clock = ManualSimClock(start)
        let busy = Simulation(options: SimulationOptions(seed: 2, initialJobs: 10), clock: clock)
        let empty = Simulation(options: SimulationOptions(seed: 2, initialJobs: 0), clock: clock)
        #expect(busy.count == 10)
        clock.advance(by: 600)
        #expect(busy.list(limit: 1000).count > 10)
        #expect(empty.list(limit: 1000).isEmpty)
    }

    @Test("the list honours status and limit, newest first")
    func listing() {
        let clock = ManualSimClock(start)
        let simulation = Simulation(options: SimulationOptions(seed: 4, initialJobs: 40), clock: clock)
        clock.advance(by: 90)
        let all = simulation.list(status: .all, limit: 1000)
        #expect(
            zip(all, all.dropFirst()).allSatisfy { ($0.createdAt ?? .distantPast) >= ($1.createdAt ?? .distantPast) })
        #expect(simulation.list(status: .all, limit: 5).map(\.id) == Array(all.prefix(5)).map(\.id))
        for status in StatusFilter.allCases where status != .all {
            let some = simulation.list(status: status, limit: 1000)
            #expect(some.allSatisfy { $0.status.wireName == status.rawValue })
            #expect(some.map(\.id) == all.filter { $0.status.wireName == status.rawValue }.map(\.id))
        }
    }
}
