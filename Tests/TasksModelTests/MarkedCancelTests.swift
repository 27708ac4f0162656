import Foundation
import Testing

@testable import TasksModel

/// Issue #13, point 6: Space marks jobs, `c` asks once for all of them, and
/// each is sent, verified and audited on its own line.
@Suite("Cancel: marked jobs, one dialog, one lifecycle per job")
struct MarkedCancelTests {
    static let active = (1...7).map { Fixtures.job("a\($0)", .processing, minutesAgo: Double($0)) }
    static let finished = [
        Fixtures.job("f1", .completed, minutesAgo: 20), Fixtures.job("f2", .failed, type: "ocr", minutesAgo: 21),
    ]

    /// A dashboard with `ids` marked (Space on each, in order).
    static func marked(
        _ ids: [String], jobs: [Job] = active + finished, readOnly: Bool = false, height: Int = 30
    ) -> DashboardState {
        var state = Fixtures.state(jobs, width: 100, height: height, readOnly: readOnly)
        for id in ids {
            state.table.select(JobID(id))
            _ = state.update(.key(.character(" "), at: state.now))
        }
        return state
    }

    static func cancelled(_ id: String) -> Job {
        var job = Fixtures.job(id, .cancelled, minutesAgo: 3)
        job.completedAt = Fixtures.now
        return job
    }

    @Test("Space marks and unmarks the selected job; the row and the header show it")
    func markAndUnmark() {
        var state = Self.marked(["a1", "a2", "a3"])
        #expect(state.marks == ["a1", "a2", "a3"])
        state.table.select("a2")
        _ = state.update(.key(.character(" "), at: state.now))
        #expect(state.marks == ["a1", "a3"])
        _ = state.update(.key(.down, at: state.now))
        #expect(state.selectedID == "a3")
        let lines = DashboardRenderer.render(state).text.split(separator: "\n")
        #expect(lines.contains { $0.contains("2 marked") })
        // The mark beside the selection arrow on the selected row, alone on the others.
        // Rows newest first: a1, a2, a3. The mark beside the selection arrow on the
        // selected row, alone on the others (ids are not a column at this width).
        #expect(lines[3].hasPrefix(" *▶ processing"))
        #expect(lines[4].hasPrefix("  ▶ processing"))
        #expect(lines[5].hasPrefix("▸*▶ processing"))
        let ascii = DashboardRenderer.render(
            {
                var s = state
                s.options.profile = .ascii
                s.refreshVisibleIfNeeded()
                return s
            }()
        ).text
        #expect(ascii.split(separator: "\n")[5].hasPrefix(">*> processing"))
    }

    @Test("Esc clears the marks in the table; in the search prompt and the details pane it does not")
    func escapeClears() {
        var state = Self.marked(["a1", "a2"])
        _ = state.update(.key(.character("/"), at: state.now))
        _ = state.update(.key(.escape, at: state.now))
        #expect(state.marks.count == 2 && state.prompt == nil)
        _ = state.update(.key(.enter, at: state.now))
        _ = state.update(.key(.escape, at: state.now))
        #expect(state.marks.count == 2 && state.screen == .table)
        let effects = state.update(.key(.escape, at: state.now))
        #expect(state.marks.isEmpty)
        #expect(effects.contains { if case .footer(let f) = $0 { f.text == "marks cleared" } else { false } })
        #expect(!DashboardRenderer.render(state).text.contains("marked"))
    }

    @Test("marks survive a filter or search hiding their rows; the dialog still lists them")
    func filterKeepsMarks() {
        var state = Self.marked(["a1", "a2"])
        state.table.select("f1")
        // Filter "finished": neither marked job is shown, both stay marked.
        while state.filter != .finished { _ = state.update(.key(.character("f"), at: state.now)) }
        #expect(!state.visible.contains("a1") && state.marks == ["a1", "a2"])
        #expect(DashboardRenderer.render(state).text.contains("2 marked"))
        _ = state.update(.key(.character("c"), at: state.now))
        guard case .confirmMarkedCancel(let marked)? = state.prompt else {
            Issue.record("c with marks should open the marked dialog")
            return
        }
        #expect(marked.targets.map(\.id) == ["a1", "a2"])
    }

    @Test("the mark of a job that leaves the dashboard is dropped")
    func vanishedMarksDropped() {
        var state = Self.marked(["a1", "f1"])
        let rest = (Self.active + Self.finished).filter { $0.id != "f1" }
        _ = state.update(
            .engine(.completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: rest))), at: state.now)))
        #expect(state.engine["f1"] == nil)
        #expect(state.marks == ["a1"])
    }

    @Test("the dialog lists the first 5 active jobs, counts the rest, and lists finished ones as skipped")
    func dialogText() {
        var state = Self.marked(["f1", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "f2"])
        let effects = state.update(.key(.character("c"), at: state.now))
        #expect(effects.contains(.flushInput) && effects.requests.isEmpty)
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("Cancel these 7 jobs?"))
        for id in ["a1", "a2", "a3", "a4", "a5"] { #expect(text.contains("\(id)  scraping  processing  0%"), "\(id)") }
        #expect(text.contains("+ 2 more: a6, a7"))
        #expect(text.contains("skipped (2, not active): f1 (completed), f2 (failed)"))
        #expect(text.contains("server:   api.example.com"))
        #expect(text.contains("y: cancel them"))
    }

    @Test("y sends each active job's cancel; each answer is audited on its own line; the skipped are audited")
    func confirmSendsEach() {
        var state = Self.marked(["a1", "f1", "a2", "a3"])
        _ = state.update(.key(.character("c"), at: state.now))
        // Typed ahead of the paint: no answer.
        #expect(state.update(.key(.character("y"), at: state.now)).requests.isEmpty)
        _ = state.paint()
        let effects = state.update(.key(.character("y"), at: state.now))
        #expect(effects.requests == [.cancel(id: "a1"), .cancel(id: "a2"), .cancel(id: "a3")])
        #expect(
            effects.contains(.audit(jobID: "f1", type: "scraping", outcome: .notSent("not sent: already completed"))))
        #expect(effects.filter { if case .audit = $0 { true } else { false } }.count == 1)
        #expect(state.marks.isEmpty && state.prompt == nil)
        #expect(state.message?.text == "cancel of 3 jobs sent; waiting for the server; 1 skipped (not active)")
        // The answers: one confirmed at once, one accepted, one unknown.
        var audits: [DashboardEffect] = []
        audits += state.update(
            .engine(
                .completed(
                    .cancel(id: "a1"), .cancel(.success(CancelAcceptance(status: 200, job: Self.cancelled("a1")))),
                    at: state.now)))
        audits += state.update(
            .engine(
                .completed(.cancel(id: "a2"), .cancel(.success(CancelAcceptance(status: 202, job: nil))), at: state.now)
            ))
        audits += state.update(
            .engine(.completed(.cancel(id: "a3"), .cancel(.failure(.timeout(seconds: 10))), at: state.now)))
        #expect(
            audits.filter { if case .audit = $0 { true } else { false } } == [
                .audit(jobID: "a1", type: "scraping", outcome: .cancelled),
                .audit(jobID: "a2", type: "scraping", outcome: .accepted),
                .audit(
                    jobID: "a3", type: "scraping", outcome: .outcomeUnknown(APIError.timeout(seconds: 10).description)),
            ])
        // a2 is then verified like a single cancel: the next read showing it cancelled settles it.
        let read = state.update(
            .engine(
                .completed(.job(id: "a2"), .job(.success(Self.cancelled("a2"))), at: state.now.addingTimeInterval(5))))
        #expect(read.contains(.audit(jobID: "a2", type: "scraping", outcome: .cancelled)))
    }

    @Test("any other key sends nothing, audits each job as aborted, and keeps the marks")
    func declineKeepsMarks() {
        var state = Self.marked(["a1", "a2", "f1"])
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        let effects = state.update(.key(.character("n"), at: state.now))
        #expect(effects.requests.isEmpty)
        #expect(
            effects.filter { if case .audit = $0 { true } else { false } } == [
                .audit(jobID: "a1", type: "scraping", outcome: .notSent("aborted at the confirmation")),
                .audit(jobID: "a2", type: "scraping", outcome: .notSent("aborted at the confirmation")),
            ])
        #expect(state.marks == ["a1", "a2", "f1"] && state.prompt == nil)
    }

    @Test("only finished jobs marked: no dialog, nothing sent, said in words")
    func noneActive() {
        var state = Self.marked(["f1", "f2"])
        let effects = state.update(.key(.character("c"), at: state.now))
        #expect(state.prompt == nil && effects.requests.isEmpty)
        #expect(state.message?.text == "none of the 2 marked jobs is active; nothing sent")
    }

    @Test("read-only refuses a cancel of marked jobs with words, and audits each refusal")
    func readOnly() {
        var state = Self.marked(["a1", "a2"], readOnly: true)
        #expect(state.marks == ["a1", "a2"])
        let effects = state.update(.key(.character("c"), at: state.now))
        #expect(state.prompt == nil && effects.requests.isEmpty)
        #expect(state.message?.text.hasPrefix("read-only: cancelling is disabled") == true)
        #expect(effects.contains(.audit(jobID: "a1", type: "scraping", outcome: .notSent("refused: read-only"))))
        #expect(effects.contains(.audit(jobID: "a2", type: "scraping", outcome: .notSent("refused: read-only"))))
    }

    @Test("in the details pane, c cancels the job shown, not the marks")
    func detailsIgnoresMarks() {
        var state = Self.marked(["a1", "a2"])
        state.table.select("a5")
        _ = state.update(.key(.enter, at: state.now))
        _ = state.update(.key(.character("c"), at: state.now))
        guard case .confirmCancel(let target)? = state.prompt else {
            Issue.record("the single dialog should open")
            return
        }
        #expect(target.id == "a5")
    }
}

/// Issue #13, point 5: quitting with a cancel in flight waits up to 2 s for its answer.
@Suite("Cancel: quitting waits for the answer")
struct QuitWaitTests {
    func inFlight() -> DashboardState {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        _ = state.update(.key(.character("y"), at: state.now))
        return state
    }

    @Test("no answer: it waits, then after 2 s audits 'outcome unknown: quit before the answer'")
    func noAnswer() {
        var state = inFlight()
        let start = state.now
        #expect(state.cancelsInFlight == 1)
        for seconds in [0, 0.5, 1.9] {
            let step = state.quitting([], at: start.addingTimeInterval(seconds), since: start)
            #expect(!step.done && step.effects.isEmpty, "\(seconds)")
        }
        let last = state.quitting([], at: start.addingTimeInterval(2), since: start)
        #expect(last.done)
        #expect(
            last.effects.contains(
                .audit(jobID: "j", type: "scraping", outcome: .outcomeUnknown("quit before the answer"))))
    }

    @Test("the answer arrives in time: its real outcome is audited, nothing more is sent, and no 'unknown'")
    func answerInTime() {
        var state = inFlight()
        let start = state.now
        #expect(!state.quitting([], at: start.addingTimeInterval(0.3), since: start).done)
        let answer = EngineEvent.completed(
            .cancel(id: "j"), .cancel(.success(CancelAcceptance(status: 202, job: nil))),
            at: start.addingTimeInterval(0.8))
        let step = state.quitting([answer], at: start.addingTimeInterval(0.8), since: start)
        #expect(step.done)
        #expect(step.effects.requests.isEmpty)
        let audits = step.effects.filter { if case .audit = $0 { true } else { false } }
        #expect(audits == [.audit(jobID: "j", type: "scraping", outcome: .accepted)])
    }

    @Test("no cancel in flight: quitting does not wait")
    func nothingInFlight() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        let step = state.quitting([], at: state.now, since: state.now)
        #expect(step.done && step.effects.isEmpty)
    }
}
