import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

@Suite("Simulation: cancel and injected jobs")
struct SimulationCancelTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("an active job becomes cancelled with completed_at; again is 409; unknown is 404")
    func cancelCodes() throws {
        let clock = ManualSimClock(start)
        let simulation = Simulation(options: SimulationOptions(seed: 1, initialJobs: 0), clock: clock)
        simulation.inject(Job(id: "a", status: .processing, type: "scraping", createdAt: start))
        clock.advance(by: 3)
        guard case .accepted(let job) = simulation.cancel(id: "a") else { throw Failure("not accepted") }
        #expect(job.status == .cancelled)
        #expect(job.completedAt == start.addingTimeInterval(3))
        guard case .alreadyFinished(let again) = simulation.cancel(id: "a") else { throw Failure("expected 409") }
        #expect(again.status == .cancelled)
        #expect(simulation.cancel(id: "missing") == .notFound)
        simulation.inject(Job(id: "done", status: .completed, type: "scraping"))
        guard case .alreadyFinished = simulation.cancel(id: "done") else { throw Failure("expected 409") }
    }

    @Test("a delayed cancel takes effect later; an ignored one never")
    func delayedAndIgnored() throws {
        let clock = ManualSimClock(start)
        let simulation = Simulation(options: SimulationOptions(seed: 1, initialJobs: 0), clock: clock)
        simulation.inject(Job(id: "slow", status: .processing, type: "x"), cancel: .afterDelay(10))
        simulation.inject(Job(id: "stubborn", status: .processing, type: "x"), cancel: .ignore)
        guard case .accepted(let slow) = simulation.cancel(id: "slow") else { throw Failure("not accepted") }
        #expect(slow.status == .processing)
        guard case .accepted(let stubborn) = simulation.cancel(id: "stubborn") else { throw Failure("not accepted") }
        #expect(stubborn.status == .processing)
        clock.advance(by: 9)
        #expect(simulation.job(id: "slow")?.status == .processing)
        clock.advance(by: 2)
        #expect(simulation.job(id: "slow")?.status == .cancelled)
        #expect(simulation.job(id: "slow")?.completedAt == start.addingTimeInterval(10))
        clock.advance(by: 3600)
        #expect(simulation.job(id: "stubborn")?.status == .processing)
    }

    @Test("generated jobs: most honour a cancel at once, some later, a few never")
    func generatedCancelBehaviours() {
        var honoured = 0
        var delayed = 0
        var ignored = 0
        for seed in 1...12 {
            let clock = ManualSimClock(start)
            let simulation = Simulation(options: SimulationOptions(seed: UInt64(seed), initialJobs: 40), clock: clock)
            let active = simulation.list(status: .processing, limit: 1000)
            for job in active { _ = simulation.cancel(id: job.id.text) }
            let now = Dictionary(uniqueKeysWithValues: active.map { ($0.id, simulation.job(id: $0.id)!) })
            clock.advance(by: 16)
            for job in active {
                if now[job.id]?.status == .cancelled {
                    honoured += 1
                } else if simulation.job(id: job.id)?.status == .cancelled {
                    delayed += 1
                } else if simulation.job(id: job.id)?.status == .processing {
                    ignored += 1
                }
            }
        }
        #expect(honoured > delayed)
        #expect(delayed > 0)
        #expect(ignored > 0)
    }

    @Test("an injected job is served verbatim and does not move; advance_seconds makes it run")
    func injected() {
        let clock = ManualSimClock(start)
        let simulation = Simulation(options: SimulationOptions(seed: 1, initialJobs: 0), clock: clock)
        let hostile = "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[31mred\r\n\u{9B}2J\u{202E}\u{200B}日本👩‍🔧"
        let job = Job(
            id: "h", status: .processing, type: hostile, title: hostile, createdAt: start,
            progress: JobProgress(percentage: 40, currentStep: hostile))
        simulation.inject(job)
        clock.advance(by: 3600)
        #expect(simulation.job(id: "h") == job)
        simulation.inject(
            Job(id: "m", status: .queued, type: "x", progress: JobProgress(percentage: 20)), advanceSeconds: 100)
        clock.advance(by: 50)
        let midway = simulation.job(id: "m")!
        #expect(midway.status == .processing)
        #expect(abs(midway.progress.percentage - 60) < 0.01)
        clock.advance(by: 60)
        #expect(simulation.job(id: "m")?.status == .completed)
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
