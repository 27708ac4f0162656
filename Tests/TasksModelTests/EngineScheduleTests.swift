import Foundation
import Testing

@testable import TasksModel

@Suite("A scripted hour of mixed jobs")
struct EngineScheduleTests {
    /// 20 jobs of mixed types, starting and finishing through the hour.
    func scriptedHour() -> (FakeJobsServer, EngineHarness) {
        let server = FakeJobsServer()
        let harness = EngineHarness(server: server)
        let start = harness.start
        let types = [
            "scraping", "store_scraping", "ad_generation", "bulk_ad_generation", "video_generation",
            "research", "strategic_analysis", "avatar_video", "persona_generation", "mystery_task",
        ]
        for index in 0..<20 {
            let type = types[index % types.count]
            let created = start.addingTimeInterval(Double(index) * 90)
            let duration = 300 + Double(index) * 60
            let id = JobID("job\(index)")
            server.add(id) { now in
                let age = now.timeIntervalSince(created)
                var job = activeJob(
                    id.text, type: type, created: created, percentage: min(99, age / duration * 100),
                    step: "step \(Int(age / 20))")
                if age >= duration {
                    job.status = index % 7 == 3 ? .failed : .completed
                    job.completedAt = created.addingTimeInterval(duration)
                    job.progress.percentage = 100
                }
                return job
            }
        }
        // Jobs created in the future are not listed yet.
        let full = server.scripts
        for (id, script) in full {
            let index = Int(id.dropFirst(3))!
            let created = start.addingTimeInterval(Double(index) * 90)
            server.scripts[id] = { now in now >= created ? script(now) : nil }
        }
        return (server, harness)
    }

    @Test(
        "the request sequence follows the schedule: lists every 30 s, each active job fresh within its interval + 1 s")
    func hour() {
        let (server, initial) = scriptedHour()
        var harness = initial
        harness.run(until: 3600, step: 0.1)
        let refreshes = server.requests(\.isRefresh).map { $0.timeIntervalSince(harness.start) }
        let refreshGaps = zip(refreshes, refreshes.dropFirst()).map { $1 - $0 }
        #expect(refreshGaps.allSatisfy { $0 >= 28 && $0 <= 30.5 }, "\(refreshGaps)")
        let rules = PollRules.reference
        for index in 0..<20 {
            let id = JobID("job\(index)")
            let created = Double(index) * 90
            let duration = 300 + Double(index) * 60
            let type = harness.engine[id]?.job.type ?? ""
            let interval = rules.policy(for: type).interval
            // While active (and not yet overdue), never older than interval + 1 s.
            let activeUntil = min(created + duration, created + rules.policy(for: type).maximumDuration)
            let gap = harness.longestGap(id, from: created + 31, to: activeUntil - 1)
            #expect(gap <= interval + 1, "\(id) (\(type)): gap \(gap)")
            // Finished jobs are not asked for again.
            let lastPoll = server.requests { $0.jobID == id }.last?.timeIntervalSince(harness.start) ?? 0
            #expect(lastPoll <= created + duration + interval + 1, "\(id) polled after it finished")
        }
        // Coalescing pays: far fewer requests than one per job per interval.
        let naive = (0..<20).reduce(0.0) { total, index in
            let type = harness.engine["job\(index)"]?.job.type ?? ""
            return total + (300 + Double(index) * 60) / rules.policy(for: type).interval
        }
        #expect(Double(server.log.count) < naive * 0.6, "\(server.log.count) requests vs naive \(naive)")
        #expect(harness.engine.inFlight.isEmpty || harness.engine.inFlight.count <= 4)
    }

    @Test("the same script gives the same request sequence")
    func repeatable() {
        let (first, initial1) = scriptedHour()
        var harness1 = initial1
        harness1.run(until: 600)
        let (second, initial2) = scriptedHour()
        var harness2 = initial2
        harness2.run(until: 600)
        #expect(first.log.map(\.request) == second.log.map(\.request))
        #expect(first.log.map(\.at) == second.log.map(\.at))
    }
}
