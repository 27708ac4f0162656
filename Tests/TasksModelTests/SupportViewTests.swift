import Foundation
import Testing

@testable import TasksModel

@Suite("The support view: only jobs that need a human, worst first")
struct SupportViewTests {
    @Test("! shows exactly the jobs needing attention, worst first; the header counts them whatever the filter")
    func supportView() {
        let now = Fixtures.now
        var stalled = Fixtures.job("stalled", .processing, type: "research", minutesAgo: 20, percentage: 30)
        stalled.updatedAt = now.addingTimeInterval(-15 * 60)
        stalled.startedAt = nil
        var overdue = Fixtures.job("overdue", .processing, type: "scraping", minutesAgo: 30, percentage: 50)
        overdue.updatedAt = now
        let recentFail = Fixtures.job("recentfail", .failed, type: "research", minutesAgo: 25, error: "boom")
        let oldFail = Fixtures.job("oldfail", .failed, type: "research", minutesAgo: 300, error: "old")
        var fine = Fixtures.job("fine", .processing, type: "research", minutesAgo: 2, percentage: 10)
        fine.updatedAt = now
        let done = Fixtures.job("done", .completed, minutesAgo: 10)
        var state = Fixtures.state([stalled, overdue, recentFail, oldFail, fine, done], width: 120, height: 20)
        #expect(state.statistics.attention == 3)
        #expect(DashboardRenderer.render(state).text.contains("⚠ 3 need attention"))
        _ = state.update(.key(.character("!"), at: now))
        #expect(state.supportView)
        #expect(state.visible == ["stalled", "overdue", "recentfail"])
        // The filter does not change the count.
        _ = state.update(.key(.character("!"), at: now))
        _ = state.update(.key(.character("f"), at: now))  // active
        #expect(DashboardRenderer.render(state).text.contains("⚠ 3 need attention"))
        #expect(!state.visible.contains("recentfail"))
    }
}
