import Foundation
import Testing

@testable import TasksModel

/// Golden frames of one dashboard component at a time, with their styles,
/// under Tests/TasksModelTests/Golden/Components (inside the folder the
/// package already excludes from the test target). Regenerate them, like the
/// whole-screen goldens, with
/// `UPDATE_GOLDEN=1 swift test --filter ComponentGoldenTests`, then read the diff.
///
/// Each golden names the component and its region, then for every row its
/// text between `|`s and a line of style runs under it (`StyledRows`):
///
///     r1 |▸  job_a1 ▶ processing  …|
///        ^ 0-1 bold,selected | 2-8 selected | 9 red,selected | …
///
/// Columns count display cells from 0 (a wide character takes two); a run is
/// the longest stretch of cells with one style (and one link); `plain` is a
/// span drawn without any attribute, `unpainted` the cells after the row's
/// last span (the painter clears them). Every stored property of `Style` is
/// written, read by reflection, so an attribute added to `Style` shows in the
/// goldens without touching this file.
@Suite("Component goldens with styles")
struct ComponentGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("Components")

    /// Compares (or, with `UPDATE_GOLDEN` set, writes) the golden `name`: `rows` drawn by `component` in `region`.
    func check(_ name: String, _ component: String, _ rows: [FrameRow], in region: DashboardLayout.Region) throws {
        #expect(rows.count == region.height, "\(name): \(rows.count) rows for a region \(region.height) high")
        for (number, row) in rows.enumerated() {
            #expect(row.width <= region.width, "\(name) row \(number) is \(row.width) wide in \(region.width)")
            for span in row.spans {
                #expect(TerminalText.width(span.text) == span.width, "\(name) row \(number): \(span.text)")
            }
        }
        let text = "# \(component) \(region.width)x\(region.height)\n" + StyledRows.text(rows, width: region.width)
        let url = Self.directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == expected,
            "component golden \(name) differs (text or styles); UPDATE_GOLDEN=1 regenerates. First difference: \(Self.firstDifference(text, expected))"
        )
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let (got, want) = (actual.split(separator: "\n"), expected.split(separator: "\n"))
        for index in 0..<max(got.count, want.count) {
            let (a, b) = (index < got.count ? got[index] : "", index < want.count ? want[index] : "")
            if a != b { return "line \(index + 1):\n  got  \(a)\n  want \(b)" }
        }
        return "none"
    }

    // MARK: States

    /// A processing job whose `updated_at` is 20 minutes old: STALLED from its first sighting.
    static var stalled: Job {
        var job = Fixtures.job(
            "job_f6", .processing, type: "research", title: "Pricing survey", minutesAgo: 30, percentage: 55,
            step: "Summarising sources")
        job.updatedAt = Fixtures.now.addingTimeInterval(-20 * 60)
        return job
    }

    /// The mixed fixtures and a stalled job; the failed job_d4 is in the last hour, so it needs attention.
    static var jobs: [Job] { Fixtures.mixed + [stalled] }

    /// Keys pressed in order, each at the state's time.
    static func press(_ keys: [Key], _ state: inout DashboardState) {
        for key in keys { _ = state.update(.key(key, at: state.now)) }
    }

    /// Moves the selection to `id`: to the first row, then down.
    static func select(_ id: JobID, _ state: inout DashboardState) {
        press([.home], &state)
        for _ in 0..<state.visible.count where state.selectedID != id { press([.down], &state) }
        #expect(state.selectedID == id)
    }

    /// Two jobs marked (job_a1 and the stalled job_f6), job_b2 watched, the selection on job_a1.
    static func busy(width: Int, height: Int) -> DashboardState {
        var state = Fixtures.state(jobs, width: width, height: height)
        select("job_b2", &state)
        press([.character("w")], &state)
        select("job_f6", &state)
        press([.character(" ")], &state)
        select("job_a1", &state)
        press([.character(" ")], &state)
        select("job_a1", &state)
        #expect(state.marks.count == 2)
        #expect(state.watched.count == 1)
        return state
    }

    // MARK: Goldens

    @Test("header at 80 and 120 columns: marks, a watched job, the attention count", arguments: [80, 120])
    func header(width: Int) throws {
        let state = Self.busy(width: width, height: 24)
        #expect(state.statistics.attention > 0)
        let region = DashboardLayout(width: width, height: 24).header
        try check("header-\(width)", "HeaderView", HeaderView(state: state).rows(in: region), in: region)
    }

    @Test(
        "job table at 80 and 120 columns: the selection bar, marks, a failed row in red, a STALLED flag",
        arguments: [(80, "job_a1"), (120, "job_d4")])
    func table(width: Int, selected: String) throws {
        var state = Self.busy(width: width, height: 24)
        Self.select(JobID(selected), &state)
        let region = DashboardLayout(width: width, height: 24).body
        let rows = JobTableView(state: state).rows(in: region)
        #expect(rows.contains { $0.spans.contains { $0.text.contains("STALLED") } })
        try check("table-\(width)-selected-\(selected)", "JobTableView", rows, in: region)
    }

    @Test("the hint line at 80 columns, table keys")
    func hints() throws {
        let state = Fixtures.state(Self.jobs, width: 80, height: 24)
        let region = DashboardLayout(width: 80, height: 24).hints
        try check("hints-80", "HintLineView", HintLineView(state: state).rows(in: region), in: region)
    }

    @Test("the message line at 80 columns with a warning (a paste outside any prompt)")
    func warning() throws {
        var state = Fixtures.state(Self.jobs, width: 80, height: 24)
        _ = state.update(.paste("rm -rf /"))
        #expect(state.message?.severity == .warning)
        let region = DashboardLayout(width: 80, height: 24).message
        try check("message-warning-80", "MessageLineView", MessageLineView(state: state).rows(in: region), in: region)
    }

    @Test("the cancel confirmation at 80x24, in the region the layout gives it")
    func confirm() throws {
        var state = Fixtures.state(Self.jobs, width: 80, height: 24)
        Self.select("job_a1", &state)
        Self.press([.character("c")], &state)
        guard case .confirmCancel(let target)? = state.prompt else {
            Issue.record("c did not open the confirmation: \(String(describing: state.prompt))")
            return
        }
        let region = DashboardLayout(width: 80, height: 24).dialog(height: ConfirmDialogView.height)
        let dialog = ConfirmDialogView(target: target, profile: state.options.profile)
        #expect(dialog.isWhole(in: region))
        try check("confirm-cancel-80x24", "ConfirmDialogView", dialog.rows(in: region), in: region)
    }

    @Test("the cancel confirmation of marked jobs at 100x30 (one marked job skipped: it has ended)")
    func markedConfirm() throws {
        var state = Fixtures.state(Self.jobs, width: 100, height: 30)
        for id: JobID in ["job_a1", "job_b2", "job_d4"] {
            Self.select(id, &state)
            Self.press([.character(" ")], &state)
        }
        Self.press([.character("c")], &state)
        guard case .confirmMarkedCancel(let marked)? = state.prompt else {
            Issue.record("c with marks did not open the marked confirmation: \(String(describing: state.prompt))")
            return
        }
        let region = DashboardLayout(width: 100, height: 30).dialog(height: MarkedCancelDialogView.height)
        let dialog = MarkedCancelDialogView(marked: marked, profile: state.options.profile)
        try check("confirm-marked-100x30", "MarkedCancelDialogView", dialog.rows(in: region), in: region)
    }

    @Test("the details pane of the failed job at 100x30")
    func details() throws {
        var state = Fixtures.state(Self.jobs, width: 100, height: 30)
        Self.select("job_d4", &state)
        Self.press([.enter], &state)
        guard case .details(let id, let scroll) = state.screen else {
            Issue.record("enter did not open the details: \(state.screen)")
            return
        }
        let region = DashboardLayout(width: 100, height: 30).body
        try check(
            "details-job_d4-100x30", "DetailsView",
            DetailsView(state: state, id: id, scroll: scroll).rows(in: region), in: region)
    }

    @Test("the help screen at 80x24 (its body region)")
    func help() throws {
        var state = Fixtures.state(Self.jobs, width: 80, height: 24)
        Self.press([.character("?")], &state)
        #expect(state.screen == .help)
        let region = DashboardLayout(width: 80, height: 24).body
        try check("help-80x24", "HelpView", state.helpView.rows(in: region), in: region)
    }

    @Test("the too-small notice at 40x7")
    func tooSmall() throws {
        let region = DashboardLayout(width: 40, height: 7).screen
        try check("too-small-40x7", "TooSmallView", TooSmallView(profile: .utf8).rows(in: region), in: region)
    }

    @Test("the job table in the ASCII profile at 80 columns: the bar and the marks without colour symbols")
    func asciiTable() throws {
        var state = Fixtures.state(Self.jobs, width: 80, height: 24, profile: .ascii)
        Self.select("job_d4", &state)
        Self.press([.character(" ")], &state)
        let region = DashboardLayout(width: 80, height: 24).body
        try check("table-ascii-80", "JobTableView", JobTableView(state: state).rows(in: region), in: region)
    }

    // MARK: The serializer

    @Test("the serializer writes every attribute of Style, merges equal runs, counts display cells")
    func serializer() {
        let all = Style(color: .red, bold: true, dim: true, reverse: true, underline: true, selected: true)
        #expect(StyledRows.describe(all, link: nil) == "red,bold,dim,reverse,underline,selected")
        #expect(StyledRows.describe(.plain, link: nil) == "plain")
        #expect(StyledRows.describe(Style(dim: true), link: "https://x.test") == "dim,link=https://x.test")
        // Every stored property of Style is one attribute the serializer names.
        #expect(Mirror(reflecting: all).children.count == 6)
        let row = FrameRow(spans: [
            Span(text: "世", width: 2, style: Style(bold: true)), Span(text: "ab", width: 2, style: Style(bold: true)),
            Span(text: "c", width: 1),
        ])
        #expect(StyledRows.text([row], width: 8) == "r0 |世abc   |\n   ^ 0-3 bold | 4 plain | 5-7 unpainted\n")
    }
}

/// Frame rows as text and style runs, one pair of lines per row, for goldens that a diff can read.
enum StyledRows {
    static func text(_ rows: [FrameRow], width: Int) -> String {
        var out = ""
        let label = { (number: Int) in "r\(number)" }
        let labelWidth = label(max(0, rows.count - 1)).count
        for (number, row) in rows.enumerated() {
            let name = label(number).padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            let line = row.spans.map(\.text).joined() + String(repeating: " ", count: max(0, width - row.width))
            out += "\(name) |\(line)|\n"
            out += String(repeating: " ", count: labelWidth) + " ^ " + runs(row, width: width) + "\n"
        }
        return out
    }

    /// The row's style runs: `first-last description`, separated by ` | `.
    static func runs(_ row: FrameRow, width: Int) -> String {
        var runs: [(start: Int, end: Int, what: String)] = []
        var column = 0
        func add(_ cells: Int, _ what: String) {
            guard cells > 0 else { return }
            if let last = runs.last, last.what == what, last.end == column - 1 {
                runs[runs.count - 1].end = column + cells - 1
            } else {
                runs.append((column, column + cells - 1, what))
            }
            column += cells
        }
        for span in row.spans { add(span.width, describe(span.style, link: span.link)) }
        add(width - column, "unpainted")
        if runs.isEmpty { return "(no cells)" }
        return runs.map { ($0.start == $0.end ? "\($0.start)" : "\($0.start)-\($0.end)") + " " + $0.what }
            .joined(separator: " | ")
    }

    /// Every attribute of `style` that is set, in declaration order (by reflection, so none is forgotten), and the link.
    static func describe(_ style: Style, link: String?) -> String {
        var parts: [String] = []
        for child in Mirror(reflecting: style).children {
            let name = child.label ?? "?"
            switch child.value {
            case let flag as Bool:
                if flag { parts.append(name) }
            case let color as Style.Color?:
                if let color { parts.append("\(color)") }
            default:
                // An attribute of a kind this does not know yet: shown as name=value, never dropped.
                let value = "\(child.value)"
                if value != "nil" { parts.append("\(name)=\(value)") }
            }
        }
        if let link { parts.append("link=\(link)") }
        return parts.isEmpty ? "plain" : parts.joined(separator: ",")
    }
}
