import Foundation
import Testing

@testable import TasksModel

/// The one rule the engine and `tasks-tui cancel` both follow after a cancel is accepted.
@Suite("Cancel verification")
struct CancelVerificationTests {
    let accepted = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("a read that says cancelled confirms it, on any read")
    func confirmed() {
        var verification = CancelVerification(acceptedAt: accepted, pollLimit: 3)
        #expect(verification.observe(.processing) == nil)
        #expect(verification.observe(.cancelled) == .confirmed)
        #expect(verification.polls == 2)
    }

    @Test("still active after the allowed reads is 'not honoured', and not one read sooner")
    func notHonoured() {
        for limit in [1, 3, 5] {
            var verification = CancelVerification(acceptedAt: accepted, pollLimit: limit)
            for _ in 1..<limit { #expect(verification.observe(.processing) == nil) }
            #expect(verification.observe(.queued) == .notHonoured(polls: limit))
        }
        // An unknown status may still be running: it counts as active.
        var verification = CancelVerification(acceptedAt: accepted, pollLimit: 1)
        #expect(verification.observe(.unknown("paused")) == .notHonoured(polls: 1))
    }

    @Test("completed or failed first is 'finished as', even on the last allowed read")
    func finishedOtherwise() {
        var verification = CancelVerification(acceptedAt: accepted, pollLimit: 2)
        #expect(verification.observe(.processing) == nil)
        #expect(verification.observe(.completed) == .finishedAs(.completed))
        var failing = CancelVerification(acceptedAt: accepted, pollLimit: 3)
        #expect(failing.observe(.failed) == .finishedAs(.failed))
    }

    @Test("a status seen outside the reads settles only when final, and is not counted")
    func settledByOutsideStatus() {
        let verification = CancelVerification(acceptedAt: accepted, pollLimit: 3)
        #expect(verification.settled(by: nil) == nil)
        #expect(verification.settled(by: .processing) == nil)
        #expect(verification.settled(by: .cancelled) == .confirmed)
        #expect(verification.settled(by: .failed) == .finishedAs(.failed))
        #expect(verification.polls == 0)
    }

    @Test("a limit below one still allows one read")
    func limitAtLeastOne() {
        var verification = CancelVerification(acceptedAt: accepted, pollLimit: 0)
        #expect(verification.pollLimit == 1)
        #expect(verification.observe(.processing) == .notHonoured(polls: 1))
    }

    @Test("the engine judges with the same rule: not honoured after cancelVerifyPolls polls")
    func engineUsesTheLimit() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let server = FakeJobsServer()
        server.add(activeJob("s", type: "scraping", created: start))
        server.onCancel = { _, _ in .success(CancelAcceptance(status: 202, job: nil)) }
        var configuration = EngineConfiguration()
        configuration.cancelVerifyPolls = 2
        var harness = EngineHarness(configuration: configuration, server: server)
        harness.run(until: 1)
        harness.send(.cancel(id: "s", at: harness.now))
        harness.run(until: 30)
        guard case .notHonoured = harness.engine["s"]!.cancel else {
            Issue.record("expected not honoured, got \(harness.engine["s"]!.cancel)")
            return
        }
        #expect(harness.notices.contains { $0.text == "job s still processing after 2 polls: cancel NOT honoured" })
    }
}
