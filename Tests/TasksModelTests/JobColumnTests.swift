import Foundation
import Testing

@testable import TasksModel

@Suite("Job table columns")
struct JobColumnTests {
    /// Widths in table order: status, type, progress, step, created, elapsed, eta.
    static let expected: [Int: [Int]] = [
        60: [12, 13, 9, 20, 0, 0, 0],
        80: [12, 16, 12, 26, 0, 7, 0],
        // Too narrow for ELAPSED, so no optional column (the old rule showed ETA alone here).
        74: [12, 18, 9, 29, 0, 0, 0],
        84: [12, 18, 12, 28, 0, 7, 0],
        85: [12, 16, 12, 24, 0, 7, 6],
        94: [12, 19, 12, 30, 0, 7, 6],
        95: [12, 16, 12, 24, 9, 7, 6],
        120: [12, 24, 16, 37, 9, 7, 6],
        200: [12, 36, 16, 105, 9, 7, 6],
    ]

    @Test("the widths are today's at every breakpoint", arguments: expected.keys.sorted())
    func widths(width: Int) {
        #expect(JobColumnWidths(width: width).widths == Self.expected[width])
    }

    @Test("columns are dropped in their stated priority as the screen narrows: created, then ETA, then elapsed")
    func dropOrder() {
        let columns = JobColumn.all
        let optional = columns.indices.filter { columns[$0].dropPriority != nil }
        #expect(optional.map { columns[$0].title(.local) }.sorted() == ["CREATED", "ELAPSED", "ETA"])
        var previouslyShown = Set(optional)
        for width in stride(from: 200, through: 60, by: -1) {
            let widths = JobColumnWidths(width: width)
            let shown = Set(optional.filter { widths[$0] > 0 })
            #expect(shown.isSubset(of: previouslyShown), "width \(width): a column came back")
            // Whatever is hidden has a lower drop priority than whatever is shown.
            for hidden in Set(optional).subtracting(shown) {
                for kept in shown { #expect(columns[hidden].dropPriority! < columns[kept].dropPriority!) }
            }
            previouslyShown = shown
        }
        #expect(previouslyShown.isEmpty)
    }

    @Test("marker, columns, gaps and the right margin add up to the screen width", arguments: Array(60...220))
    func fillsTheWidth(width: Int) {
        let widths = JobColumnWidths(width: width).widths
        let shown = widths.filter { $0 > 0 }
        let total =
            JobColumnWidths.markerWidth + shown.reduce(0, +) + (shown.count - 1) * JobColumnWidths.gap
            + JobColumnWidths.rightMargin
        #expect(total == width)
        // An optional column is shown only while type and step keep their minimum between them.
        if widths[4...].contains(where: { $0 > 0 }) {
            #expect(widths[1] + widths[3] >= JobColumnWidths.minimumFlexible)
        }
    }

    @Test("each title sits over its cells", arguments: [60, 80, 95, 120])
    func titlesOverCells(width: Int) {
        let state = Fixtures.state([Fixtures.mixed[0]], width: width, height: 12, profile: .ascii)
        let lines = DashboardRenderer.render(state).text.split(separator: "\n").map(String.init)
        let titles = Array(lines[2])
        let row = Array(lines[3])
        let widths = JobColumnWidths(width: width)
        var start = JobColumnWidths.markerWidth
        for (index, column) in JobColumn.all.enumerated() where widths[index] > 0 {
            let title = String(titles[start..<(start + widths[index])]).trimmingCharacters(in: .whitespaces)
            #expect(title == column.title(.local), "width \(width)")
            start += widths[index] + JobColumnWidths.gap
        }
        // The status cell starts under STATUS, the bar under PROGRESS.
        #expect(String(row[2..<14]) == "> processing")
        let progressStart = JobColumnWidths.markerWidth + widths[0] + widths[1] + 2 * JobColumnWidths.gap
        #expect(row[progressStart] == "#")
    }
}
