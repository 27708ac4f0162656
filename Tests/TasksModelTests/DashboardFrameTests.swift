import Foundation
import Testing

@testable import TasksModel

/// Golden frames under Tests/TasksModelTests/Golden. Regenerate with
/// `UPDATE_GOLDEN=1 swift test --filter DashboardFrameTests`.
@Suite("Dashboard frames")
struct DashboardFrameTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    func check(_ name: String, _ frame: Frame) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name + ".txt")
        let text = frame.text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "frame \(name) differs from its golden file; UPDATE_GOLDEN=1 regenerates")
    }

    /// Every row fits the width exactly, and no control or bidi character reaches the frame.
    func checkShape(_ frame: Frame) {
        #expect(frame.rows.count == frame.height)
        for row in frame.rows {
            #expect(row.width <= frame.width)
            for span in row.spans {
                #expect(TerminalText.width(span.text) == span.width)
                #expect(TerminalTextTests.isClean(span.text))
            }
        }
    }

    @Test(
        "golden frames at 80x24, 120x40, 200x50 and 60x10, with wide and hostile strings",
        arguments: [(80, 24), (120, 40), (200, 50), (60, 10)])
    func golden(width: Int, height: Int) throws {
        var state = Fixtures.state(Fixtures.mixed, width: width, height: height)
        _ = state.update(.key(.down, at: state.now))
        let frame = DashboardRenderer.render(state)
        checkShape(frame)
        try check("table-\(width)x\(height)", frame)
    }

    @Test("golden details pane and ASCII profile")
    func goldenDetails() throws {
        var state = Fixtures.state(Fixtures.mixed, width: 100, height: 30)
        while state.selectedID != "job_d4" { _ = state.update(.key(.down, at: state.now)) }
        _ = state.update(.key(.enter, at: state.now))
        let details = DashboardRenderer.render(state)
        checkShape(details)
        try check("details-job_d4-100x30", details)
        let ascii = DashboardRenderer.render(Fixtures.state(Fixtures.mixed, width: 80, height: 24, profile: .ascii))
        checkShape(ascii)
        #expect(ascii.text.unicodeScalars.allSatisfy { $0.value < 0x7F })
        try check("table-ascii-80x24", ascii)
    }

    @Test("golden help screen at 80x24: keys from the keymap, then the flags")
    func goldenHelp() throws {
        var state = Fixtures.state(Fixtures.mixed, width: 80, height: 24)
        _ = state.update(.key(.character("?"), at: state.now))
        let help = DashboardRenderer.render(state)
        checkShape(help)
        try check("help-80x24", help)
    }

    @Test("columns stay aligned: every job row has the same column boundaries whatever its text")
    func alignment() {
        for width in [60, 80, 100, 120, 200] {
            let frame = DashboardRenderer.render(Fixtures.state(Fixtures.mixed, width: width, height: 20))
            let jobRows = frame.rows[3..<(3 + Fixtures.mixed.count)]
            // The progress column starts at the same column on every row.
            let starts = jobRows.map { row -> Int? in
                var column = 0
                for span in row.spans {
                    if let range = span.text.range(of: "%") {
                        _ = range
                        return column + TerminalText.width(String(span.text[..<span.text.firstIndex(of: "%")!]))
                    }
                    column += span.width
                }
                return nil
            }
            #expect(Set(starts.compactMap { $0 }).count == 1, "width \(width): \(starts)")
            for row in jobRows { #expect(row.width == width, "width \(width)") }
        }
    }

    @Test("below 60x10 a clear too-small message, at any size down to 1x1")
    func tooSmall() {
        for (width, height) in [(59, 10), (60, 9), (10, 3), (1, 1), (20, 5)] {
            let frame = DashboardRenderer.render(Fixtures.state(Fixtures.mixed, width: width, height: height))
            #expect(frame.rows.count == height)
            for row in frame.rows { #expect(row.width <= width) }
            if height >= 3 && width >= 24 { #expect(frame.text.contains("terminal too small")) }
            if height >= 3 && width >= 9 && width < 24 { #expect(frame.text.contains("too small")) }
            if width == 1 { #expect(frame.text.count == 1) }
        }
    }

    @Test("rendering touches only visible rows: 10,000 jobs give the same shape")
    func manyJobs() {
        var jobs: [Job] = []
        for index in 0..<10_000 {
            let status: JobStatus = index % 3 == 0 ? .processing : .completed
            jobs.append(
                Fixtures.job("job_\(index)", status, minutesAgo: Double(index) / 10, percentage: Double(index % 100)))
        }
        var state = Fixtures.state(jobs, width: 200, height: 60)
        _ = state.update(.key(.end, at: state.now))
        let frame = DashboardRenderer.render(state)
        checkShape(frame)
        #expect(state.selectedIndex == 9_999)
    }
}

@Suite("Row cache")
struct RowCacheTests {
    @Test("frames are identical with and without the cache, through moves, ticks, new data and cancels")
    func sameFrames() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 30)
        let cache = RowCache()
        func check() {
            #expect(DashboardRenderer.render(state, cache: cache) == DashboardRenderer.render(state))
        }
        check()
        let builds = cache.builds
        _ = state.update(.tick(state.now.addingTimeInterval(1)))
        check()
        #expect(cache.builds - builds == 4)  // only the four rows whose elapsed shows seconds (under 10 min)
        _ = state.update(.key(.down, at: state.now))
        check()
        _ = state.update(.tick(state.now.addingTimeInterval(400)))
        check()
        var changed = Fixtures.mixed
        changed[0].progress.percentage = 77
        _ = state.update(
            .engine(.completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: changed))), at: state.now)))
        check()
        #expect(DashboardRenderer.render(state, cache: cache).text.contains("77%"))
        _ = state.update(.key(.home, at: state.now))
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        _ = state.update(.key(.character("y"), at: state.now))
        check()
        _ = state.update(.key(.character("t"), at: state.now))
        check()
        _ = state.update(.resize(width: 80, height: 24))
        check()
    }
}
