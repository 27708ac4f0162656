import Testing

@testable import TasksModel

@Suite("TableState: the selection stays on its job, the scroll shows it")
struct TableStateTests {
    static func ids(_ names: String...) -> [JobID] { names.map { JobID($0) } }

    @Test("a re-order keeps the selected job; when it goes, the row where it was is taken; empty, none")
    func selectionFollowsItsJob() {
        var table = TableState()
        table.show(Self.ids("a", "b", "c", "d"))
        #expect(table.selectedID == "a")
        table.move(to: 2, rows: 10)
        #expect(table.selectedID == "c")
        table.show(Self.ids("c", "a", "d", "b"))
        #expect(table.selectedID == "c" && table.selectedIndex == 0)
        table.move(to: 2, rows: 10)
        #expect(table.selectedID == "d")
        table.show(Self.ids("a", "b"))
        #expect(table.selectedID == "b", "gone from row 2: the last row there is")
        table.show([])
        #expect(table.selectedID == nil && table.selectedIndex == nil)
        #expect(!table.isStale)
    }

    @Test("changing what is shown makes the rows stale; a search set to what it is does not")
    func staleness() {
        var table = TableState()
        table.show(Self.ids("a"))
        table.setSearch("")
        #expect(!table.isStale)
        table.setSearch("x")
        #expect(table.isStale)
        table.show(Self.ids("a"))
        table.cycleFilter()
        #expect(table.isStale && table.filter == .all.next)
        table.show(Self.ids("a"))
        table.sortByColumn(.status)
        table.sortByColumn(.status)
        #expect(table.sort == .status && table.sortReversed)
        table.cycleSort()
        #expect(!table.sortReversed)
    }

    @Test("the stalled order re-sorts every 5 s, not every tick; the newest order never on a tick")
    func ticks() {
        var table = TableState()
        table.show(Self.ids("a"))
        table.tick(Fixtures.now)
        #expect(!table.isStale)
        while table.sort != .stalled { table.cycleSort() }
        table.show(Self.ids("a"))
        table.tick(Fixtures.now)
        #expect(table.isStale)
        table.show(Self.ids("a"))
        table.tick(Fixtures.now.addingTimeInterval(4))
        #expect(!table.isStale)
        table.tick(Fixtures.now.addingTimeInterval(5))
        #expect(table.isStale)
    }

    @Test("random orders, moves, wheel turns and screen heights: the selection is a shown job and on screen")
    func randomOperations() {
        var failures: [String] = []
        for seed in 1...300 {
            var rng = SeededRandom(seed: UInt64(seed))
            var table = TableState()
            let pool = (0..<30).map { JobID("j\($0)") }
            for step in 0..<80 {
                let rows = 1 + Int(rng.next() % 12)
                let operation = rng.next() % 4
                switch operation {
                case 0: table.show(Array(pool.shuffled(using: &rng).prefix(Int(rng.next() % 31))))
                case 1: table.move(to: Int(rng.next() % 40) - 5, rows: rows)
                case 2: table.scroll(by: Int(rng.next() % 9) - 4, rows: rows)
                default: table.select(pool[Int(rng.next() % 30)])
                }
                table.scrollToSelection(rows: rows)
                // After new rows or a move, the selection is a shown job (none only when nothing shows).
                if operation == 0 || (operation == 1 && !table.visible.isEmpty) {
                    let shown = table.selectedID.map { table.position[$0] != nil } ?? table.visible.isEmpty
                    if !shown { failures.append("seed \(seed) step \(step): the selection is not a shown job") }
                }
                if let index = table.selectedIndex {
                    let onScreen = table.top <= index && index < table.top + rows
                    if !onScreen || table.top < 0 || table.top > max(0, table.visible.count - rows) {
                        failures.append(
                            "seed \(seed) step \(step): selection row \(index) off screen (top \(table.top), \(rows) rows)"
                        )
                    }
                }
                if table.position.count != table.visible.count {
                    failures.append("seed \(seed) step \(step): positions do not match the rows")
                }
            }
            if failures.count > 3 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(4).joined(separator: "\n"))")
    }
}
