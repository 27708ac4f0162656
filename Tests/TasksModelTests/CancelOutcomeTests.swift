import Foundation
import Testing

@testable import TasksModel

/// Issue #13: only a deliberate answer confirms, a cancel goes out at once,
/// and every outcome has its own true words.
@Suite("Cancel: deliberate answers and true outcomes")
struct CancelOutcomeTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// One active job "c" whose cancel the server answers with `answer`; the job reads as `status(now)`.
    func harness(
        _ answer: @escaping (Date) -> Result<CancelAcceptance, APIError>,
        status: @escaping (Date) -> JobStatus = { _ in .processing }
    ) -> (EngineHarness, FakeJobsServer) {
        let server = FakeJobsServer()
        let start = self.start
        server.add("c") { now in
            var job = activeJob("c", type: "scraping", created: start)
            job.status = status(now)
            return job
        }
        server.onCancel = { _, now in answer(now) }
        var harness = EngineHarness(server: server)
        harness.run(until: 3)
        return (harness, server)
    }

    func outcomes(_ harness: EngineHarness) -> [CancelOutcome] {
        harness.notices.compactMap { notice in
            if case .cancelOutcome("c", _, let outcome) = notice.kind { return outcome }
            return nil
        }
    }

    @Test(
        "timeout, reset, 5xx and an unreadable 2xx are 'outcome unknown', never 'NOT sent'; the job stays polled",
        arguments: [
            APIError.timeout(seconds: 10), .transport("connection reset by peer"),
            .server(status: 502, message: "bad gateway", retryAfter: nil), .decode("not JSON: Accepted"),
        ])
    func unknownOutcome(_ error: APIError) {
        var (harness, server) = harness { _ in .failure(error) }
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 4)
        #expect(outcomes(harness) == [.outcomeUnknown(error.description)])
        #expect(harness.notices.allSatisfy { !$0.text.contains("NOT sent") })
        #expect(harness.notices.contains { $0.text.contains("the server may have cancelled it; watching") })
        #expect(harness.engine["c"]!.cancel == .unknown(error.description))
        // Watched: read again, and `c` may send it again.
        let reads = server.requests { $0 == .job(id: "c") }.count
        harness.run(until: 40)
        #expect(server.requests { $0 == .job(id: "c") }.count > reads)
        #expect(harness.engine.cancelRefusal(for: "c") == nil)
    }

    @Test("an unknown outcome is settled by the next read that shows the job cancelled")
    func unknownThenConfirmed() {
        var cancelled = false
        var (harness, _) = harness(
            { _ in
                cancelled = true
                return .failure(.timeout(seconds: 10))
            }, status: { _ in cancelled ? .cancelled : .processing })
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 40)
        #expect(outcomes(harness).last == .cancelled)
        #expect(harness.engine["c"]?.cancel ?? CancelState.none == CancelState.none)
    }

    @Test("a 403 on cancel is that action's refusal: polling goes on, the connection is not unauthorized")
    func forbidden() {
        var (harness, server) = harness { _ in .failure(.unauthorized(status: 403)) }
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 4)
        #expect(outcomes(harness) == [.forbidden])
        if case .unauthorized = harness.engine.connection { Issue.record("the 403 stopped the dashboard") }
        let lists = server.requests(\.isRefresh).count
        harness.run(until: 70)
        #expect(server.requests(\.isRefresh).count > lists)
    }

    @Test("a 403 footer names the host: 'not allowed to cancel … on <host>'")
    func forbiddenFooter() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        let sent = state.update(.key(.character("y"), at: state.now))
        #expect(sent.requests == [.cancel(id: "j")])
        let effects = state.update(
            .engine(.completed(.cancel(id: "j"), .cancel(.failure(.unauthorized(status: 403))), at: state.now)))
        #expect(effects.contains(.audit(jobID: "j", type: "scraping", outcome: .forbidden)))
        #expect(state.message?.text == "not allowed to cancel j on api.example.com (403); polling goes on")
        if case .unauthorized = state.engine.connection { Issue.record("the 403 stopped polling") }
    }

    @Test("another 4xx or a 429 is 'refused by the server'")
    func refused() {
        var (harness, _) = harness { _ in .failure(.server(status: 422, message: "nope", retryAfter: nil)) }
        harness.send(.cancel(id: "c", at: harness.now))
        harness.run(until: 4)
        guard case .refused? = outcomes(harness).first else {
            Issue.record("expected refused, got \(outcomes(harness))")
            return
        }
    }

    @Test("a cancel confirmed while paused goes out at once, and is confirmed by the list")
    func sentWhilePaused() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        _ = state.update(.key(.character("p"), at: state.now))
        #expect(state.engine.paused)
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        let effects = state.update(.key(.character("y"), at: state.now))
        #expect(effects.requests == [.cancel(id: "j")])
        #expect(state.message?.text.hasPrefix("cancel of j (scraping) sent") == true)
        _ = state.update(
            .engine(
                .completed(
                    .cancel(id: "j"), .cancel(.success(CancelAcceptance(status: 202, job: nil))), at: state.now)))
        // The list (not a single read) brings it back cancelled: settled, audited, never left "requested".
        var job = Fixtures.job("j", .cancelled, minutesAgo: 5)
        job.completedAt = state.now
        let listed = state.update(
            .engine(
                .completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: [job]))), at: state.now)))
        #expect(listed.contains(.audit(jobID: "j", type: "scraping", outcome: .cancelled)))
        #expect(state.engine["j"]?.cancel ?? CancelState.none == CancelState.none)
    }

    @Test("quitting with a cancel unanswered audits 'outcome unknown: quit before the answer'")
    func quitInFlight() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        _ = state.update(.key(.character("c"), at: state.now))
        _ = state.paint()
        _ = state.update(.key(.character("y"), at: state.now))
        #expect(state.cancelsInFlight == 1)
        let effects = state.abandonCancelsInFlight()
        #expect(
            effects.contains(
                .audit(jobID: "j", type: "scraping", outcome: .outcomeUnknown("quit before the answer"))))
        #expect(state.cancelsInFlight == 0)
    }

    @Test("keys typed ahead of the dialog's first paint are no answer; the dialog flushes input when it opens")
    func typeAhead() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        var effects: [DashboardEffect] = []
        for key in "policy" { effects += state.update(.key(.character(key), at: state.now)) }
        #expect(effects.requests.isEmpty)
        #expect(effects.contains(.flushInput))
        guard case .confirmCancel(let target)? = state.prompt else {
            Issue.record("the dialog should still be open, unanswered")
            return
        }
        #expect(target.id == "j" && target.status == .processing && target.server == "api.example.com")
        // Painted: now y is a deliberate answer.
        _ = state.paint()
        #expect(state.update(.key(.character("y"), at: state.now)).requests == [.cancel(id: "j")])
    }

    @Test("pasted text is never read as keys: it goes into the search prompt, or nowhere")
    func paste() {
        var state = Fixtures.state([Fixtures.job("j", .processing, minutesAgo: 5)])
        for text in ["policy", "cy", "xcyz", "c\ny\r"] {
            let effects = state.update(.paste(text))
            #expect(effects.requests.isEmpty)
            #expect(state.prompt == nil && !state.engine.paused)
        }
        _ = state.update(.key(.character("/"), at: state.now))
        _ = state.update(.paste("sc\u{1B}[2Jr\nap"))
        #expect(state.prompt == .search(draft: "sc[2Jrap", previous: ""))
    }

    @Test("the dialog names the job and the server")
    func dialogNamesJobAndServer() {
        var state = Fixtures.state(
            [Fixtures.job("j", .processing, title: "nightly", minutesAgo: 5, percentage: 40)], width: 100, height: 30)
        state.options.profileName = "prod"
        _ = state.update(.key(.character("c"), at: state.now))
        let text = DashboardRenderer.render(state).text
        for part in ["j", "scraping", "nightly", "processing", "5m", "40%", "api.example.com (profile prod)"] {
            #expect(text.contains(part), "\(part)")
        }
    }
}

@Suite("Cancel: one classification for every front end")
struct CancelOutcomeClassificationTests {
    @Test(
        "CancelOutcome.answered gives the dashboard and `tasks-tui cancel` the same words",
        arguments: [
            (APIError.timeout(seconds: 5), "sent, outcome unknown"), (.transport("reset"), "sent, outcome unknown"),
            (.server(status: 503, message: "x", retryAfter: nil), "sent, outcome unknown"),
            (.decode("Accepted"), "sent, outcome unknown"), (.unauthorized(status: 403), "refused: not allowed (403)"),
            (.unauthorized(status: 401), "refused by the server"), (.conflict("done"), "already finished (409)"),
            (.notFound("j"), "unknown job (404)"), (.invalidRequest("bad id"), "request not sent: bad id"),
            (.server(status: 422, message: "no", retryAfter: nil), "refused by the server"),
        ])
    func answered(_ error: APIError, _ words: String) {
        #expect(CancelOutcome.answered(error).description.hasPrefix(words))
    }
}
