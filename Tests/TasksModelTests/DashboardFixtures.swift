import Foundation

@testable import TasksModel

/// wcwidth needs a UTF-8 LC_CTYPE; set once for the whole test process.
let utf8LocaleReady: Bool = TerminalText.useUTF8Locale()

enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_767_225_600 + 3600 * 10)  // 2026-01-01 10:00:00Z

    /// A dashboard holding `jobs`, as if one list response had arrived at `now`.
    static func state(
        _ jobs: [Job], width: Int = 80, height: Int = 24, readOnly: Bool = false, profile: TextProfile = .utf8
    ) -> DashboardState {
        precondition(utf8LocaleReady)
        var engine = PollingEngine(start: now.addingTimeInterval(-1))
        _ = engine.update(.tick(now.addingTimeInterval(-1)))
        _ = engine.update(
            .completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: jobs))), at: now))
        var state = DashboardState(
            options: .init(
                serverLabel: "api.example.com", demo: false, readOnly: readOnly, profile: profile,
                timeZone: LocalZone.utc),
            engine: engine, now: now)
        _ = state.update(.resize(width: width, height: height))
        return state
    }

    static func job(
        _ id: String, _ status: JobStatus, type: String = "scraping", title: String? = nil, minutesAgo: Double,
        percentage: Double = 0, step: String? = nil, eta: Double? = nil, error: String? = nil
    ) -> Job {
        let created = now.addingTimeInterval(-minutesAgo * 60)
        return Job(
            id: JobID(id), status: status, type: type, title: title, createdAt: created,
            startedAt: created.addingTimeInterval(2),
            completedAt: status.isFinal ? created.addingTimeInterval(minutesAgo * 30) : nil,
            progress: JobProgress(percentage: percentage, currentStep: step, estimatedSecondsRemaining: eta),
            error: error.map { JobError(message: $0, details: ["code": 7]) })
    }

    static let hostile =
        "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{1B}[0m\r\n\t\u{08}\u{7F}\u{9B}2J\u{202E}evil\u{2066}\u{200B}x"

    /// A mix of ordinary, wide and hostile rows.
    static var mixed: [Job] {
        [
            job(
                "job_a1", .processing, type: "store_scraping", title: "acme-store.com catalogue", minutesAgo: 3,
                percentage: 42, step: "Scraping page 17 of 40", eta: 95),
            job(
                "job_b2", .queued, type: "video_generation", title: "Launch teaser 15s", minutesAgo: 1,
                step: "Waiting in queue"),
            job(
                "job_c3", .completed, type: "bulk_ad_generation", title: "Spring sale carousel", minutesAgo: 40,
                percentage: 100, step: "Done"),
            job(
                "job_d4", .failed, type: "research", title: "Competitor landscape", minutesAgo: 25, percentage: 30,
                step: "Reading reviews", error: "LLM context length exceeded"),
            job("job_e5", .cancelled, type: "avatar_video", minutesAgo: 12, percentage: 25, step: "Lip-sync pass"),
            job(
                "job_wide", .processing, type: "결제-서비스",
                title:
                    "世蓮 日本語のタイトル 👩‍🔧 ❤️ e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30A}\u{30B}\u{30C}\u{30D}\u{30E}\u{30F}\u{310}\u{311}\u{312}\u{313}\u{314}",
                minutesAgo: 5, percentage: 60, step: "生成中 3/7 🎬"),
            job(
                "job_evil", .processing, type: hostile, title: hostile, minutesAgo: 2, percentage: 10,
                step: hostile + String(repeating: "A", count: 5000)),
            job(
                "job_paused", .unknown("Paused By Admin"), type: "strategic_analysis", minutesAgo: 50, percentage: 67,
                step: "Module 5 of 6: Risk review"),
        ]
    }
}

extension DashboardState {
    /// The loop's step after a paint: the frame `render` draws now is on the terminal.
    @discardableResult
    mutating func paint() -> [DashboardEffect] { update(.painted(DashboardRenderer.render(self).jobs)) }
}
