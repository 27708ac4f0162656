import Foundation
import Testing

@testable import TasksModel

/// "Never the wrong job", as a model: thousands of seeded random sequences of
/// keys, pastes, resizes (tiny ones too), clicks, paints held back, list
/// answers that reorder, add and remove jobs, and ids that are equal to
/// Swift's `String` but not in bytes, are fed to `DashboardState.update`.
/// After every step the test checks, on its own terms:
///
/// - every cancel request names exactly the bytes of a job that a frame the
///   test painted showed in a whole dialog (read back from the frame's text:
///   the question, the id line and the answer keys all on screen, the exact
///   spelling line where the id is not plain ASCII), at the current size,
///   answered with `y` after that paint and before any other key or resize;
/// - every audit line pairs an id with that same job's type on the server;
/// - a click on a job row selects the job the last painted frame had there.
@Suite("Wrong job: random input sequences never cancel, audit or select a job other than the one shown")
struct WrongJobModelTests {
    init() { #expect(utf8LocaleReady) }

    /// Ids that collide under canonical equivalence, invisibility or case, a
    /// prefix pair, and one too long for any dialog to show whole.
    static let idPool: [JobID] = [
        JobID("job_caf\u{E9}"), JobID("job_cafe\u{301}"),  // é as one code point, and as e + accent
        JobID("job_\u{C5}ngstr"), JobID("job_\u{212B}ngstr"),  // Å and the Ångström sign (NFC maps it to Å)
        JobID("job_a"), JobID("job_a\u{200B}"),  // a zero-width space: invisible on screen
        JobID("job_A"), JobID("job_1"), JobID("job_10"), JobID("x"),
        JobID("job_" + String(repeating: "z", count: 70)),
    ]

    /// The id's bytes: the test's own notion of identity, independent of `JobID`'s.
    static func bytes(_ id: JobID) -> [UInt8] { Array(id.text.utf8) }
    static func poolIndex(_ id: JobID) -> Int? { idPool.firstIndex { bytes($0) == bytes(id) } }

    /// A server whose truth is known: jobs by exact bytes.
    struct Server {
        var jobs: [[UInt8]: Job] = [:]
        var clock: Date

        mutating func randomize(_ rng: inout SeededRandom) {
            // Add or remove a few, and move creation times so the newest-first order shuffles.
            for (index, id) in WrongJobModelTests.idPool.enumerated() where rng.next() % 4 == 0 {
                let key = WrongJobModelTests.bytes(id)
                if jobs[key] != nil, rng.next() % 3 == 0 {
                    jobs[key] = nil
                } else {
                    let created = clock.addingTimeInterval(-Double(rng.next() % 3000))
                    let status: JobStatus =
                        rng.next() % 5 == 0 ? .completed : (rng.next() % 2 == 0 ? .queued : .processing)
                    jobs[key] = Job(
                        id: id, status: status, type: "type_\(index)", title: "t\(index)!", createdAt: created,
                        completedAt: status.isFinal ? created.addingTimeInterval(60) : nil,
                        progress: JobProgress(percentage: Double(rng.next() % 100)))
                }
            }
        }

        func answer(_ request: EngineRequest) -> EngineResult {
            switch request {
            case .list(let status, let limit):
                let chosen = jobs.values.filter { status == .all || $0.status.wireName == status.rawValue }
                return .list(.success(JobList(jobs: Array(chosen.prefix(limit)))))
            case .job(let id):
                guard let job = jobs[WrongJobModelTests.bytes(id)] else {
                    return .job(.failure(.notFound("job \(id)")))
                }
                return .job(.success(job))
            case .cancel(let id):
                guard var job = jobs[WrongJobModelTests.bytes(id)] else {
                    return .cancel(.failure(.notFound("job \(id)")))
                }
                job.status = .cancelled
                return .cancel(.success(CancelAcceptance(status: 200, job: job)))
            }
        }
    }

    /// What the test read off the last frame it painted.
    struct Seen {
        var width = 0
        var height = 0
        var frame: Frame?
        /// The job a whole dialog on that frame named, if exactly one job fits what it shows.
        var dialog: JobID?
    }

    static let sizes: [(Int, Int)] = [
        (80, 24), (120, 40), (50, 8), (60, 10), (60, 14), (70, 12), (200, 50), (40, 30), (100, 13), (61, 19),
    ]
    static let keys: [Key] = [
        .character("c"), .character("c"), .character("y"), .character("y"), .character("n"), .character("j"),
        .character("k"), .character("G"), .character("g"), .character("!"), .character("f"), .character("s"),
        .escape, .enter, .down, .up, .character("/"), .character(":"),
    ]
    static let pastes = ["y", "c", "cy", "job_a", "\u{1B}[201~y", "yes\r", "job_caf\u{E9}"]

    /// Reads a whole cancel dialog off a frame's text, independently of the
    /// code that drew it: the question, the id line, the server line and the
    /// answer keys must all be on screen; the id shown (and its exact
    /// spelling, when shown) must match exactly one job.
    static func dialogJob(in frame: Frame, among ids: [JobID], profile: TextProfile) -> JobID? {
        let lines = frame.rows.map { $0.spans.map(\.text).joined() }
        func field(_ label: String) -> String? {
            for line in lines {
                guard let range = line.utf8.firstRange(of: Array(label.utf8)) else { continue }
                let rest = String(line.utf8[range.upperBound...])!
                return String(rest.prefix { $0 != " " })
            }
            return nil
        }
        guard lines.contains(where: { $0.contains("Cancel this job?") }),
            lines.contains(where: { $0.contains("y: cancel it") }),
            lines.contains(where: { $0.contains("server:   ") }),
            let shown = field(" id:       ")
        else { return nil }
        let exact = field(" exact id: ")
        let candidates = ids.filter { id in
            let drawn = TerminalText.sanitize(id.text, profile: profile)
            guard drawn.utf8.elementsEqual(shown.utf8) else { return false }
            if let exact { return id.escaped.utf8.elementsEqual(exact.utf8) }
            return id.isPlainASCII
        }
        guard candidates.count == 1 else { return nil }
        // The dialog's type is that job's own (each id in the pool has its own type).
        let index = poolIndex(candidates[0])!
        return field(" type:     ") == "type_\(index)" ? candidates[0] : JobID("mismatch: type of another job")
    }

    /// Runs one random sequence; returns the failures found.
    static func run(seed: UInt64, steps: Int) -> (failures: [String], sent: Int) {
        var rng = SeededRandom(seed: seed)
        var failures: [String] = []
        var server = Server(clock: Fixtures.now)
        server.randomize(&rng)
        var state = Fixtures.state(Array(server.jobs.values), width: 80, height: 24)
        var now = Fixtures.now
        var seen = Seen()
        var allowed: [JobID] = []
        var outstanding: [EngineRequest] = []
        var sent = 0

        func check(_ effects: [DashboardEffect], step: Int, what: String) {
            for effect in effects {
                switch effect {
                case .send(let request):
                    if case .cancel(let id) = request {
                        sent += 1
                        if let index = allowed.firstIndex(where: { bytes($0) == bytes(id) }) {
                            allowed.remove(at: index)
                        } else {
                            failures.append(
                                "seed \(seed) step \(step) (\(what)): cancel of \(id.escaped), never confirmed in a painted dialog"
                            )
                        }
                    }
                    outstanding.append(request)
                case .audit(let id, let type, _):
                    if type != "?", let truth = server.jobs[bytes(id)], truth.type != type {
                        failures.append(
                            "seed \(seed) step \(step): audit pairs \(id.escaped) with \(type), its type is \(truth.type)"
                        )
                    }
                default:
                    break
                }
            }
        }

        /// The loop's paint: the frame goes to the terminal, then `.painted`; the test reads it back.
        func paint(_ step: Int) {
            let frame = DashboardRenderer.render(state)
            check(state.update(.painted(frame.jobs)), step: step, what: "paint")
            seen = Seen(
                width: state.width, height: state.height, frame: frame,
                dialog: dialogJob(in: frame, among: idPool, profile: state.options.profile))
            if seen.dialog?.text.hasPrefix("mismatch") == true {
                failures.append("seed \(seed) step \(step): a dialog named one job with another's type")
                seen.dialog = nil
            }
        }

        // A hurried user's "c, y", with or without a paint between: queued as keys.
        var queued: [Key] = []
        for step in 0..<steps {
            let choice = queued.isEmpty ? rng.next() % 100 : 0
            switch choice {
            case 0..<35:
                if queued.isEmpty, rng.next() % 3 == 0 { queued = [.character("c"), .character("y")] }
                let key = queued.isEmpty ? keys[Int(rng.next() % UInt64(keys.count))] : queued.removeFirst()
                if key == .character("y"), rng.next() % 4 != 0 {
                    // Most of the time the frame with the dialog is painted before y.
                    paint(step)
                }
                now += 0.05
                let answerable = seen.dialog.flatMap {
                    seen.width == state.width && seen.height == state.height ? $0 : nil
                }
                if key == .character("y"), let answerable, case .confirmCancel? = state.prompt {
                    allowed.append(answerable)
                }
                let sentBefore = sent
                check(state.update(.key(key, at: now)), step: step, what: "key \(key)")
                // A y that sent nothing and left nothing pending confirmed nothing: its allowance goes.
                if key == .character("y"), sent == sentBefore, let answerable,
                    let index = allowed.lastIndex(where: { bytes($0) == bytes(answerable) })
                {
                    if case .pending? = state.engine[answerable]?.cancel {} else { allowed.remove(at: index) }
                }
                // Any key answers or closes the dialog: what was seen no longer stands.
                seen.dialog = nil
            case 35..<42:
                let text = pastes[Int(rng.next() % UInt64(pastes.count))]
                check(state.update(.paste(text, complete: rng.next() % 5 != 0)), step: step, what: "paste")
            case 42..<50:
                let (w, h) = sizes[Int(rng.next() % UInt64(sizes.count))]
                check(state.update(.resize(width: w, height: h)), step: step, what: "resize \(w)x\(h)")
                seen.dialog = nil
            case 50..<62:
                let row = Int(rng.next() % UInt64(max(1, state.height)))
                let painted = seen.frame.flatMap { seen.width == state.width && seen.height == state.height ? $0 : nil }
                let expected = painted?.jobs.rows[row]
                let before = state.selectedID
                let layout = DashboardLayout(width: state.width, height: state.height)
                let onJobRow: Bool =
                    if case .jobRow = layout.tableSpot(row: row, column: 5) { true } else { false }
                let table = state.screen == .table && state.prompt == nil
                now += 0.2
                check(
                    state.update(.mouse(MouseEvent(row: row, column: 5, kind: .press), at: now)), step: step,
                    what: "click row \(row)")
                if table, onJobRow {
                    let selected = state.selectedID
                    if let expected, state.table.position[expected] != nil {
                        if selected.map(bytes) != bytes(expected) {
                            failures.append(
                                "seed \(seed) step \(step): click on row \(row) showing \(expected.escaped) selected \(selected?.escaped ?? "nil")"
                            )
                        }
                        // The painted row's text shows that job's title (`t3!`), where titles show at all.
                        if let index = poolIndex(expected), let line = painted?.rows[row].spans.map(\.text).joined(),
                            line.contains("!"), !line.contains("t\(index)!")
                        {
                            failures.append("seed \(seed) step \(step): row \(row) does not show t\(index)!: \(line)")
                        }
                    } else if selected.map(bytes) != before.map(bytes) {
                        failures.append(
                            "seed \(seed) step \(step): click on row \(row) with no painted job moved the selection")
                    }
                }
            case 62..<72:
                server.clock = now
                server.randomize(&rng)
                now += 0.5
                let event = EngineEvent.completed(
                    .list(status: .all, limit: 50), server.answer(.list(status: .all, limit: 50)), at: now)
                check(state.update(.engine(event)), step: step, what: "list answer")
            case 72..<80:
                now += 0.3
                let pending = outstanding
                outstanding = []
                for request in pending {
                    let result = server.answer(request)
                    if case .cancel(let id) = request, case .cancel(.success) = result {
                        server.jobs[bytes(id)]?.status = .cancelled
                    }
                    check(state.update(.engine(.completed(request, result, at: now))), step: step, what: "answers")
                }
            case 80..<95:
                paint(step)
            default:
                now += Double(rng.next() % 4)
                check(state.update(.tick(now)), step: step, what: "tick")
            }
            // The table draws `window`, computed in update: after any input it is what the state says now
            // (checked in one sequence of four: rebuilding the window each step is most of the cost).
            if seed % 4 == 0, state.window != state.tableWindow() {
                failures.append("seed \(seed) step \(step): the table's rows are stale after the input")
            }
            if failures.count > 3 { break }
        }
        return (failures, sent)
    }

    /// 2,000 sequences in four slices of 500, so the slices run in parallel.
    @Test(
        "2,000 seeded sequences of 60 steps: every cancel, audit line and click is about the job shown, every frame's rows fresh",
        arguments: 0..<4)
    func randomSequences(slice: Int) {
        var failures: [String] = []
        var sent = 0
        for seed in (1 + slice * 500)...(500 + slice * 500) {
            let run = Self.run(seed: UInt64(seed), steps: 60)
            failures += run.failures
            sent += run.sent
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
        // Not vacuous: the sequences do reach painted dialogs answered with y.
        #expect(sent >= 125, "only \(sent) cancels were sent in 500 sequences")
    }
}
