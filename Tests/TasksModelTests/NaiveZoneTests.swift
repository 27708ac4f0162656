import Foundation
import Testing

@testable import TasksModel

/// Zoneless timestamps (`2026-01-01T05:00:00`) from a server writing its
/// local time: a differential against known truth. The server's jobs are
/// decoded from the JSON it would send, and the engine's view is compared
/// with what is true on the injected clock.
@Suite("Zoneless timestamps: another zone's local time is found, shown and corrected; stuck jobs stay overdue")
struct NaiveZoneTests {
    static let now = Fixtures.now  // 2026-01-01 10:00:00Z

    /// A job as a server at `zoneHours` east of UTC writes it with no zone: created
    /// `ageMinutes` ago, updated `updatedMinutes` ago.
    static func job(
        _ id: String, zoneHours: Double, ageMinutes: Double, updatedMinutes: Double = 0, percentage: Double,
        type: String = "scraping"
    ) throws -> Job {
        func naive(_ minutesAgo: Double) -> String {
            let local = now.addingTimeInterval(-minutesAgo * 60 + zoneHours * 3600)
            return String(Timestamp.format(local).dropLast(5))  // "…T10:00:00" without ".000Z"
        }
        let text = """
            {"job_id": "\(id)", "status": "processing", "type": "\(type)", "created_at": "\(naive(ageMinutes))",
             "updated_at": "\(naive(updatedMinutes))", "progress_data": {"percentage": \(percentage)}}
            """
        return try Job.decode(JSONParser.parse(Data(text.utf8)))
    }

    static func list(_ engine: inout PollingEngine, _ jobs: [Job], at time: Date) {
        _ = engine.update(.completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: jobs))), at: time))
    }

    @Test("a zoneless timestamp is told from one with a zone")
    func naiveParsing() {
        #expect(Timestamp.isNaive(.string("2026-01-01T10:00:00")))
        #expect(Timestamp.isNaive(.string("2026-01-01 10:00:00.123")))
        #expect(!Timestamp.isNaive(.string("2026-01-01T10:00:00Z")))
        #expect(!Timestamp.isNaive(.string("2026-01-01T10:00:00+02:00")))
        #expect(!Timestamp.isNaive(.string("2026-01-01T10:00:00-0500")))
        #expect(!Timestamp.isNaive(.string("2026-01-01")))
        #expect(!Timestamp.isNaive(.number(1_767_225_600)))
    }

    @Test("UTC+2: jobs created 2 h in the future are read two hours back, and the header says so")
    func zoneAhead() throws {
        var engine = PollingEngine(start: Self.now)
        _ = engine.update(.tick(Self.now))
        let jobs = try [
            Self.job("a", zoneHours: 2, ageMinutes: 1, percentage: 10),
            Self.job("b", zoneHours: 2, ageMinutes: 20, percentage: 50),
        ]
        Self.list(&engine, jobs, at: Self.now)
        #expect(engine.naiveZone.offset == 7200)
        #expect(engine.naiveZone.text == "timestamps read as UTC+2")
        let created = try #require(engine["a"]?.job.createdAt)
        #expect(abs(created.timeIntervalSince(Self.now) + 60) < 1)
        var state = Fixtures.state([])
        state.engine = engine
        #expect(DashboardRenderer.render(state).text.contains("timestamps read as UTC+2"))
    }

    @Test(
        "UTC−5: progressing jobs that look 5 h overdue are read five hours on; they are not OVERDUE and keep their own reads"
    )
    func zoneBehind() throws {
        var engine = PollingEngine(start: Self.now)
        _ = engine.update(.tick(Self.now))
        Self.list(&engine, try [Self.job("a", zoneHours: -5, ageMinutes: 3, percentage: 10)], at: Self.now)
        // Before any progress is seen the jobs may be stuck for real: nothing is inferred yet.
        #expect(engine.naiveZone.offset == 0)
        #expect(engine["a"]?.isOverdue(at: Self.now) == true)
        let later = Self.now.addingTimeInterval(30)
        Self.list(
            &engine, try [Self.job("a", zoneHours: -5, ageMinutes: 2.5, updatedMinutes: 0, percentage: 20)], at: later)
        #expect(engine.naiveZone.offset == -5 * 3600)
        #expect(engine.naiveZone.text == "timestamps read as UTC−5")
        #expect(engine["a"]?.isOverdue(at: later) == false)
    }

    @Test("a UTC server whose jobs are really stuck for hours: nothing is explained away, they stay OVERDUE")
    func stuckJobsStayOverdue() throws {
        var engine = PollingEngine(start: Self.now)
        _ = engine.update(.tick(Self.now))
        let stuck = try [
            Self.job("a", zoneHours: 0, ageMinutes: 300, updatedMinutes: 290, percentage: 10),
            Self.job("b", zoneHours: 0, ageMinutes: 400, updatedMinutes: 380, percentage: 30),
        ]
        for step in 0..<5 { Self.list(&engine, stuck, at: Self.now.addingTimeInterval(Double(step) * 30)) }
        #expect(engine.naiveZone.offset == 0)
        #expect(engine["a"]?.isOverdue(at: Self.now) == true)
    }

    @Test("timestamps_zone fixes the zone: nothing is inferred, every zoneless time is moved")
    func fixedZone() throws {
        var configuration = EngineConfiguration()
        configuration.timestampsZone = -5 * 3600
        var engine = PollingEngine(configuration: configuration, start: Self.now)
        _ = engine.update(.tick(Self.now))
        Self.list(&engine, try [Self.job("a", zoneHours: -5, ageMinutes: 3, percentage: 10)], at: Self.now)
        #expect(engine.naiveZone.offset == -5 * 3600)
        #expect(engine["a"]?.isOverdue(at: Self.now) == false)
        // A zone set to UTC stays UTC, however the jobs look.
        configuration.timestampsZone = 0
        var utc = PollingEngine(configuration: configuration, start: Self.now)
        _ = utc.update(.tick(Self.now))
        Self.list(&utc, try [Self.job("a", zoneHours: 2, ageMinutes: 1, percentage: 10)], at: Self.now)
        #expect(utc.naiveZone.offset == 0)
    }

    @Test("timestamps with a zone are never moved")
    func zonedUntouched() throws {
        var engine = PollingEngine(start: Self.now)
        _ = engine.update(.tick(Self.now))
        let created = Self.now.addingTimeInterval(3 * 3600)
        let job = Job(id: "z", status: .processing, type: "scraping", createdAt: created)
        Self.list(&engine, [job], at: Self.now)
        #expect(engine["z"]?.job.createdAt == created)
    }

    @Test("the setting reads auto, UTC and offsets; refuses the rest")
    func settingValues() throws {
        func read(_ text: String) throws -> Double? {
            try SettingInput(key: .timestampsZone, raw: .string(text), source: .defaultValue, home: "/")
                .timestampsZone()
        }
        #expect(try read("auto") == nil)
        #expect(try read("UTC") == 0)
        #expect(try read("-05:00") == -18_000)
        #expect(try read("UTC+2") == 7200)
        #expect(try read("+0530") == 19_800)
        #expect(throws: SettingsError.self) { try read("EST") }
        #expect(throws: SettingsError.self) { try read("+15:00") }
        #expect(throws: SettingsError.self) { try read("+05:07") }
    }
}
