import Foundation
import Testing

@testable import TasksModel

@Suite("Dashboard update: keys, selection, cancel flow")
struct DashboardUpdateTests {
    /// Keys pressed by a user looking at the screen: the loop paints after each.
    func press(_ state: inout DashboardState, _ keys: Key...) -> [[DashboardEffect]] {
        keys.map { key in
            defer { _ = state.paint() }
            return state.update(.key(key, at: state.now))
        }
    }

    @Test("movement: j/k, arrows, pages, g/G, Home/End; clamped at the ends")
    func movement() {
        var state = Fixtures.state(Fixtures.mixed, height: 10)
        #expect(state.visible.count == 8)
        #expect(state.selectedIndex == 0)
        _ = press(&state, .down, .character("j"))
        #expect(state.selectedIndex == 2)
        _ = press(&state, .up, .character("k"), .character("k"))
        #expect(state.selectedIndex == 0)
        _ = press(&state, .character("G"))
        #expect(state.selectedIndex == 7)
        #expect(state.top == 8 - state.tableRows)
        _ = press(&state, .home)
        #expect(state.selectedIndex == 0 && state.top == 0)
        _ = press(&state, .pageDown)
        #expect(state.selectedIndex == state.tableRows)
        _ = press(&state, .end, .pageUp)
        #expect(state.selectedIndex == 7 - state.tableRows)
    }

    @Test("the selection stays on the same job across refreshes and re-sorts")
    func selectionSticks() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = press(&state, .down, .down, .down)
        let chosen = state.selectedID
        _ = press(&state, .character("s"))  // sort by status
        #expect(state.sort == .status)
        #expect(state.selectedID == chosen)
        // A new job arrives at the top in a refresh.
        let newer = Fixtures.job("job_new", .processing, minutesAgo: 0, percentage: 1)
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.success(JobList(jobs: Fixtures.mixed + [newer]))),
                    at: state.now)))
        #expect(state.visible.contains("job_new"))
        #expect(state.selectedID == chosen)
    }

    @Test("filters cycle all, active, finished, failed, cancelled")
    func filters() {
        var state = Fixtures.state(Fixtures.mixed)
        var seen: [StatusView: Set<JobID>] = [:]
        for _ in 0..<5 {
            _ = press(&state, .character("f"))
            seen[state.filter] = Set(state.visible)
        }
        #expect(state.filter == .all)
        #expect(seen[.active] == ["job_a1", "job_b2", "job_wide", "job_evil", "job_paused"])
        #expect(seen[.finished] == ["job_c3", "job_d4", "job_e5"])
        #expect(seen[.failed] == ["job_d4"])
        #expect(seen[.cancelled] == ["job_e5"])
    }

    @Test("search matches id, type, title and step; keys typed there never act; Esc undoes")
    func search() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = press(&state, .character("/"))
        let effects = press(&state, .character("c"), .character("q"), .character("y"))
        #expect(effects.allSatisfy { !$0.contains(.quit) && $0.requests.isEmpty })
        #expect(state.prompt == .search(draft: "cqy", previous: ""))
        #expect(state.visible.isEmpty)
        _ = press(&state, .backspace, .backspace, .backspace)
        for key in "reviews" { _ = press(&state, .character(key)) }
        #expect(state.visible == ["job_d4"])  // step text
        _ = press(&state, .enter)
        #expect(state.prompt == nil && state.search == "reviews")
        _ = press(
            &state, .character("/"), .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace)
        for key in "TEASER" { _ = press(&state, .character(key)) }
        #expect(state.visible == ["job_b2"])  // title, any case
        _ = press(&state, .escape)
        #expect(state.search == "reviews")
        _ = press(&state, .escape)
        #expect(state.search.isEmpty && state.visible.count == 8)
        _ = press(&state, .character("/"))
        for key in "job_e5" { _ = press(&state, .character(key)) }
        #expect(state.visible == ["job_e5"])
        _ = press(&state, .escape, .character("/"))
        for key in "결제" { _ = press(&state, .character(key)) }
        #expect(state.visible == ["job_wide"])
    }

    @Test("sort orders: newest, status, progress, stalled")
    func sorting() {
        var state = Fixtures.state(Fixtures.mixed)
        #expect(state.visible.first == "job_b2")  // newest: 1 minute ago
        _ = press(&state, .character("s"))
        #expect(state.engine[state.visible[0]]!.job.status == .processing)
        #expect(state.engine[state.visible.last!]!.job.status == .completed)
        _ = press(&state, .character("s"))
        #expect(state.visible.first == "job_c3")  // 100%
        _ = press(&state, .character("s"))
        #expect(state.sort == .stalled)
        _ = state.update(.tick(state.now.addingTimeInterval(400)))
        #expect(state.engine.stalledFor(state.visible[0], at: state.now) != nil)
    }

    @Test("cancel: c asks, naming id, type, percentage and step; only y or Y confirms")
    func cancelConfirmation() {
        for confirm in [Key.character("y"), .character("Y")] {
            var state = Fixtures.state(Fixtures.mixed)
            _ = press(&state, .down, .down, .down, .down, .down, .down, .down)
            // Seven rows down from the first, stopping at the last row.
            #expect(state.selectedID != nil)
            #expect(state.selectedID == state.visible[min(7, state.visible.count - 1)])
            state = Fixtures.state([Fixtures.mixed[0]])
            _ = press(&state, .character("c"))
            guard case .confirmCancel(let target)? = state.prompt else {
                Issue.record("no confirmation")
                return
            }
            #expect(
                [target.id.text, target.type, target.step, target.title, target.server]
                    == [
                        "job_a1", "store_scraping", "Scraping page 17 of 40", "acme-store.com catalogue",
                        "api.example.com",
                    ])
            #expect(target.percentage == 42 && target.status == .processing)
            let frame = DashboardRenderer.render(state).text
            #expect(frame.contains("job_a1") && frame.contains("store_scraping") && frame.contains("42%"))
            #expect(frame.contains("Scraping page 17 of 40"))
            let effects = press(&state, confirm)
            #expect(effects[0].requests == [.cancel(id: "job_a1")])
            #expect(state.prompt == nil)
            #expect(state.engine["job_a1"]!.cancel.isOutstanding)
            #expect(DashboardRenderer.render(state).text.contains("CANCEL REQUESTED"))
        }
    }

    @Test("cancel aborts on n, N, Esc, Enter, space, q or anything else: nothing sent")
    func cancelAborts() {
        for key in [
            Key.character("n"), .character("N"), .escape, .enter, .character(" "), .character("q"), .down,
            .character("c"),
        ] {
            var state = Fixtures.state(Fixtures.mixed)
            _ = press(&state, .home)
            let target = state.selectedID!
            _ = press(&state, .character("c"))
            let effects = press(&state, key)
            #expect(effects[0].requests.isEmpty, "\(key)")
            #expect(!effects[0].contains(.quit), "\(key) must only abort")
            #expect(state.prompt == nil)
            #expect(state.engine[target]!.cancel == .none)
            #expect(state.message?.text.contains("aborted") == true)
            #expect(
                effects[0].contains(
                    .audit(
                        jobID: target, type: state.engine[target]!.job.type,
                        outcome: .notSent("aborted at the confirmation"))))
        }
    }

    @Test("the cancel is bound to the job under the cursor when c was pressed, even after a re-sort")
    func cancelBoundToJob() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = press(&state, .home)
        let target = state.selectedID!
        _ = press(&state, .character("c"))
        // While the dialog is open, a refresh adds a newer job and everything re-sorts.
        let newer = Fixtures.job("job_zz", .processing, minutesAgo: 0, percentage: 1)
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.success(JobList(jobs: Fixtures.mixed + [newer]))),
                    at: state.now)))
        #expect(state.visible.first == "job_zz")
        let effects = press(&state, .character("y"))
        #expect(effects[0].requests == [.cancel(id: target)])
    }

    @Test("finished jobs cannot be cancelled; read-only sends nothing and hides the hint")
    func refusals() {
        var state = Fixtures.state([Fixtures.mixed[2]])
        let effects = press(&state, .character("c"))
        #expect(state.prompt == nil && effects[0].requests.isEmpty)
        #expect(state.message?.text.contains("nothing sent") == true)

        var readOnly = Fixtures.state(Fixtures.mixed, readOnly: true)
        let attempt = press(&readOnly, .character("c"), .character("y"))
        #expect(readOnly.prompt == nil)
        #expect(attempt.allSatisfy { $0.requests.isEmpty })
        #expect(readOnly.message?.text.contains("read-only") == true)
        #expect(
            attempt[0].contains {
                if case .audit(_, _, .notSent("refused: read-only")) = $0 { true } else { false }
            })
        let frame = DashboardRenderer.render(readOnly).text
        #expect(!frame.contains("c cancel"))
        #expect(frame.contains("READ-ONLY"))
        #expect(DashboardRenderer.render(Fixtures.state(Fixtures.mixed)).text.contains("c cancel"))
    }

    @Test(
        "details open on Enter and close on Esc; r refreshes; p pauses and resumes; t cycles times; ? helps; q and Ctrl-C quit"
    )
    func otherKeys() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = press(&state, .enter)
        #expect(state.screen == .details(id: state.selectedID!, scroll: 0))
        _ = press(&state, .down, .down)
        // Its details fit the pane: nothing to scroll (`LivenessTests.detailsLastPage` scrolls a long one).
        #expect(state.screen == .details(id: state.selectedID!, scroll: 0))
        _ = press(&state, .escape)
        #expect(state.screen == .table)
        let refresh = press(&state, .character("r"))
        #expect(refresh[0].requests.contains(.list(status: .all, limit: 50)))
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.success(JobList(jobs: Fixtures.mixed))), at: state.now)))
        _ = press(&state, .character("p"))
        #expect(state.engine.paused)
        #expect(DashboardRenderer.render(state).text.contains("paused"))
        let resume = press(&state, .character("p"))
        #expect(!state.engine.paused && resume[0].requests.contains(.list(status: .all, limit: 50)))
        _ = press(&state, .character("t"))
        #expect(state.timeMode == .utc)
        _ = press(&state, .character("t"))
        #expect(state.timeMode == .relative)
        _ = press(&state, .character("?"))
        #expect(state.screen == .help)
        // The help scrolls: its last lines (the flags) are one `G` away at 80x24.
        _ = press(&state, .character("G"))
        #expect(state.screen == .help)
        #expect(DashboardRenderer.render(state).text.contains("CANCEL NOT HONOURED"))
        _ = press(&state, .escape)
        #expect(state.screen == .table)
        #expect(press(&state, .character("q"))[0].contains(.quit))
        #expect(press(&state, .control("c"))[0].contains(.quit))
        #expect(press(&state, .control("l"))[0].contains(.clearScreen))
    }
}
