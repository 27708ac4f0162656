import Foundation
import Testing

@testable import TasksModel

@Suite("Dashboard effects are values: update returns what the loop must do")
struct DashboardEffectTests {
    /// A key pressed by a user looking at the screen: the loop paints after it.
    func press(_ state: inout DashboardState, _ key: Key) -> [DashboardEffect] {
        let effects = state.update(.key(key, at: state.now))
        _ = state.paint()
        return effects
    }

    @Test("q and Ctrl-C return a quit effect, Ctrl-L and a resize a repaint; nothing else")
    func quitAndRedraw() {
        var state = Fixtures.state(Fixtures.mixed)
        #expect(press(&state, .character("q")) == [.quit])
        #expect(press(&state, .control("c")) == [.quit])
        #expect(press(&state, .control("l")) == [.clearScreen])
        #expect(state.update(.resize(width: 100, height: 30)) == [.clearScreen])
        #expect(press(&state, .down).isEmpty)
    }

    @Test("a confirmed cancel returns the request and a footer; the state holds the same footer")
    func confirmedCancel() {
        var state = Fixtures.state([Fixtures.mixed[0]])
        // Opening the dialog discards keys typed ahead of it; nothing else.
        #expect(press(&state, .character("c")) == [.flushInput])
        let effects = press(&state, .character("y"))
        #expect(effects.requests == [.cancel(id: "job_a1")])
        let footer = FooterMessage(
            text: "cancel of job_a1 (store_scraping) sent; waiting for the server", at: state.now, severity: .info)
        #expect(effects.contains(.footer(footer)))
        #expect(state.message == footer)
        #expect(!effects.contains { if case .audit = $0 { true } else { false } })
    }

    @Test("a read-only refusal returns an audit effect with its outcome and a warning footer")
    func readOnlyRefusal() {
        var state = Fixtures.state(Fixtures.mixed, readOnly: true)
        let id = state.selectedID!
        let effects = press(&state, .character("c"))
        #expect(state.prompt == nil && effects.requests.isEmpty)
        #expect(
            effects.contains(
                .audit(jobID: id, type: state.engine[id]!.job.type, outcome: .notSent("refused: read-only"))))
        #expect(effects.contains(.log("refused: read-only")))
        #expect(footer(effects)?.severity == .warning)
    }

    @Test("a refusal decided by the engine: a gone job warns and is audited, a finished one informs")
    func engineRefusals() {
        var state = Fixtures.state([Fixtures.mixed[0]])
        _ = state.update(
            .engine(.completed(.job(id: "job_a1"), .job(.failure(.notFound("job job_a1"))), at: state.now)))
        var effects = press(&state, .character("c"))
        #expect(state.prompt == nil && effects.requests.isEmpty)
        #expect(
            effects.contains(.audit(jobID: "job_a1", type: "store_scraping", outcome: .notSent("not sent: gone (404)")))
        )
        #expect(
            footer(effects)
                == FooterMessage(text: CancelRefusal.gone.text(id: "job_a1"), at: state.now, severity: .warning))

        state = Fixtures.state([Fixtures.mixed[2]])
        effects = press(&state, .character("c"))
        #expect(state.prompt == nil && effects.requests.isEmpty)
        #expect(
            effects.contains(
                .audit(jobID: "job_c3", type: "bulk_ad_generation", outcome: .notSent("not sent: already completed"))))
        #expect(footer(effects)?.severity == .info)
    }

    @Test(
        "engine notices become log lines, cancel outcomes audit entries, and the footer's severity follows the outcome")
    func engineNotices() {
        var state = Fixtures.state([Fixtures.mixed[0]])
        _ = press(&state, .character("c"))
        let sent = press(&state, .character("y"))
        #expect(sent.requests == [.cancel(id: "job_a1")])
        let refused = state.update(
            .engine(.completed(.cancel(id: "job_a1"), .cancel(.failure(.conflict("already done"))), at: state.now)))
        #expect(refused.contains(.audit(jobID: "job_a1", type: "store_scraping", outcome: .alreadyFinished)))
        #expect(refused.contains(.log("cannot cancel job_a1: already done")))
        #expect(footer(refused)?.severity == .warning)
        #expect(state.message?.severity == .warning)
    }

    func footer(_ effects: [DashboardEffect]) -> FooterMessage? {
        effects.compactMap { effect in
            if case .footer(let message) = effect { message } else { nil }
        }.last
    }
}
