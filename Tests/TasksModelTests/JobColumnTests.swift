import Foundation
import Testing

@testable import TasksModel

@Suite("Job table columns")
struct JobColumnTests {
    /// Widths in table order: status, id, type, title, progress, step, created, elapsed, eta.
    static let expected: [Int: [Int]] = [
        // Too narrow for the id column: title and step keep their minimum.
        60: [12, 0, 0, 13, 9, 20, 0, 0, 0],
        // The id and the type family; elapsed would leave title and step too little.
        80: [12, 6, 8, 13, 12, 21, 0, 0, 0],
        84: [12, 6, 8, 12, 12, 18, 0, 7, 0],
        // From 100 columns the type column shows the type itself.
        100: [12, 7, 16, 13, 16, 20, 0, 7, 0],
        120: [12, 7, 16, 14, 16, 22, 9, 7, 6],
        200: [12, 7, 16, 36, 16, 80, 9, 7, 6],
    ]

    @Test("the widths are today's at every breakpoint", arguments: expected.keys.sorted())
    func widths(width: Int) {
        #expect(JobColumnWidths(width: width).widths == Self.expected[width])
    }

    @Test("columns are dropped in their stated priority as the screen narrows: created, ETA, elapsed, type, id")
    func dropOrder() {
        let columns = JobColumn.all
        let optional = columns.indices.filter { columns[$0].dropPriority != nil }
        #expect(optional.map { columns[$0].title(.local) }.sorted() == ["CREATED", "ELAPSED", "ETA", "ID", "TYPE"])
        #expect(
            optional.sorted { columns[$0].dropPriority! < columns[$1].dropPriority! }.map { columns[$0].title(.local) }
                == ["CREATED", "ETA", "ELAPSED", "TYPE", "ID"])
        var previouslyShown = Set(optional)
        for width in stride(from: 200, through: 60, by: -1) {
            let widths = JobColumnWidths(width: width)
            let shown = Set(optional.filter { widths[$0] > 0 })
            // Within a band of fixed widths (stepped columns narrow at 100 and 80), none comes back.
            if width != 99 && width != 79 {
                #expect(shown.isSubset(of: previouslyShown), "width \(width): a column came back")
            }
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
        // An optional column is shown only while title and step keep their minimum between them.
        if [1, 2, 6, 7, 8].contains(where: { widths[$0] > 0 }) {
            #expect(widths[3] + widths[5] >= JobColumnWidths.minimumFlexible)
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
        let progressStart =
            JobColumnWidths.markerWidth
            + (0..<4).reduce(0) { $0 + (widths[$1] > 0 ? widths[$1] + JobColumnWidths.gap : 0) }
        #expect(row[progressStart] == "#")
    }
}
