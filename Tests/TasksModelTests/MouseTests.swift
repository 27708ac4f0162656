import Foundation
import Testing

@testable import TasksModel

/// The mouse, as pure values: where a press lands (hit-testing against the
/// layout), what a press, a double-click and the wheel do, and what they
/// never do (answer a dialog, act on the wrong row).
@Suite("Mouse: hit-testing, clicks, double-clicks, the wheel and title sorting")
struct MouseTests {
    /// Cell widths (`wcwidth`) follow the process locale: set UTF-8 before any test here runs.
    init() { #expect(utf8LocaleReady) }

    /// 60 jobs, newest first job_00 … job_59, with progress rising down the list.
    static var many: [Job] {
        (0..<60).map { (index: Int) -> Job in
            let status: JobStatus = index % 3 == 0 ? .completed : .processing
            let id = String(format: "job_%02d", index)
            return Fixtures.job(id, status, minutesAgo: Double(index + 1), percentage: Double(index))
        }
    }

    /// A press at `seconds` after the fixtures' clock.
    static func press(_ state: inout DashboardState, row: Int, column: Int = 30, after seconds: Double = 10)
        -> [DashboardEffect]
    {
        // The loop paints before it reads the next input: clicks land on what was painted.
        state.paint()
        return state.update(.mouse(MouseEvent(row: row, column: column, kind: .press), at: Fixtures.now + seconds))
    }

    static func wheel(_ state: inout DashboardState, _ kind: MouseEvent.Kind, row: Int = 10) {
        _ = state.update(.mouse(MouseEvent(row: row, column: 30, kind: kind), at: state.now))
    }

    /// The screen row showing the selection arrow.
    static func selectedRow(_ state: DashboardState) -> Int? {
        DashboardRenderer.render(state).rows.firstIndex { $0.spans.map(\.text).joined().hasPrefix("▸") }
    }

    /// Where `title` starts on the rendered column-title row.
    static func titleColumn(_ title: String, in state: DashboardState) throws -> Int {
        let layout = DashboardLayout(width: state.width, height: state.height)
        let text = DashboardRenderer.render(state).rows[layout.body.top].spans.map(\.text).joined()
        let range = try #require(text.range(of: title), "no \(title) in \(text)")
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    @Test("double-click: a second press on the same job within 0.4 s, not slower, not on another job")
    func doubleClick() {
        let t = Fixtures.now
        var clicks = DoubleClick()
        // Each press, in order: (job, seconds after t, completes a double-click).
        let presses: [(String, Double, Bool)] = [
            ("a", 0, false), ("a", 0.3, true),
            ("a", 0.5, false),  // a third press starts again
            ("a", 0.95, false),  // 0.45 s later: too slow
            ("b", 1.0, false),  // another job
            ("b", 1.4, true),
            ("c", 2, false), ("c", 1.9, false),  // a clock that went backwards
        ]
        for (id, seconds, double) in presses {
            let result = clicks.press(on: id, at: t + seconds)
            #expect(result == double, "\(id) at \(seconds)")
        }
        clicks.reset()
        let afterReset = clicks.press(on: "c", at: t + 1.95)
        #expect(!afterReset)
    }

    @Test("hit-testing: header, column titles, job rows, message and hints; nothing off screen or when too small")
    func hitTesting() {
        let layout = DashboardLayout(width: 120, height: 30)
        #expect(layout.tableSpot(row: 0, column: 5) == .header)
        #expect(layout.tableSpot(row: 1, column: 5) == .header)
        #expect(layout.tableSpot(row: 2, column: 0) == .columnTitle(nil))  // the marker
        #expect(layout.tableSpot(row: 2, column: 2) == .columnTitle(0))  // STATUS
        #expect(layout.tableSpot(row: 2, column: 13) == .columnTitle(0))
        #expect(layout.tableSpot(row: 2, column: 14) == .columnTitle(nil))  // the gap after it
        #expect(layout.tableSpot(row: 3, column: 0) == .jobRow(0))
        #expect(layout.tableSpot(row: 27, column: 119) == .jobRow(24))
        #expect(layout.tableSpot(row: 28, column: 5) == .message)
        #expect(layout.tableSpot(row: 29, column: 5) == .hints)
        for (row, column) in [(-1, 0), (0, -1), (30, 0), (0, 120), (Int.max, Int.min), (Int.min, Int.max)] {
            #expect(layout.tableSpot(row: row, column: column) == .outside)
        }
        #expect(DashboardLayout(width: 59, height: 30).tableSpot(row: 3, column: 3) == .outside)
        #expect(DashboardLayout(width: 120, height: 9).tableSpot(row: 3, column: 3) == .outside)
    }

    @Test("every column title shown is hit where it is drawn, at every width", arguments: [60, 80, 100, 120, 200])
    func titlesWhereDrawn(width: Int) throws {
        let state = Fixtures.state(Fixtures.mixed, width: width, height: 24)
        let layout = DashboardLayout(width: width, height: 24)
        let widths = JobColumnWidths(width: width)
        for (index, column) in JobColumn.all.enumerated() where widths[index] > 0 {
            let title = column.title(state.timeMode)
            let start = try Self.titleColumn(title, in: state)
            let end = start + title.count - 1
            #expect(layout.tableSpot(row: 2, column: start) == .columnTitle(index), "\(title) at \(width)")
            #expect(layout.tableSpot(row: 2, column: end) == .columnTitle(index), "\(title) at \(width)")
        }
    }

    @Test("a press on a job row selects the job drawn there; below the last job it does nothing")
    func clickSelects() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        #expect(Self.selectedRow(state) == 3)
        for row in [7, 4, 10, 3] {
            let effects = Self.press(&state, row: row)
            #expect(Self.selectedRow(state) == row)
            #expect(effects.isEmpty)
            #expect(state.screen == .table)
        }
        // Eight jobs: rows 3…10. A press on the empty rows below, the header or the footer changes nothing.
        for row in [11, 20, 0, 1, 28, 29] {
            _ = Self.press(&state, row: row)
            #expect(Self.selectedRow(state) == 3, "row \(row)")
        }
    }

    @Test("a double-click opens the selected job's details; two slow presses do not")
    func doubleClickOpens() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        _ = Self.press(&state, row: 5, after: 10)
        _ = Self.press(&state, row: 5, after: 10.6)
        #expect(state.screen == .table)
        _ = Self.press(&state, row: 5, after: 10.8)
        let id = state.visible[2]
        #expect(state.screen == .details(id: id, scroll: 0))
        #expect(state.selectedID == id)
        // Presses on two different rows in quick succession: two selections, no details.
        state.screen = .table
        _ = Self.press(&state, row: 6, after: 20)
        _ = Self.press(&state, row: 7, after: 20.1)
        #expect(state.screen == .table && state.selectedID == state.visible[4])
    }

    @Test("a double-click whose rows were re-sorted between the presses opens nothing")
    func doubleClickOnMovedRow() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        _ = Self.press(&state, row: 5, after: 10)
        let first = state.selectedID
        _ = state.update(.key(.character("s"), at: state.now))  // another order: another job on row 5
        #expect(state.visible[2] != first)
        _ = Self.press(&state, row: 5, after: 10.1)
        #expect(state.screen == .table && state.selectedID == state.visible[2])
    }

    @Test("a click on a title sorts by it; again reverses; once more puts it back; s cycles from there")
    func titleSorts() throws {
        // 130 columns: CREATED shows (from 122), so every sortable title is there.
        var state = Fixtures.state(Self.many, width: 130, height: 30)
        let progress = try Self.titleColumn("PROGRESS", in: state)
        let effects = Self.press(&state, row: 2, column: progress + 2)
        #expect(state.sort == .progress && !state.sortReversed)
        #expect(state.visible.first == "job_59")
        #expect(effects.contains { if case .footer(let m) = $0 { m.text.hasPrefix("sort: progress") } else { false } })
        let order = state.visible
        _ = Self.press(&state, row: 2, column: progress)
        #expect(state.sort == .progress && state.sortReversed)
        #expect(state.visible == order.reversed())
        #expect(DashboardRenderer.render(state).text.contains("progress reversed"))
        _ = Self.press(&state, row: 2, column: progress)
        #expect(state.sort == .progress && !state.sortReversed && state.visible == order)
        _ = Self.press(&state, row: 2, column: progress)
        _ = state.update(.key(.character("s"), at: state.now))
        #expect(state.sort == .stalled && !state.sortReversed)
        // Each column with an order sorts by it.
        for column in JobColumn.all where column.sortOrder != nil {
            _ = Self.press(&state, row: 2, column: try Self.titleColumn(column.title(state.timeMode), in: state))
            #expect(state.sort == column.sortOrder)
        }
    }

    @Test("a click on a title with no order says which titles sort, and changes nothing")
    func unsortableTitle() throws {
        var state = Fixtures.state(Self.many, width: 120, height: 30)
        let before = state.visible
        let effects = Self.press(&state, row: 2, column: try Self.titleColumn("TYPE", in: state))
        #expect(state.sort == .newest && state.visible == before)
        #expect(
            effects.contains {
                if case .footer(let m) = $0 {
                    m.text == "no sort by TYPE: click STATUS, PROGRESS, STEP / FLAGS, CREATED (or s)"
                } else {
                    false
                }
            })
    }

    @Test("the wheel scrolls the table three rows a notch under the selection, and stops at either end")
    func wheelScrollsTable() throws {
        var state = Fixtures.state(Self.many, width: 120, height: 30)  // 25 job rows on screen
        _ = Self.press(&state, row: 5)
        #expect(state.top == 0 && state.selectedIndex == 2)
        Self.wheel(&state, .wheelDown)
        #expect(state.top == 3 && state.selectedIndex == 5 && Self.selectedRow(state) == 5)
        for _ in 0..<30 { Self.wheel(&state, .wheelDown) }
        #expect(state.top == 35 && state.selectedIndex == 59)
        Self.wheel(&state, .wheelUp)
        #expect(state.top == 32 && state.selectedIndex == 56)
        for _ in 0..<30 { Self.wheel(&state, .wheelUp) }
        #expect(state.top == 0 && state.selectedIndex == 0)
        // The first rows on screen follow: job_00 is at the top again.
        let shortID = try #require(state.shortIDs["job_00"])
        #expect(DashboardRenderer.render(state).rows[3].spans.map(\.text).joined().contains(shortID))
    }

    @Test("the wheel scrolls the details pane and the help three lines a notch")
    func wheelScrollsDetailsAndHelp() {
        var state = Fixtures.state(Fixtures.mixed, width: 80, height: 12)
        state.screen = .details(id: "job_d4", scroll: 0)
        Self.wheel(&state, .wheelDown)
        #expect(state.screen == .details(id: "job_d4", scroll: 3))
        Self.wheel(&state, .wheelUp)
        Self.wheel(&state, .wheelUp)
        #expect(state.screen == .details(id: "job_d4", scroll: 0))
        _ = state.update(.key(.character("?"), at: state.now))
        Self.wheel(&state, .wheelDown)
        Self.wheel(&state, .wheelDown)
        #expect(state.screen == .help && state.helpScroll == 6)
        // A press in the help or the details pane does nothing.
        _ = Self.press(&state, row: 4)
        #expect(state.screen == .help && state.helpScroll == 6)
    }

    @Test("with a dialog or prompt open, the mouse does nothing: a click never answers a cancel")
    func promptIgnoresMouse() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        let prompt = state.prompt
        let selected = state.selectedID
        for row in 0..<30 {
            let effects = Self.press(&state, row: row, after: 0) + Self.press(&state, row: row, after: 0.1)
            Self.wheel(&state, .wheelDown)
            #expect(effects.requests.isEmpty)
            #expect(!effects.contains { if case .audit = $0 { true } else { false } })
        }
        #expect(state.prompt == prompt && state.selectedID == selected)
        state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        _ = state.update(.key(.character("/"), at: state.now))
        _ = Self.press(&state, row: 6)
        Self.wheel(&state, .wheelDown)
        #expect(state.selectedIndex == 0)
    }

    @Test("a screen too small for the dashboard ignores the mouse")
    func tooSmall() {
        var state = Fixtures.state(Fixtures.mixed, width: 50, height: 8)
        let before = state.selectedID
        _ = Self.press(&state, row: 4)
        Self.wheel(&state, .wheelDown)
        #expect(state.selectedID == before && state.top == 0)
    }

    @Test("the help says what the mouse does, or that --no-mouse turned it off")
    func help() {
        // The words, whatever the wrapping.
        let on = HelpView(readOnly: false, profile: .utf8).lines(width: 80).joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        #expect(on.contains("Mouse") && on.contains("double-click opens") && on.contains("--no-mouse"))
        #expect(on.contains("sorts by STATUS, PROGRESS, STEP / FLAGS or CREATED; again reverses"))
        let off = HelpView(readOnly: false, profile: .utf8, mouse: false).lines(width: 80).joined(separator: "\n")
        #expect(off.contains("off (--no-mouse") && !off.contains("double-click"))
    }
}
