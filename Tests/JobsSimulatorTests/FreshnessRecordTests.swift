import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// The simulator's record of when each active job's data went out
/// (`/_sim/stats?freshness`), which scripts/perf/scale.sh judges clients by.
@Suite("The freshness record")
struct FreshnessRecordTests {
    @Test("the read that first shows a job finished closes its last gap; later reads of it count no more")
    func finalReadClosesTheGap() throws {
        let state = SimulatorState(seed: 1)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var job = Job(id: "j", status: .processing, type: "scraping")
        state.served([job], at: start)
        job.status = .completed
        state.served([job], at: start + 0.3)
        state.served([job], at: start + 9)
        let entry = try #require(state.statsJSON(withFreshness: true, at: start + 10)["freshness"]?["j"])
        guard case .number(let gap)? = entry["max_gap"], case .number(let reads)? = entry["reads"],
            case .number(let sinceFirst)? = entry["since_first"], case .number(let sinceLast)? = entry["since_last"]
        else {
            Issue.record("\(entry)")
            return
        }
        #expect(gap == 0.3, "\(gap)")
        #expect(reads == 2)
        #expect(entry["finished"] == .bool(true))
        #expect(sinceFirst == 10 && sinceLast == 9.7, "\(sinceFirst) \(sinceLast)")
        // A job only ever served finished is not in the record.
        state.served([Job(id: "done", status: .failed, type: "scraping")])
        #expect(state.statsJSON(withFreshness: true)["freshness"]?["done"] == nil)
    }
}
