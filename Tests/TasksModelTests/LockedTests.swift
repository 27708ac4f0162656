import Dispatch
import Testing

@testable import TasksModel

/// `Locked` is the one lock threads share. Under contention it must lose no
/// update, and under ThreadSanitizer (CI runs this suite so) it must raise no
/// report: a lock whose hand-over TSan cannot see, as `Synchronization.Mutex`'s
/// futex on Linux, fails this test there even though the count is right.
@Suite("Locked: a lock threads share, that ThreadSanitizer can see")
struct LockedTests {
    @Test("8 threads, 5,000 increments each, of a counter and a dictionary: nothing lost")
    func contention() {
        struct Counts: Sendable {
            var total = 0
            var byKey: [Int: Int] = [:]
        }
        let counts = Locked(Counts())
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for step in 0..<5_000 {
                counts.withLock { value in
                    value.total += 1
                    value.byKey[(worker + step) % 7, default: 0] += 1
                }
            }
        }
        let seen = counts.withLock { $0 }
        #expect(seen.total == 40_000)
        var expected: [Int: Int] = [:]
        for worker in 0..<8 { for step in 0..<5_000 { expected[(worker + step) % 7, default: 0] += 1 } }
        #expect(seen.byKey == expected)
    }

    @Test("what the body returns or throws comes out of withLock")
    func passesThrough() {
        struct Refused: Error {}
        let value = Locked([1, 2])
        #expect(value.withLock { $0.count } == 2)
        #expect(throws: Refused.self) { try value.withLock { _ in throw Refused() } }
    }
}
