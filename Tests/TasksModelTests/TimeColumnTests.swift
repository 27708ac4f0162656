import Foundation
import Testing

@testable import TasksModel

/// Start and end times: ENDED beside CREATED where the width allows, and at
/// 80 columns one TIME column with the most useful time of each row.
@Suite("ENDED and TIME columns")
struct TimeColumnTests {
    init() { #expect(utf8LocaleReady) }

    /// UTC, as the list tests have it.
    static let utc = ListColumnsTests.zone

    static func row(_ job: Job, mode: TimeMode = .local) -> JobRow {
        JobRow(job: job, context: JobRow.Context(now: Fixtures.now, timeMode: mode, zone: utc, profile: .utf8))
    }

    /// A job made `minutesAgo`, started 2 s later, ended `endedMinutesAgo` (nil: still going).
    static func job(_ status: JobStatus, minutesAgo: Double, endedMinutesAgo: Double?) -> Job {
        var job = Fixtures.job("job_t", status, minutesAgo: minutesAgo)
        job.completedAt = endedMinutesAgo.map { Fixtures.now.addingTimeInterval(-$0 * 60) }
        if status == .queued { job.startedAt = nil }
        return job
    }

    @Test("TIME: running, how long it has run; queued, how long it has waited; finished, how long ago it ended")
    func timeCell() {
        let running = Self.row(Self.job(.processing, minutesAgo: 12, endedMinutesAgo: nil))
        #expect(running.time == "11m" && running.time == running.elapsed && running.ended == "")
        let queued = Self.row(Self.job(.queued, minutesAgo: 2.5, endedMinutesAgo: nil))
        #expect(queued.time == "2m30s" && queued.ended == "")
        let completed = Self.row(Self.job(.completed, minutesAgo: 40, endedMinutesAgo: 3))
        #expect(completed.time == "3m ago" && completed.elapsed == "36m" && completed.ended == "09:57:00")
        let failed = Self.row(Self.job(.failed, minutesAgo: 40, endedMinutesAgo: 0.5))
        #expect(failed.time == "30s ago")
        // Ended without completed_at or updated_at (a one-shot command): unknown, never a guess.
        let unknown = Self.row(Self.job(.cancelled, minutesAgo: 40, endedMinutesAgo: nil))
        #expect(unknown.time == "?" && unknown.ended == "?")
    }

    @Test("ENDED is written as CREATED is: the time today, the date another day, the age in relative mode")
    func endedCell() {
        let yesterday = Self.row(Self.job(.completed, minutesAgo: 2 * 24 * 60, endedMinutesAgo: 20 * 60))
        #expect(yesterday.ended == "Dec 31")
        #expect(Self.row(Self.job(.completed, minutesAgo: 90, endedMinutesAgo: 60), mode: .utc).ended == "09:00:00Z")
        #expect(Self.row(Self.job(.completed, minutesAgo: 90, endedMinutesAgo: 60), mode: .relative).ended == "1h ago")
        // TIME stays within its 7 columns however long ago.
        let ages: [Double] = [0, 0.9, 59, 61, 60 * 23, 60 * 24 * 99, 60 * 24 * 400, 60 * 24 * 365 * 20]
        for minutes in ages {
            let row = Self.row(Self.job(.completed, minutesAgo: minutes + 1, endedMinutesAgo: minutes))
            #expect(TerminalText.width(row.time) <= 7, "\(minutes): \(row.time)")
        }
    }

    /// The table as text, at `width`.
    static func table(_ jobs: [Job], width: Int) -> [String] {
        let state = Fixtures.state(jobs, width: width, height: 12)
        return DashboardRenderer.render(state).text.split(separator: "\n").map(String.init)
    }

    static let jobs = [
        job(.processing, minutesAgo: 12, endedMinutesAgo: nil),
        {
            var done = job(.completed, minutesAgo: 40, endedMinutesAgo: 3)
            done.id = "job_done"
            return done
        }(),
    ]

    @Test("at 80 columns one TIME column says how long each job has run or how long ago it ended")
    func eightyColumns() throws {
        let lines = Self.table(Self.jobs, width: 80)
        #expect(lines[2].hasSuffix("TIME "), "\(lines[2])")
        #expect(!lines[2].contains("ELAPSED") && !lines[2].contains("ENDED") && !lines[2].contains("CREATED"))
        let running = try #require(lines.dropFirst(3).first { $0.contains("processing") })
        let done = try #require(lines.dropFirst(3).first { $0.contains("completed") })
        #expect(running.hasSuffix("   11m "), "\(running)")
        #expect(done.hasSuffix(" 3m ago "), "\(done)")
    }

    @Test("wider, ENDED and ELAPSED take TIME's place; from 122 columns CREATED is there too")
    func wider() throws {
        for width in [110, 120, 160, 200] {
            let lines = Self.table(Self.jobs, width: width)
            let titles = lines[2]
            #expect(titles.contains("ENDED") && titles.contains("ELAPSED") && !titles.contains("TIME"), "\(width)")
            #expect(titles.contains("CREATED") == (width >= 122), "\(width): \(titles)")
            let done = try #require(lines.dropFirst(3).first { $0.contains("completed") })
            #expect(done.contains("09:57:00") && done.contains("36m"), "\(width): \(done)")
            let running = try #require(lines.dropFirst(3).first { $0.contains("processing") })
            #expect(!running.contains("ago"), "\(width): \(running)")
        }
    }
}
