import Foundation
import Testing

@testable import TasksModel

/// CREATED shows the time of day only for today; any other day shows a date,
/// so a job made a month ago (opened with `:`) never reads as made today, or
/// as made in the future.
@Suite("CREATED: the time today, the date any other day")
struct CreatedDateTests {
    static let utc = LocalZone.utc

    /// The CREATED cell of a job made `hours` before `Fixtures.now` (2026-01-01 10:00Z).
    static func created(hoursAgo hours: Double, mode: TimeMode = .local, zone: LocalZone = utc) -> String {
        let job = Fixtures.job("job_c", .processing, minutesAgo: hours * 60)
        var context = JobRow.Context(now: Fixtures.now, zone: zone, profile: .utf8)
        context.timeMode = mode
        return JobRow(job: job, context: context).created
    }

    @Test(
        "today: the time; another day: the day within 180 days, the month and year beyond",
        arguments: [
            (3.0, "07:00:00"),  // 2026-01-01 07:00
            (11, "Dec 31"),  // 2025-12-31 23:00: yesterday, though 11 hours ago
            (720, "Dec 02"),
            (4296, "Jul 06"),
            (9600, "Nov 2024"),
            (-14, "Jan 02"),  // a server clock ahead: tomorrow, not a time today
            (-1440, "Mar 02"),
        ] as [(Double, String)])
    func cells(hoursAgo: Double, expected: String) {
        let cell = Self.created(hoursAgo: hoursAgo)
        #expect(cell == expected)
        #expect(TerminalText.width(cell) <= 9, "the column is 9 wide")
    }

    @Test("UTC mode counts days in UTC; local mode in the local zone")
    func zones() throws {
        let kiritimati = try #require(LocalZone.named("Pacific/Kiritimati"))  // UTC+14: now is Jan 2, 00:00
        #expect(Self.created(hoursAgo: 1, zone: kiritimati) == "Jan 01")
        #expect(Self.created(hoursAgo: 1, mode: .utc, zone: kiritimati) == "09:00:00Z")
        #expect(Self.created(hoursAgo: 11, mode: .utc) == "Dec 31")
        #expect(Self.created(hoursAgo: 30 * 24, mode: .relative) == TimeText.ago(30 * 86_400))
    }

    @Test("the table's CREATED column shows the date of a job made a month ago")
    func inTheTable() {
        var state = Fixtures.state(
            [Fixtures.job("job_old", .processing, title: "Opened with colon", minutesAgo: 30 * 24 * 60)], width: 140,
            height: 20)
        _ = state.update(.resize(width: 140, height: 20))
        let text = DashboardRenderer.render(state).rows.map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        #expect(text.contains("Dec 02"))
        #expect(!text.contains("10:00:00"))
    }
}
