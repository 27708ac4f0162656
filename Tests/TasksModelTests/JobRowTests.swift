import Foundation
import Testing

@testable import TasksModel

@Suite("JobRow view model")
struct JobRowTests {
    static let utc = LocalZone.utc
    static func context(_ mode: TimeMode = .local, profile: TextProfile = .utf8) -> JobRow.Context {
        JobRow.Context(now: Fixtures.now, timeMode: mode, zone: utc, profile: profile)
    }

    static let statuses: [(JobStatus, utf8: String, ascii: String)] = [
        (.queued, "◌ queued", ". queued"),
        (.processing, "▶ processing", "> processing"),
        (.completed, "✓ completed", "+ completed"),
        (.failed, "✗ failed", "X failed"),
        (.cancelled, "⊘ cancelled", "- cancelled"),
        (.unknown("Paused By Admin"), "? Paused By Admin", "? Paused By Admin"),
    ]

    @Test("each status has its word and symbol, in UTF-8 and ASCII")
    func statusWords() {
        for (status, utf8, ascii) in Self.statuses {
            let job = Fixtures.job("j", status, minutesAgo: 3)
            #expect(JobRow(job: job, context: Self.context()).statusText == utf8)
            #expect(JobRow(job: job, context: Self.context(profile: .ascii)).statusText == ascii)
            #expect(JobRow(job: job, context: Self.context()).wireStatus == status.wireName)
        }
        #expect(
            JobRow(job: Fixtures.job("j", .failed, minutesAgo: 1), context: Self.context()).statusStyle.color == .red)
    }

    @Test("flags: each one alone, then all together most urgent first")
    func flags() {
        let now = Fixtures.now
        let cases: [(JobRow.EngineFacts, [String])] = [
            (.init(), []),
            (.init(cancel: .pending(requestedAt: now)), ["CANCEL REQUESTED"]),
            (.init(cancel: .sending(requestedAt: now)), ["CANCEL REQUESTED"]),
            (.init(cancel: .requested(CancelVerification(acceptedAt: now, pollLimit: 3))), ["CANCEL REQUESTED"]),
            (.init(cancel: .notHonoured(acceptedAt: now)), ["CANCEL NOT HONOURED"]),
            (.init(cancel: .failed("HTTP 500")), ["CANCEL FAILED: HTTP 500"]),
            (.init(gone: true), ["GONE"]),
            (.init(stalledFor: 14 * 60), ["STALLED 14m"]),
            (.init(overdue: true), ["OVERDUE"]),
            (.init(staleSince: now.addingTimeInterval(-120)), ["STALE 2m ago"]),
            (
                .init(
                    cancel: .requested(CancelVerification(acceptedAt: now, pollLimit: 3)), gone: true, stalledFor: 90,
                    overdue: true,
                    staleSince: now.addingTimeInterval(-30)),
                ["CANCEL REQUESTED", "GONE", "STALLED 1m30s", "OVERDUE", "STALE 30s ago"]
            ),
        ]
        let job = Fixtures.job("j", .processing, minutesAgo: 3)
        for (facts, expected) in cases {
            #expect(JobRow(job: job, facts: facts, context: Self.context()).flags == expected)
        }
    }

    @Test("a tracked job's flags come from the tracked job and the engine's answers")
    func trackedFlags() {
        var state = Fixtures.state(Fixtures.mixed)
        let tracked = state.engine["job_a1"]!
        #expect(JobRow(tracked, stalledFor: nil, isStale: false, context: state.rowContext).flags.isEmpty)
        #expect(
            JobRow(tracked, stalledFor: 600, isStale: true, context: state.rowContext).flags == [
                "STALLED 10m", "STALE just now",
            ])
        // Cancel the first row (job_b2, queued) and the dashboard's row says so.
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        _ = state.update(.key(.character("y"), at: state.now))
        #expect(state.jobRow(state.engine["job_b2"]!).flags == ["CANCEL REQUESTED"])
        // Ten hours later the running job is past its type's maximum duration.
        _ = state.update(.tick(state.now.addingTimeInterval(10 * 3600)))
        #expect(state.jobRow(state.engine["job_a1"]!).flags.contains("OVERDUE"))
    }

    @Test("times: created in each mode, elapsed stops at completion, ETA only while active")
    func times() {
        let running = Fixtures.job("r", .processing, minutesAgo: 3, eta: 95)
        #expect(JobRow(job: running, context: Self.context(.local)).created == "09:57:00")
        #expect(JobRow(job: running, context: Self.context(.utc)).created == "09:57:00Z")
        #expect(JobRow(job: running, context: Self.context(.relative)).created == "3m ago")
        // Started 2 s after creation: ELAPSED counts from the start (one origin, running or not).
        #expect(JobRow(job: running, context: Self.context()).elapsed == "2m58s")
        #expect(JobRow(job: running, context: Self.context()).eta == "~1m35s")
        // Created 40 minutes ago, started 2 s later, completed 20 minutes after creation.
        let done = Fixtures.job("d", .completed, minutesAgo: 40, eta: 95)
        #expect(JobRow(job: done, context: Self.context()).elapsed == "19m")
        #expect(JobRow(job: done, context: Self.context()).eta == "")
        var unknown = running
        unknown.createdAt = nil
        #expect(JobRow(job: unknown, context: Self.context()).created == "?")
        #expect(JobRow(job: unknown, context: Self.context()).elapsed == "2m58s")
        unknown.startedAt = nil
        #expect(JobRow(job: unknown, context: Self.context()).elapsed == "")
    }

    @Test("detail: the step, or the error message of a failed job")
    func detail() {
        let failed = Fixtures.job("f", .failed, minutesAgo: 5, step: "Reading", error: "context exceeded")
        #expect(JobRow(job: failed, context: Self.context()).detail == "context exceeded")
        let failedQuietly = Fixtures.job("f", .failed, minutesAgo: 5, step: "Reading")
        #expect(JobRow(job: failedQuietly, context: Self.context()).detail == "Reading")
        let running = Fixtures.job("r", .processing, minutesAgo: 5, step: "Scraping", error: "ignored")
        #expect(JobRow(job: running, context: Self.context()).detail == "Scraping")
    }

    @Test("the CLI's show, the details pane and the table use the same status words")
    func sameWordsEverywhere() {
        #expect(utf8LocaleReady)  // wcwidth needs the UTF-8 locale before the first sanitize
        for (status, utf8, _) in Self.statuses {
            let job = Fixtures.job("job_x", status, type: "research", minutesAgo: 3, step: "Step")
            let show = JobText.details(job, width: 80, profile: .utf8, zone: Self.utc, now: Fixtures.now)
            #expect(show.contains("status        \(utf8)"), "show: \(status)")
            let table = DashboardRenderer.render(Fixtures.state([job], width: 100, height: 12)).text
            // The status column is 12 wide: a long unknown status is cut ("? Paused By…").
            #expect(table.contains("▸ \(utf8.prefix(10))"), "table: \(status)")
            var details = Fixtures.state([job], width: 100, height: 30)
            _ = details.update(.key(.enter, at: details.now))
            #expect(DashboardRenderer.render(details).text.contains("status        \(utf8)"), "details: \(status)")
        }
    }

    @Test("the CLI's list shows the server's status name and the row's step, error and elapsed time")
    func listUsesTheRow() {
        let jobs = [
            Fixtures.job("job_r", .processing, minutesAgo: 3, step: "Scraping page 2"),
            Fixtures.job("job_f", .failed, minutesAgo: 40, step: "Reading", error: "LLM context length exceeded"),
        ]
        let lines = JobText.table(jobs, width: 120, profile: .utf8, zone: Self.utc, now: Fixtures.now)
        #expect(lines[1].contains("job_r processing"))
        #expect(lines[1].contains("Scraping page 2"))
        #expect(lines[1].hasSuffix("2m58s"))  // from started_at, 2 s after creation
        #expect(lines[2].contains("LLM context length exceeded"))
        #expect(lines[2].hasSuffix("19m"))
    }
}

@Suite("CLI text")
struct JobTextTests {
    @Test("list at 60, 100 and 160 columns, with wide and hostile strings", arguments: [60, 100, 160])
    func listGolden(width: Int) throws {
        #expect(utf8LocaleReady)
        let lines = JobText.table(
            Fixtures.mixed, width: width, profile: .utf8, zone: LocalZone.utc, now: Fixtures.now)
        let frame = Frame(
            width: 0, height: lines.count,
            rows: lines.map { FrameRow(spans: [Span(text: $0, width: TerminalText.width($0))]) })
        try DashboardFrameTests().check("list-\(width)", frame)
    }
}
