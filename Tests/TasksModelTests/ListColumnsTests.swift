import Foundation
import Testing

@testable import TasksModel

@Suite("list columns: the dashboard's columns, sized by their own rule")
struct ListColumnsTests {
    static let zone = LocalZone.utc

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
        #expect(list == [.id, .status, .type, .title, .progress, .step, .created, .ended, .elapsed, .time])
        // One table: list shows exactly the dashboard's columns that have a plain form, with their titles.
        #expect(Set(list) == Set(JobColumn.all.filter { $0.plain != nil }.map(\.field)))
        for column in JobText.columns(idWidth: 8, zone: Self.zone) {
            #expect(column.title == JobColumn.all.first { $0.field == column.field }?.plain?.title)
        }
        // TIME stands in for ENDED and ELAPSED: with both, it goes (as in the dashboard).
        #expect(JobText.withoutStandIns(JobText.columns(idWidth: 8, zone: Self.zone)).map(\.field).last == .elapsed)
    }

    @Test(
        "a column inserted anywhere keeps its own width and resizes no other: widths go by column, not by place",
        arguments: [60, 100, 160, 240])
    func insertedColumn(width: Int) {
        let columns = JobText.withoutStandIns(JobText.columns(idWidth: 8, zone: Self.zone))
        let inserted = JobText.Column(field: .eta, title: "ETA", width: .fixed(6)) { $0.eta }
        // Where it goes does not matter: the same width for each column wherever ETA stands.
        var seen: [JobColumn.Field: Int]?
        for position in 0...columns.count {
            var withETA = columns
            withETA.insert(inserted, at: position)
            let widths = Self.widths(withETA, width: width)
            #expect(widths[.eta] == 6, "ETA at \(position)")
            #expect(widths[.id] == 8 && widths[.status] == 10 && widths[.progress] == 5, "ETA at \(position)")
            #expect(widths[.created] == 19 && widths[.ended] == 19 && widths[.elapsed] == 7, "ETA at \(position)")
            #expect(widths[.type]! >= 8 && widths[.title]! >= 10 && widths[.step]! >= 10, "ETA at \(position)")
            if let seen { #expect(widths == seen, "ETA at \(position)") }
            seen = widths
        }
        // The new column's room comes out of the shared columns (its width and a gap), not a fixed one.
        let before = Self.widths(columns, width: width)
        let after = seen!
        func shared(_ widths: [JobColumn.Field: Int]) -> Int { widths[.type]! + widths[.title]! + widths[.step]! }
        #expect(shared(before) - shared(after) == (width >= 160 ? 7 : 0))
    }

    @Test(
        "TYPE and TITLE fit their widest text and STEP takes the rest, in every order of the columns",
        arguments: [200, 100, 70])
    func rulesNotPlaces(width: Int) {
        let columns = JobText.withoutStandIns(JobText.columns(idWidth: 8, zone: Self.zone))
        let straight = Self.widths(columns, width: width)
        #expect(Self.widths(Array(columns.reversed()), width: width) == straight)
        #expect(Self.widths(columns.shuffled(), width: width) == straight)
        func widest(_ field: JobColumn.Field) -> Int {
            let column = columns.first { $0.field == field }!
            return max(
                column.title.count,
                Self.rows.map { TerminalText.width(TerminalText.sanitize(column.cell($0), profile: .utf8)) }.max()!)
        }
        if width == 200 {
            #expect(straight[.type] == max(8, min(24, widest(.type))))
            #expect(straight[.title] == max(10, min(40, widest(.title))))
        }
        let fixed = 8 + 10 + 5 + 19 + 19 + 7
        #expect(
            straight[.step] == max(10, width - fixed - (columns.count - 1) - 2 - straight[.type]! - straight[.title]!))
    }

    /// Ids of `length` characters, on the mixed fixture's jobs.
    static func jobs(idLength: Int) -> [Job] {
        Fixtures.mixed.enumerated().map { index, job in
            var copy = job
            let id = "job_\(index)_" + String(repeating: "x", count: max(0, idLength - 6))
            copy.id = JobID(String(id.prefix(max(idLength, 6))))
            return copy
        }
    }

    @Test(
        "list on a terminal never outgrows it: every line fits, whatever the ids",
        arguments: [60, 80, 120], [6, 14, 20, 40])
    func fitsTheTerminal(width: Int, idLength: Int) {
        let lines = JobText.table(
            Self.jobs(idLength: idLength), width: width, profile: .utf8, zone: Self.zone, now: Fixtures.now)
        for line in lines {
            #expect(TerminalText.width(line) <= width - JobText.spare, "\(width) columns, ids of \(idLength): \(line)")
        }
        // The columns that never drop are there at every width.
        let titles = lines[0].split(separator: " ").map(String.init)
        for title in ["STATUS", "TITLE", "PCT", "STEP"] { #expect(titles.contains(title), "\(width): \(title)") }
        if width >= 80 && idLength <= 14 {
            #expect(titles.contains("ID") && titles.contains("TYPE"), "\(width): the id and the type stay at 80")
        }
    }

    @Test(
        "narrowing drops list's columns in the dashboard's order: CREATED, ENDED and ELAPSED (TIME instead), TYPE, ID")
    func dropOrder() {
        let columns = JobText.columns(idWidth: 8, zone: Self.zone)
        var dropped: [JobColumn.Field] = []
        var timeShown: [Int] = []
        for width in stride(from: 200, through: 20, by: -1) {
            let shown = Set(JobText.fitting(columns, width: width).map(\.field))
            for field in columns.map(\.field) where field != .time && !shown.contains(field) && !dropped.contains(field)
            {
                dropped.append(field)
            }
            // TIME only once ENDED and ELAPSED are gone, and never without TYPE (kept longer).
            if shown.contains(.time) {
                #expect(!shown.contains(.elapsed) && !shown.contains(.ended) && shown.contains(.type), "\(width)")
                timeShown.append(width)
            }
        }
        // In one band of widths, 80 among them.
        #expect(timeShown.contains(80) && timeShown.count == timeShown.max()! - timeShown.min()! + 1, "\(timeShown)")
        let dashboardOrder = JobColumn.all.filter { $0.dropPriority != nil && $0.standsInFor.isEmpty }.sorted {
            ($0.dropPriority!, $0.field == .elapsed ? 1 : 0) < ($1.dropPriority!, $1.field == .elapsed ? 1 : 0)
        }
        .map(\.field).filter { field in columns.contains { $0.field == field } }
        #expect(dropped == dashboardOrder)
        #expect(dropped == [.created, .ended, .elapsed, .type, .id])
    }
}
