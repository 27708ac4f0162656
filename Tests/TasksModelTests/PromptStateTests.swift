import Testing

@testable import TasksModel

@Suite("PromptState: a dialog is answerable only after a frame at this size named exactly its jobs")
struct PromptStateTests {
    static func one(_ id: JobID) -> Prompt { .confirmCancel(CancelTarget(id: id, type: "t", percentage: 0, step: nil)) }
    static func several(_ ids: [JobID]) -> Prompt {
        .confirmMarkedCancel(
            MarkedCancel(targets: ids.map { CancelTarget(id: $0, type: "t", percentage: 0, step: nil) }, skipped: []))
    }

    @Test("examples: the frame's size, the names, a resize, re-opening")
    func examples() {
        var prompts = PromptState()
        prompts.show(Self.one("a"))
        #expect(!prompts.dialogPainted)
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["a"]), width: 100, height: 24)
        #expect(!prompts.dialogPainted, "a frame of another size")
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["b"]), width: 80, height: 24)
        #expect(!prompts.dialogPainted, "a frame naming another job")
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: nil), width: 80, height: 24)
        #expect(!prompts.dialogPainted, "a frame with the dialog cut")
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["a"]), width: 80, height: 24)
        #expect(prompts.dialogPainted)
        prompts.sizeChanged()
        #expect(!prompts.dialogPainted)
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["a"]), width: 80, height: 24)
        prompts.show(Self.one("a"))
        #expect(!prompts.dialogPainted, "the same dialog opened again is a new question")
        prompts.show(Self.several(["a", "b"]))
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["b", "a"]), width: 80, height: 24)
        #expect(!prompts.dialogPainted, "the marked jobs in another order")
        prompts.painted(FrameJobs(width: 80, height: 24, dialog: ["a", "b"]), width: 80, height: 24)
        #expect(prompts.dialogPainted)
        prompts.close()
        #expect(prompts.prompt == nil && !prompts.dialogPainted)
    }

    @Test(
        "1,000 random runs: answerable exactly when the last paint since the dialog opened or the size changed fits it")
    func randomRuns() {
        let ids: [JobID] = ["a", "b", "c", "cafe\u{301}", "caf\u{E9}"]
        let sizes = [(80, 24), (120, 40), (20, 6)]
        var failures: [String] = []
        for seed in 1...1000 {
            var rng = SeededRandom(seed: UInt64(seed))
            var prompts = PromptState()
            var size = sizes[0]
            var expected = false
            func pick<T>(_ from: [T]) -> T { from[Int(rng.next() % UInt64(from.count))] }
            for step in 0..<40 {
                switch rng.next() % 6 {
                case 0:
                    prompts.show(
                        rng.next() % 2 == 0
                            ? Self.one(pick(ids)) : Self.several(Array(ids.shuffled(using: &rng).prefix(2))))
                    expected = false
                case 1:
                    prompts.show(.search(draft: "x", previous: ""))
                    expected = false
                case 2:
                    prompts.close()
                    expected = false
                case 3:
                    size = pick(sizes)
                    prompts.sizeChanged()
                    expected = false
                default:
                    let frameSize = rng.next() % 3 == 0 ? pick(sizes) : size
                    let named: [JobID]? =
                        switch rng.next() % 4 {
                        case 0: nil
                        case 1: [pick(ids)]
                        case 2: Array(ids.shuffled(using: &rng).prefix(2))
                        default:
                            switch prompts.prompt {
                            case .confirmCancel(let target)?: [target.id]
                            case .confirmMarkedCancel(let marked)?: marked.targets.map(\.id)
                            default: nil
                            }
                        }
                    let frame = FrameJobs(width: frameSize.0, height: frameSize.1, dialog: named)
                    let dialogIDs: [JobID]? =
                        switch prompts.prompt {
                        case .confirmCancel(let target)?: [target.id]
                        case .confirmMarkedCancel(let marked)?: marked.targets.map(\.id)
                        default: nil
                        }
                    // Byte-exact: the two spellings of café are two jobs.
                    let fits =
                        frameSize == size && named != nil && dialogIDs != nil
                        && named!.map { Array($0.text.utf8) } == dialogIDs!.map { Array($0.text.utf8) }
                    expected = expected || fits
                    prompts.painted(frame, width: size.0, height: size.1)
                }
                if prompts.dialogPainted != expected {
                    failures.append(
                        "seed \(seed) step \(step): answerable \(prompts.dialogPainted), expected \(expected)")
                }
            }
            if failures.count > 3 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(4).joined(separator: "\n"))")
    }
}
