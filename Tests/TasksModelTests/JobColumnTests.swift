import Foundation
import Testing

@testable import TasksModel

@Suite("Job table columns")
struct JobColumnTests {
    /// Widths by column; a column left out is dropped.
    static let expected: [Int: [JobColumn.Field: Int]] = [
        // Too narrow for the id column: title and step keep their minimum.
        60: [.status: 12, .title: 13, .progress: 9, .step: 20],
        // The id, the type family and TIME (one time per row); ENDED and ELAPSED would leave title and step too little.
        80: [.status: 12, .id: 6, .type: 8, .title: 11, .progress: 10, .step: 17, .time: 7],
        // ENDED and ELAPSED together take TIME's place.
        90: [.status: 12, .id: 6, .type: 8, .title: 11, .progress: 10, .step: 17, .ended: 9, .elapsed: 7],
        // From 100 columns the type column shows the type itself, and the bar widens: TIME again.
        100: [.status: 12, .id: 7, .type: 16, .title: 13, .progress: 16, .step: 20, .time: 7],
        120: [
            .status: 12, .id: 7, .type: 16, .title: 14, .progress: 16, .step: 22, .ended: 9, .elapsed: 7, .eta: 6,
        ],
        200: [
            .status: 12, .id: 7, .type: 16, .title: 36, .progress: 16, .step: 70, .created: 9, .ended: 9, .elapsed: 7,
            .eta: 6,
        ],
    ]

    static func shown(_ widths: JobColumnWidths) -> [JobColumn.Field: Int] {
        Dictionary(
            uniqueKeysWithValues: JobColumn.Field.allCases.compactMap { widths[$0] > 0 ? ($0, widths[$0]) : nil })
    }

    @Test("the widths at each breakpoint, by column", arguments: expected.keys.sorted())
    func widths(width: Int) {
        #expect(Self.shown(JobColumnWidths(width: width)) == Self.expected[width])
    }

    @Test(
        "columns are dropped in their stated priority as the screen narrows: created, ETA, ended and elapsed, type, id")
    func dropOrder() {
        let columns = JobColumn.all
        let optional = columns.indices.filter { columns[$0].dropPriority != nil }
        #expect(
            optional.map { columns[$0].title(.local) }.sorted()
                == ["CREATED", "ELAPSED", "ENDED", "ETA", "ID", "TIME", "TYPE"])
        #expect(
            optional.sorted { (columns[$0].dropPriority!, $0) < (columns[$1].dropPriority!, $1) }.map {
                columns[$0].title(.local)
            } == ["CREATED", "ETA", "ENDED", "ELAPSED", "TIME", "TYPE", "ID"])
        let standIns = Set(optional.filter { !columns[$0].standsInFor.isEmpty })
        var previouslyShown = Set(optional)
        for width in stride(from: 200, through: 60, by: -1) {
            let widths = JobColumnWidths(width: width)
            let shown = Set(optional.filter { widths[$0] > 0 })
            // Within a band of fixed widths (stepped columns narrow at 100 and 80), none comes back
            // (but TIME, which comes when ENDED and ELAPSED go).
            if width != 99 && width != 79 {
                #expect(shown.subtracting(standIns).isSubset(of: previouslyShown), "width \(width): a column came back")
            }
            // Whatever is hidden has a lower drop priority than whatever is shown; TIME is hidden
            // exactly when every column it stands in for is shown.
            for hidden in Set(optional).subtracting(shown).subtracting(standIns) {
                for kept in shown { #expect(columns[hidden].dropPriority! < columns[kept].dropPriority!) }
            }
            for time in standIns {
                let allShown = columns[time].standsInFor.allSatisfy { widths[$0] > 0 }
                if widths[time] > 0 {
                    #expect(!allShown, "width \(width): TIME beside ENDED and ELAPSED")
                } else if !allShown {
                    // Neither TIME nor what it stands in for: only columns kept longer than TIME are shown.
                    #expect(
                        shown.allSatisfy { columns[$0].dropPriority! > columns[time].dropPriority! },
                        "width \(width): no time column")
                }
            }
            previouslyShown = shown
        }
        #expect(previouslyShown.isEmpty)
    }

    @Test("marker, columns, gaps and the right margin add up to the screen width", arguments: Array(60...220))
    func fillsTheWidth(width: Int) {
        let widths = JobColumnWidths(width: width)
        let shown = widths.widths.filter { $0 > 0 }
        let total =
            JobColumnWidths.markerWidth + shown.reduce(0, +) + (shown.count - 1) * JobColumnWidths.gap
            + JobColumnWidths.rightMargin
        #expect(total == width)
        // An optional column is shown only while title and step keep their minimum between them.
        if JobColumn.all.contains(where: { $0.dropPriority != nil && widths[$0.field] > 0 }) {
            #expect(widths[.title] + widths[.step] >= JobColumnWidths.minimumFlexible)
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
            + [JobColumn.Field.status, .id, .type, .title].reduce(0) {
                $0 + (widths[$1] > 0 ? widths[$1] + JobColumnWidths.gap : 0)
            }
        #expect(row[progressStart] == "#")
    }
}
