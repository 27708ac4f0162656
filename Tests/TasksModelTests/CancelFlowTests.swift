import Foundation
import Testing

@testable import TasksModel

/// `tasks-tui cancel`'s lifecycle as a pure state machine (`CancelFlow`),
/// tested like the dashboard: scripted answers in, effects out; and against
/// the dashboard's engine on the same scripted server, so the two front ends
/// write the same audit lines in the same order.
@Suite("The cancel command's state machine")
struct CancelFlowTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)
    static let setup = CancelFlow.Setup(
        readOnly: false, yes: true, canAsk: false, configuration: EngineConfiguration(), seed: 7)

    static func job(_ status: JobStatus, type: String = "research") -> Job {
        var job = activeJob("c", type: type, created: start)
        job.status = status
        return job
    }

    /// The audit outcomes and the ending of a flow driven by `answers`, a
    /// function from the effect to perform to the event it produces (nil: stop).
    static func drive(
        _ setup: CancelFlow.Setup = setup, _ answers: (CancelFlow.Effect) -> CancelFlow.Event?
    ) -> (audit: [CancelOutcome], effects: [CancelFlow.Effect], flow: CancelFlow) {
        var flow = CancelFlow(jobID: "c", setup: setup)
        var pending = flow.next(.start)
        var all: [CancelFlow.Effect] = []
        var steps = 0
        while !pending.isEmpty, steps < 1000 {
            steps += 1
            let effect = pending.removeFirst()
            all.append(effect)
            if let event = answers(effect) { pending += flow.next(event) }
        }
        let audit = all.compactMap { if case .audit(let outcome) = $0 { outcome } else { nil } }
        return (audit, all, flow)
    }

    /// Records an issue for any effect that reaches the server or the user.
    static func refuseTheWorld(_ effect: CancelFlow.Effect) -> CancelFlow.Event? {
        switch effect {
        case .read, .ask, .send, .poll: Issue.record("\(effect) when nothing may be asked or sent")
        case .audit, .progress, .finish: break
        }
        return nil
    }

    @Test("nothing is read or sent when read-only, or when it cannot ask and --yes is absent")
    func refusedBeforeReading() {
        var readOnly = Self.setup
        readOnly.readOnly = true
        let refused = Self.drive(readOnly) { Self.refuseTheWorld($0) }
        #expect(refused.effects == [.audit(.readOnly), .finish(.readOnly)])
        var noTerminal = Self.setup
        noTerminal.yes = false
        let unasked = Self.drive(noTerminal) { Self.refuseTheWorld($0) }
        #expect(unasked.effects == [.audit(.noTerminal), .finish(.noTerminal)])
    }

    @Test("only y or yes sends; a finished job and an unreadable one are refused with nothing sent")
    func askingAndReading() {
        var asking = Self.setup
        asking.yes = false
        asking.canAsk = true
        for (answer, sends) in [("y", true), ("yes", true), ("", false), ("Y ", false), ("n", false), ("yy", false)] {
            let run = Self.drive(asking) { effect in
                switch effect {
                case .read: .read(.success(Self.job(.processing)))
                case .ask: .answered(answer)
                case .send: .sent(.failure(.conflict("done")), at: Self.start)
                default: nil
                }
            }
            #expect(run.effects.contains(.send) == sends, "answer \(answer.debugDescription)")
            if !sends { #expect(run.audit == [.declined]) }
        }
        let finished = Self.drive { effect in effect == .read ? .read(.success(Self.job(.completed))) : nil }
        #expect(!finished.effects.contains(.send))
        #expect(finished.audit == [CancelRefusal.notActive(.completed).auditOutcome!])
        #expect(finished.flow.ending == .alreadyFinal(.completed))
        let unread = Self.drive { effect in effect == .read ? .read(.failure(.transport("refused"))) : nil }
        #expect(!unread.effects.contains(.send))
        #expect(unread.audit == [.unread(.transport("refused"))])
    }

    @Test("accepted, then verified: one audit line for the acceptance, one for how it ended")
    func acceptedThenVerified() {
        var reads = 0
        let run = Self.drive { effect in
            switch effect {
            case .read: return .read(.success(Self.job(.processing)))
            case .send: return .sent(.success(CancelAcceptance(status: 202, job: nil)), at: Self.start)
            case .poll:
                reads += 1
                // A server that changes the job's type: the audit keeps the type the user was shown.
                return .polled(.success(Self.job(reads < 2 ? .processing : .cancelled, type: "other")))
            default: return nil
            }
        }
        #expect(run.audit == [.accepted, .cancelled])
        #expect(run.flow.ending == .cancelled)
        #expect(run.flow.type == "research")
        #expect(run.effects.filter { if case .progress = $0 { true } else { false } }.count == 2)
        #expect(run.effects.last == .finish(.cancelled))
    }

    @Test("a 200 that carries the job cancelled settles at once: no acceptance line, no reads")
    func acceptanceCarriesTheJob() {
        let run = Self.drive { effect in
            switch effect {
            case .read: .read(.success(Self.job(.processing)))
            case .send: .sent(.success(CancelAcceptance(status: 200, job: Self.job(.cancelled))), at: Self.start)
            default: nil
            }
        }
        #expect(run.audit == [.cancelled])
        #expect(!run.effects.contains { if case .poll = $0 { true } else { false } })
    }

    @Test(
        "a cancel the server ignores is not honoured after the configured reads; a read failing for good is not confirmed"
    )
    func ignoredAndUnconfirmed() {
        let ignored = Self.drive { effect in
            switch effect {
            case .read, .poll:
                effect == .read ? .read(.success(Self.job(.processing))) : .polled(.success(Self.job(.processing)))
            case .send: .sent(.success(CancelAcceptance(status: 202, job: nil)), at: Self.start)
            default: nil
            }
        }
        let polls = EngineConfiguration().cancelVerifyPolls
        #expect(ignored.audit == [.accepted, .notHonoured])
        #expect(ignored.flow.ending == .notHonoured(polls: polls, acceptedWith: 202, status: .processing))
        // A transient failure is a read that saw nothing new; a 401 ends following.
        var reads = 0
        let unconfirmed = Self.drive { effect in
            switch effect {
            case .read: return .read(.success(Self.job(.processing)))
            case .send: return .sent(.success(CancelAcceptance(status: 202, job: nil)), at: Self.start)
            case .poll:
                reads += 1
                return .polled(.failure(reads == 1 ? .transport("reset") : .unauthorized(status: 401)))
            default: return nil
            }
        }
        #expect(
            unconfirmed.audit == [.accepted, .acceptedNotConfirmed(APIError.unauthorized(status: 401).description)])
        #expect(unconfirmed.flow.ending == .notConfirmed(.unauthorized(status: 401)))
    }

    @Test("a failed cancel request is classified as the dashboard does: 409, 403, missing route, unknown outcome")
    func sendFailures() {
        let cases: [(APIError, CancelOutcome)] = [
            (.conflict("done"), .alreadyFinished),
            (.timeout(seconds: 30), .outcomeUnknown(APIError.timeout(seconds: 30).description)),
            (.server(status: 405, message: "no route", retryAfter: nil), .refused("no cancel endpoint (405)")),
            (.server(status: 404, message: "no route", retryAfter: nil), .refused("no cancel endpoint (404)")),
        ]
        for (error, outcome) in cases {
            let run = Self.drive { effect in
                switch effect {
                case .read: .read(.success(Self.job(.processing)))
                case .send: .sent(.failure(error), at: Self.start)
                default: nil
                }
            }
            #expect(run.audit == [outcome], "\(error)")
            #expect(run.flow.ending == .sendFailed(error, outcome: outcome))
        }
    }

    /// Random answers, at every point: the flow sends at most once, never
    /// without a confirmation or `--yes`, never when read-only; it ends exactly
    /// once, with an audit line just before; "accepted" is only ever followed
    /// by the line of how it ended.
    @Test("random answers: at most one send, only when allowed; one ending, audited")
    func randomAnswers() {
        let statuses: [JobStatus] = [.queued, .processing, .completed, .failed, .cancelled, .unknown("paused")]
        let errors: [APIError] = [
            .transport("reset"), .timeout(seconds: 5), .conflict("c"), .notFound("n"), .unauthorized(status: 401),
            .server(status: 503, message: "busy", retryAfter: 2), .server(status: 405, message: "m", retryAfter: nil),
        ]
        var random = SeededRandom(seed: 25)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        for _ in 0..<500 {
            let setup = CancelFlow.Setup(
                readOnly: random.next() % 5 == 0, yes: random.next() % 2 == 0, canAsk: random.next() % 3 != 0,
                configuration: EngineConfiguration(), seed: random.next())
            var answer = ""
            let run = Self.drive(setup) { effect in
                switch effect {
                case .read:
                    return .read(random.next() % 4 == 0 ? .failure(pick(errors)) : .success(Self.job(pick(statuses))))
                case .ask:
                    answer = pick(["y", "yes", "n", "", "no", "Y"])
                    return .answered(answer)
                case .send:
                    let carried: Job? = random.next() % 3 == 0 ? Self.job(pick(statuses)) : nil
                    return .sent(
                        random.next() % 4 == 0
                            ? .failure(pick(errors)) : .success(CancelAcceptance(status: 202, job: carried)),
                        at: Self.start)
                case .poll:
                    return .polled(random.next() % 3 == 0 ? .failure(pick(errors)) : .success(Self.job(pick(statuses))))
                default: return nil
                }
            }
            let sends = run.effects.filter { $0 == .send }.count
            #expect(sends <= 1)
            if setup.readOnly || (!setup.yes && !setup.canAsk) { #expect(sends == 0) }
            if sends == 1, !setup.yes { #expect(answer == "y" || answer == "yes") }
            let finishes = run.effects.indices.filter { if case .finish = run.effects[$0] { true } else { false } }
            #expect(finishes == [run.effects.count - 1])
            if let last = finishes.last {
                #expect(last > 0 && { if case .audit = run.effects[last - 1] { true } else { false } }())
            }
            #expect(run.audit.count <= 2)
            if run.audit.count == 2 { #expect(run.audit[0] == .accepted && run.audit[1] != .accepted) }
            var after = run.flow
            #expect(after.next(.polled(.success(Self.job(.cancelled)))).isEmpty)
        }
    }

    /// The same scripted server answers the engine (as the dashboard drives it) and
    /// the flow (as `tasks-tui cancel` does): the audit outcomes are the same, in order.
    @Test("the dashboard and tasks-tui cancel record the same outcomes for the same server")
    func sameAsTheDashboard() {
        struct Script {
            var name: String
            var honourAfter: Double?
            var cancelAnswer: Result<CancelAcceptance, APIError>?
            var finishesAfter: Double?
        }
        let scripts = [
            Script(name: "honoured after 12 s", honourAfter: 12),
            Script(name: "honoured at once, 200 with the job", honourAfter: 0),
            Script(name: "ignored", honourAfter: nil),
            Script(name: "completed first", honourAfter: nil, finishesAfter: 6),
            Script(name: "409", cancelAnswer: .failure(.conflict("already done"))),
            Script(name: "403", cancelAnswer: .failure(.unauthorized(status: 403))),
            Script(name: "no route", cancelAnswer: .failure(.server(status: 405, message: "none", retryAfter: nil))),
        ]
        for script in scripts {
            func server() -> FakeJobsServer {
                let server = FakeJobsServer()
                var cancelledAt: Date?
                server.add("c") { now in
                    var job = activeJob("c", type: "video_generation", created: Self.start)
                    if let cancelledAt, let after = script.honourAfter, now >= cancelledAt.addingTimeInterval(after) {
                        job.status = .cancelled
                    } else if let cancelledAt, let after = script.finishesAfter,
                        now >= cancelledAt.addingTimeInterval(after)
                    {
                        job.status = .completed
                    }
                    return job
                }
                server.onCancel = { _, now in
                    if let answer = script.cancelAnswer { return answer }
                    cancelledAt = cancelledAt ?? now
                    let carried = script.honourAfter == 0 ? server.scripts["c"]?(now) : nil
                    return .success(CancelAcceptance(status: carried == nil ? 202 : 200, job: carried))
                }
                return server
            }
            // The dashboard: the engine, driven on its clock.
            var harness = EngineHarness(server: server())
            harness.run(until: 3)
            harness.send(.cancel(id: "c", at: harness.now))
            harness.run(until: 120)
            let dashboard = harness.notices.compactMap { notice -> CancelOutcome? in
                if case .cancelOutcome("c", _, let outcome) = notice.kind { outcome } else { nil }
            }
            // The command: the flow, its waits on the same kind of clock.
            let cli = server()
            var now = Self.start.addingTimeInterval(3)
            let run = Self.drive { effect in
                switch effect {
                case .read:
                    guard case .job(let result) = cli.answer(.job(id: "c"), at: now) else { return nil }
                    return .read(result)
                case .send:
                    guard case .cancel(let result) = cli.answer(.cancel(id: "c"), at: now) else { return nil }
                    return .sent(result, at: now)
                case .poll(let wait):
                    now = now.addingTimeInterval(wait)
                    guard case .job(let result) = cli.answer(.job(id: "c"), at: now) else { return nil }
                    return .polled(result)
                default: return nil
                }
            }
            #expect(!run.audit.isEmpty, "\(script.name)")
            #expect(Array(dashboard.prefix(run.audit.count)) == run.audit, "\(script.name)")
        }
    }
}
