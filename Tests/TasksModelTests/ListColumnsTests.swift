import Foundation
import Testing

@testable import TasksModel

@Suite("list columns: the dashboard's columns, sized by their own rule")
struct ListColumnsTests {
    static let zone = TimeZone(identifier: "UTC")!

    static var rows: [JobRow] {
        let context = JobRow.Context(now: Fixtures.now, zone: zone, profile: .utf8)
        return Fixtures.mixed.map { JobRow(job: $0, context: context) }
    }

    /// Each column's width by what it shows.
    static func widths(_ columns: [JobText.Column], width: Int) -> [JobColumn.Field: Int] {
        let widths = JobText.widths(columns, rows: rows, width: width, profile: .utf8)
        return Dictionary(uniqueKeysWithValues: zip(columns.map(\.field), widths))
    }

    @Test("list's columns are named by the dashboard's columns, each once")
    func sameColumns() {
        let list = JobText.columns(idWidth: 8, zone: Self.zone).map(\.field)
        let dashboard = JobColumn.all.map(\.field)
        #expect(Set(dashboard).count == dashboard.count && Set(dashboard) == Set(JobColumn.Field.allCases))
        #expect(Set(list).count == list.count)
        #expect(Set(list).isSubset(of: Set(dashboard)))
        #expect(list == [.id, .status, .type, .progress, .step, .created, .elapsed])
    }

    @Test(
        "a column inserted anywhere keeps its own width and resizes no other: widths go by column, not by place",
        arguments: [60, 100, 160, 240])
    func insertedColumn(width: Int) {
        let columns = JobText.columns(idWidth: 8, zone: Self.zone)
        let inserted = JobText.Column(field: .eta, title: "ETA", width: .fixed(6)) { $0.eta }
        // Where it goes does not matter: the same width for each column wherever ETA stands.
        var seen: [JobColumn.Field: Int]?
        for position in 0...columns.count {
            var withETA = columns
            withETA.insert(inserted, at: position)
            let widths = Self.widths(withETA, width: width)
            #expect(widths[.eta] == 6, "ETA at \(position)")
            #expect(widths[.id] == 8 && widths[.status] == 10 && widths[.progress] == 5, "ETA at \(position)")
            #expect(widths[.created] == 19 && widths[.elapsed] == 7, "ETA at \(position)")
            #expect(widths[.type]! >= 10 && widths[.step]! >= 10, "ETA at \(position)")
            if let seen { #expect(widths == seen, "ETA at \(position)") }
            seen = widths
        }
        // The new column's room comes out of the shared columns (its width and a gap), not a fixed one.
        let before = Self.widths(columns, width: width)
        let after = seen!
        #expect(before[.type]! + before[.step]! - (after[.type]! + after[.step]!) == (width >= 100 ? 7 : 0))
    }

    @Test("TYPE fits its widest text and STEP takes the rest, in every order of the columns")
    func rulesNotPlaces() {
        let columns = JobText.columns(idWidth: 8, zone: Self.zone)
        let straight = Self.widths(columns, width: 200)
        #expect(Self.widths(Array(columns.reversed()), width: 200) == straight)
        let widest = Self.rows.map {
            TerminalText.width(TerminalText.sanitize(columns.first { $0.field == .type }!.cell($0), profile: .utf8))
        }.max()!
        #expect(straight[.type] == max(10, min(80, widest)))
        let fixed = 8 + 10 + 5 + 19 + 7
        #expect(straight[.step] == 200 - fixed - (columns.count - 1) - 2 - straight[.type]!)
    }
}
