import Foundation
import Testing

@testable import TasksModel

@Suite("dashboard truth: gone jobs, a 401, the help")
struct DashboardTruthTests {
    @Test("a GONE job is counted apart, not as processing")
    func goneCountedApart() {
        var state = Fixtures.state([Fixtures.mixed[0]], width: 120, height: 30)
        #expect(state.statistics.byStatus[.processing] == 1)
        _ = state.update(
            .engine(.completed(.job(id: "job_a1"), .job(.failure(.notFound("job job_a1"))), at: state.now)))
        state.refreshVisibleIfNeeded()
        #expect(state.statistics.byStatus[.processing] == nil)
        #expect(state.statistics.gone == 1)
        let header = DashboardRenderer.render(state).rows[1].spans.map(\.text).joined()
        #expect(header.contains("1 gone"), "\(header)")
        #expect(!header.contains("processing"), "\(header)")
    }

    @Test("after a 401 the table says why nothing comes, and the header has no empty segment")
    func unauthorizedSaysSo() {
        precondition(utf8LocaleReady)
        var engine = PollingEngine(start: Fixtures.now.addingTimeInterval(-1))
        _ = engine.update(.tick(Fixtures.now.addingTimeInterval(-1)))
        _ = engine.update(
            .completed(.list(status: .all, limit: 50), .list(.failure(.unauthorized(status: 401))), at: Fixtures.now))
        for (width, height) in [(80, 24), (120, 40)] {
            var state = DashboardState(
                options: .init(
                    serverLabel: "api.example.com", demo: false, readOnly: false, profile: .utf8,
                    timeZone: LocalZone.utc),
                engine: engine, now: Fixtures.now)
            _ = state.update(.resize(width: width, height: height))
            let text = DashboardRenderer.render(state).text
            #expect(!text.contains("waiting for the first list"), "\(text)")
            #expect(text.contains("unauthorized"), "\(text)")
            #expect(text.contains("polling stopped"), "\(text)")
            #expect(!text.contains("│  │") && !text.contains("│ │"), "\(text)")
            #expect(!text.contains("0 newest:"), "\(text)")
        }
    }

    @Test("the help explains GONE and the narrow counts, and wraps instead of cutting", arguments: [80, 60])
    func helpExplains(width: Int) {
        var state = Fixtures.state(Fixtures.mixed, width: width, height: 60)
        _ = state.update(.key(.character("?"), at: state.now))
        let frame = DashboardRenderer.render(state)
        let text = frame.text
        #expect(text.contains("GONE"), "\(text)")
        #expect(text.contains("◌ queued") && text.contains("▶ processing"), "\(text)")
        // The help body (the header may cut its counts): nothing cut with an ellipsis.
        let body = frame.rows[2..<(frame.rows.count - 2)].map { $0.spans.map(\.text).joined() }
        #expect(!body.contains { $0.contains("…") }, "\(text)")
        #expect(text.contains("counted apart"), "\(text)")
    }

    @Test("at 80x24 the help scrolls: j, PgDn and G reach its last line, k and g come back")
    func helpScrolls() {
        var state = Fixtures.state(Fixtures.mixed, width: 80, height: 24)
        _ = state.update(.key(.character("?"), at: state.now))
        var text = DashboardRenderer.render(state).text
        #expect(!text.contains("Network errors never show as failed jobs") && text.contains("more lines"), "\(text)")
        _ = state.update(.key(.character("j"), at: state.now))
        #expect(state.helpScroll == 1)
        _ = state.update(.key(.character("G"), at: state.now))
        text = DashboardRenderer.render(state).text
        #expect(text.contains("Network errors never show as failed jobs") && !text.contains("more lines"), "\(text)")
        let last = state.helpScroll
        _ = state.update(.key(.pageDown, at: state.now))
        #expect(state.helpScroll == last, "clamped at the end")
        _ = state.update(.key(.character("k"), at: state.now))
        #expect(state.helpScroll == last - 1, "k moves at once after G")
        _ = state.update(.key(.character("g"), at: state.now))
        #expect(state.helpScroll == 0)
        _ = state.update(.key(.character("x"), at: state.now))
        #expect(state.screen == .table)
        _ = state.update(.key(.character("?"), at: state.now))
        #expect(state.helpScroll == 0, "opened again at the top")
    }
}
