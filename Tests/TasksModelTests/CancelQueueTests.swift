import Foundation
import Testing

@testable import TasksModel

/// `CancelQueue` on its own: the confirmed cancels waiting to be sent.
@Suite("CancelQueue: confirmed cancels, once each, given out in id order")
struct CancelQueueTests {
    @Test("a cancel confirmed twice waits once")
    func dedup() {
        var queue = CancelQueue()
        #expect(queue.isEmpty)
        queue.confirmed("job_b")
        queue.confirmed("job_b")
        #expect(queue.count == 1 && queue.contains("job_b"))
        #expect(queue.take { _ in false } == ["job_b"])
        #expect(queue.isEmpty && !queue.contains("job_b"))
    }

    @Test("taken in id order, whatever order they were confirmed in")
    func idOrder() {
        var queue = CancelQueue()
        for id in ["job_c", "job_a", "job_d", "job_b"] { queue.confirmed(JobID(id)) }
        #expect(queue.take { _ in false } == ["job_a", "job_b", "job_c", "job_d"])
    }

    @Test("those held back stay for the next take; the rest leave")
    func heldStay() {
        var queue = CancelQueue()
        for id in ["job_1", "job_2", "job_3"] { queue.confirmed(JobID(id)) }
        var asked: [JobID] = []
        let first = queue.take { id in
            asked.append(id)
            return id == "job_2"
        }
        #expect(asked == ["job_1", "job_2", "job_3"])
        #expect(first == ["job_1", "job_3"])
        #expect(queue.count == 1 && queue.contains("job_2"))
        #expect(queue.contains(where: { $0 == "job_2" }) && !queue.contains(where: { $0 == "job_1" }))
        #expect(queue.take { _ in true }.isEmpty)
        #expect(queue.take { _ in false } == ["job_2"])
        #expect(queue.isEmpty)
    }

    @Test("random confirms and takes agree with a sorted set")
    func againstModel() {
        var random = SeededRandom(seed: 31)
        for _ in 0..<200 {
            var queue = CancelQueue()
            var model = Set<JobID>()
            for _ in 0..<30 {
                if random.next() % 3 == 0 {
                    let parity = random.next() % 2
                    let held = { (id: JobID) in id.description.count % 2 == parity }
                    let expected = model.sorted().filter { !held($0) }
                    model.subtract(expected)
                    #expect(queue.take(unless: held) == expected)
                } else {
                    let id = JobID(
                        "j" + String(repeating: "x", count: Int(random.next() % 3)) + "\(random.next() % 12)")
                    queue.confirmed(id)
                    model.insert(id)
                }
                #expect(queue.count == model.count)
                #expect(model.allSatisfy(queue.contains))
            }
        }
    }
}
