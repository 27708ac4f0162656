import Foundation
import Testing

@testable import TasksModel

/// "Never the wrong job", rule by rule: ids are bytes, a dialog counts only
/// when painted whole at the current size, clicks land on the painted rows,
/// and `!` puts the selection on the worst job. (The model over random
/// sequences is `WrongJobModelTests`.)
@Suite("Wrong job: ids by bytes, dialogs painted whole, clicks on painted rows, ! on the worst job")
struct WrongJobTests {
    init() { #expect(utf8LocaleReady) }

    static let composed = "job_caf\u{E9}"  // é as one code point
    static let decomposed = "job_cafe\u{301}"  // e and a combining acute accent

    static func cancels(_ effects: [DashboardEffect]) -> [JobID] {
        effects.requests.compactMap { if case .cancel(let id) = $0 { id } else { nil } }
    }

    @Test("ids equal to Swift's String but not in bytes are two ids: equality, hashing and order")
    func jobIDIsBytes() {
        #expect(Self.composed == Self.decomposed)  // what String says
        let a = JobID(Self.composed)
        let b = JobID(Self.decomposed)
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
        #expect((a < b) != (b < a))
        #expect(JobID("job_a") != JobID("job_a\u{200B}"))
        #expect(JobID("job_\u{212B}") != JobID("job_\u{C5}"))
        #expect(JobID("x") == JobID("x") && JobID("x").hashValue == JobID("x").hashValue)
        #expect(a.escaped == "job_caf\\u{E9}" && b.escaped == "job_cafe\\u{301}")
    }

    @Test("two canonically equivalent ids are two rows, and each cancel goes to the bytes its dialog named")
    func twoRowsTwoCancels() {
        let first = Fixtures.job(Self.composed, .processing, type: "video_generation", minutesAgo: 3)
        let second = Fixtures.job(Self.decomposed, .processing, type: "scraping", minutesAgo: 5)
        var state = Fixtures.state([first, second], width: 120, height: 30)
        #expect(state.engine.jobs.count == 2)
        #expect(state.visible.count == 2)
        for index in 0..<2 {
            _ = state.update(.key(.home, at: state.now))
            for _ in 0..<index { _ = state.update(.key(.down, at: state.now)) }
            let selected = state.selectedID!
            _ = state.update(.key(.character("c"), at: state.now))
            state.paint()
            let text = DashboardRenderer.render(state).text
            #expect(text.contains("exact id: \(selected.escaped)"))
            let type = state.engine[selected]!.job.type
            #expect(text.contains("type:     \(type)"))
            let sent = Self.cancels(state.update(.key(.character("y"), at: state.now)))
            #expect(sent.map(\.text.utf8).map(Array.init) == [Array(selected.text.utf8)])
        }
    }

    @Test("an answer about a canonically equivalent id is about another job")
    func answerAboutAnotherJob() {
        var engine = PollingEngine(start: Fixtures.now)
        let asked = JobID(Self.composed)
        _ = engine.update(.open(id: asked, at: Fixtures.now))
        let other = Fixtures.job(Self.decomposed, .processing, minutesAgo: 1)
        _ = engine.update(.completed(.job(id: asked), .job(.success(other)), at: Fixtures.now + 1))
        // Neither id holds the other's data: the answer is not merged under either.
        #expect(engine[asked] == nil)
        #expect(engine[JobID(Self.decomposed)] == nil)
        #expect(engine.jobs.count == 0)
    }

    @Test("50x8: c opens no dialog and says why; y sends nothing")
    func tinyPaneNoDialog() {
        var state = Fixtures.state([Fixtures.job("job_live", .processing, minutesAgo: 1)], width: 50, height: 8)
        let opened = state.update(.key(.character("c"), at: state.now))
        #expect(state.prompt == nil)
        #expect(opened.contains { if case .footer(let f) = $0 { f.text.contains("too small") } else { false } })
        state.paint()
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))).isEmpty)
    }

    @Test("a resize that cannot show the dialog closes it as declined: audited 'aborted: terminal too small'")
    func resizeClosesDialog() {
        var state = Fixtures.state([Fixtures.job("job_live", .processing, minutesAgo: 1)], width: 100, height: 30)
        _ = state.update(.key(.character("c"), at: state.now))
        state.paint()
        #expect(state.dialogPainted)
        let effects = state.update(.resize(width: 50, height: 8))
        #expect(state.prompt == nil)
        #expect(
            effects.contains(
                .audit(jobID: "job_live", type: "scraping", outcome: .notSent("aborted: terminal too small"))))
        state.paint()
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))).isEmpty)
    }

    @Test("after a resize the dialog must be painted again at the new size before y answers it")
    func resizeNeedsRepaint() {
        var state = Fixtures.state([Fixtures.job("job_live", .processing, minutesAgo: 1)], width: 100, height: 30)
        _ = state.update(.key(.character("c"), at: state.now))
        state.paint()
        _ = state.update(.resize(width: 101, height: 30))
        #expect(state.prompt != nil)
        // A frame painted at the old size does not count.
        _ = state.update(.painted(FrameJobs(width: 100, height: 30, dialog: ["job_live"])))
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))).isEmpty)
        _ = state.update(.key(.character("c"), at: state.now))
        state.paint()
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))) == ["job_live"])
    }

    @Test("a dialog whose id does not fit the box is never whole: it is not opened")
    func idTooLongForTheBox() {
        let long = "job_" + String(repeating: "x", count: 70)
        var state = Fixtures.state([Fixtures.job(long, .processing, minutesAgo: 1)], width: 200, height: 40)
        _ = state.update(.key(.character("c"), at: state.now))
        #expect(state.prompt == nil)
        state.paint()
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))).isEmpty)
    }

    @Test("a frame that painted the dialog cut (too few rows) does not make it answerable")
    func clippedFrameDoesNotCount() {
        var state = Fixtures.state([Fixtures.job("job_live", .processing, minutesAgo: 1)], width: 100, height: 30)
        _ = state.update(.key(.character("c"), at: state.now))
        // What a paint at 100x12 showed: the box cut, so no dialog whole.
        _ = state.update(.painted(FrameJobs(width: 100, height: 30, dialog: nil)))
        #expect(!state.dialogPainted)
        #expect(Self.cancels(state.update(.key(.character("y"), at: state.now))).isEmpty)
    }

    @Test("a click lands on the job painted under it, though the rows moved since")
    func clickOnPaintedRow() {
        let a = Fixtures.job("job_aaaa", .processing, minutesAgo: 2)
        let b = Fixtures.job("job_bbbb", .processing, minutesAgo: 3)
        var state = Fixtures.state([a, b], width: 100, height: 20)
        state.paint()
        let frame = DashboardRenderer.render(state)
        let (row, painted) = frame.jobs.rows.min { $0.key < $1.key }!
        #expect(painted == "job_aaaa")
        // A newer job arrives and takes the first row; the pacer has not repainted yet.
        let c = Fixtures.job("job_cccc", .processing, minutesAgo: 1)
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.success(JobList(jobs: [a, b, c]))), at: state.now + 1)))
        #expect(state.visible.first == "job_cccc")
        _ = state.update(.mouse(MouseEvent(row: row, column: 10, kind: .press), at: state.now + 1))
        #expect(state.selectedID == "job_aaaa")
        // With no frame painted at this size, a click selects nothing.
        _ = state.update(.resize(width: 90, height: 20))
        _ = state.update(.mouse(MouseEvent(row: row + 1, column: 10, kind: .press), at: state.now + 2))
        #expect(state.selectedID == "job_aaaa")
    }

    @Test("! selects the worst job, the first row of the support view")
    func supportViewSelectsWorst() {
        let now = Fixtures.now
        var stalled = Fixtures.job("stalled", .processing, type: "research", minutesAgo: 20, percentage: 30)
        stalled.updatedAt = now.addingTimeInterval(-15 * 60)
        stalled.startedAt = nil
        let recentFail = Fixtures.job("recentfail", .failed, type: "research", minutesAgo: 5, error: "boom")
        let fine = Fixtures.job("fine", .processing, type: "research", minutesAgo: 2, percentage: 10)
        var state = Fixtures.state([stalled, recentFail, fine], width: 120, height: 20)
        // Select the failed job (second newest), as a user looking at it would.
        _ = state.update(.key(.down, at: now))
        #expect(state.selectedID == "recentfail")
        _ = state.update(.key(.character("!"), at: now))
        #expect(state.visible.first == "stalled")
        #expect(state.selectedID == "stalled")
    }

    @Test("an id that is not valid UTF-8, or a lone surrogate, is skipped, never merged with another")
    func invalidUTF8IDs() throws {
        let text =
            #"{"jobs": [{"job_id": "job_\ud800", "status": "processing", "type": "a"}, {"job_id": "job_\udbff", "status": "processing", "type": "b"}, {"job_id": "job_ok", "status": "processing", "type": "c"}]}"#
        let list = try JobList.decode(JSONParser.parse(Data(text.utf8)))
        #expect(list.jobs.map(\.id) == ["job_ok"])
        #expect(list.skipped.count == 2)
        var bytes = Array(#"{"job_id": "job_"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"", "status": "queued", "type": "x"}"#.utf8)
        #expect(throws: JobDecodeFailure.self) { try Job.decode(JSONParser.parse(Data(bytes))) }
    }

    @Test("the marked dialog: an id one column short of its box, or a sixth job's id cut, is not whole")
    func markedDialogWhole() {
        // Box at 80 columns: 72 wide, 69 columns of text after the leading space and borders.
        for (count, idLength, width) in [(1, 69, 80), (1, 68, 80), (7, 30, 60)] {
            let jobs = (0..<count).map { index in
                Fixtures.job(
                    "j\(index)_" + String(repeating: "q", count: idLength - 3), .processing,
                    minutesAgo: Double(index + 1))
            }
            var state = Fixtures.state(jobs, width: width, height: 30)
            for _ in 0..<count {
                _ = state.update(.key(.character(" "), at: state.now))
                _ = state.update(.key(.down, at: state.now))
            }
            #expect(state.marks.count == count)
            _ = state.update(.key(.character("c"), at: state.now))
            // 69 + "  scraping…" would be cut right after the id, eating its last column: refused.
            // A 68-column id leaves room for the cut mark; seven 30-column ids at 60 columns do not fit.
            let expectOpen = idLength == 68
            #expect((state.prompt != nil) == expectOpen, "\(count) jobs, ids \(idLength), width \(width)")
        }
    }

    @Test("an id or server too long for any box: c says to use tasks-tui cancel, not to enlarge the terminal")
    func tooLongForAnyBox() {
        let long = "job_" + String(repeating: "x", count: 70)
        var state = Fixtures.state([Fixtures.job(long, .processing, minutesAgo: 1)], width: 200, height: 40)
        _ = state.update(.key(.character("c"), at: state.now))
        #expect(state.message?.text.contains("use tasks-tui cancel ID") == true)
        var small = Fixtures.state([Fixtures.job("job_x", .processing, minutesAgo: 1)], width: 50, height: 8)
        _ = small.update(.key(.character("c"), at: small.now))
        #expect(small.message?.text.contains("enlarge it") == true)
    }

    @Test("a paste cut for want of its end is said so in the footer")
    func unendedPaste() {
        var state = Fixtures.state([Fixtures.job("job_live", .processing, minutesAgo: 1)])
        let effects = state.update(.paste("abc", complete: false))
        #expect(effects.contains { if case .footer(let f) = $0 { f.text.contains("never ended") } else { false } })
    }
}
