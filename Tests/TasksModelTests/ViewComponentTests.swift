import Foundation
import Testing

@testable import TasksModel

@Suite("View components")
struct ViewComponentTests {
    /// A region smaller than the screen and away from its top: a component that
    /// used the screen's size or position instead of its region would show here.
    static let region = DashboardLayout.Region(top: 7, height: 9, width: 64)

    static func state(width: Int = 120, height: Int = 40) -> DashboardState {
        var state = Fixtures.state(Fixtures.mixed, width: width, height: height)
        _ = state.update(.key(.down, at: state.now))
        return state
    }

    func checkFits(_ rows: [FrameRow], _ region: DashboardLayout.Region, _ name: String) {
        #expect(rows.count == region.height, "\(name): \(rows.count) rows")
        for row in rows { #expect(row.width <= region.width, "\(name): a row of \(row.width) columns") }
    }

    @Test("every component fills exactly its region's height and never passes its width")
    func componentsFitTheirRegion() {
        let state = Self.state()
        let target = CancelTarget(id: "job_a1", type: "store_scraping", percentage: 42, step: "Scraping page 17 of 40")
        let components: [(String, any DashboardComponent)] = [
            ("header", HeaderView(state: state)),
            ("table", JobTableView(state: state, cache: nil)),
            ("details", DetailsView(state: state, id: "job_evil", scroll: 0)),
            ("help", HelpView(readOnly: false, profile: .utf8)),
            ("message", MessageLineView(state: state)),
            ("hints", HintLineView(state: state)),
            ("dialog", ConfirmDialogView(target: target, profile: .utf8)),
            ("too small", TooSmallView(profile: .utf8)),
        ]
        for (name, component) in components {
            for region in [Self.region, DashboardLayout.Region(top: 0, height: 1, width: 60)] {
                checkFits(component.rows(in: region), region, name)
            }
        }
    }

    @Test("rows that span the region fill its width exactly: header clock, job rows, dialog box")
    func fullRows() {
        let state = Self.state()
        let header = HeaderView(state: state).rows(in: Self.region)
        #expect(header[0].width == Self.region.width)
        #expect(header[0].spans.last?.text == "10:00")
        let table = JobTableView(state: state, cache: nil).rows(in: Self.region)
        // Titles, then the job rows that fit (the region's height less the titles).
        #expect(table.dropFirst().allSatisfy { $0.width == Self.region.width })
        #expect(table.count == Self.region.height)
        let target = CancelTarget(id: "job_a1", type: "store_scraping", percentage: 42, step: nil)
        let dialog = ConfirmDialogView(target: target, profile: .utf8).rows(in: Self.region)
        let box = Self.region.width - 2 * ConfirmDialogView.margin
        for row in dialog.prefix(ConfirmDialogView.height) {
            #expect(row.width == ConfirmDialogView.margin + box)
        }
    }

    @Test("the table starts at the state's scroll position and lays out only the rows that fit")
    func tableRowsFromTheTop() {
        var state = Fixtures.state(Fixtures.mixed, width: 100, height: 10)
        _ = state.update(.key(.end, at: state.now))
        let body = DashboardLayout(width: 100, height: 10).body
        let rows = JobTableView(state: state, cache: nil).rows(in: body)
        let lines = Frame(width: 100, height: rows.count, rows: rows).text.split(separator: "\n")
        // Eight jobs, five rows under the titles: the last five, the selected one at the bottom.
        #expect(state.top == 3)
        #expect(lines.count == body.height)
        #expect(lines.last?.hasPrefix("▸ ") == true)
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("  ") })
        let cache = RowCache()
        _ = JobTableView(state: state, cache: cache).rows(in: body)
        #expect(cache.builds == body.height - 1)
    }

    @Test("the layout hands out the dialog's region: centred, under the header, cut above the footer")
    func dialogRegion() {
        let large = DashboardLayout(width: 80, height: 24).dialog(height: ConfirmDialogView.height)
        #expect(large == DashboardLayout.Region(top: 7, height: 10, width: 80))
        let small = DashboardLayout(width: 60, height: 10).dialog(height: ConfirmDialogView.height)
        #expect(small == DashboardLayout.Region(top: 2, height: 6, width: 60))
        // In the frame: the dialog's rows replace the body rows under it; header and footer stay.
        var state = Fixtures.state(Fixtures.mixed, width: 80, height: 24)
        let before = DashboardRenderer.render(state)
        _ = state.update(.key(.character("c"), at: state.now))
        let after = DashboardRenderer.render(state)
        for y in 0..<24 where !large.rows.contains(y) && y < 22 { #expect(after.rows[y] == before.rows[y], "row \(y)") }
        #expect(after.text.split(separator: "\n")[8].contains("Cancel this job?"))
    }
}
