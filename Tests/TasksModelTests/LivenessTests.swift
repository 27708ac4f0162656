import Foundation
import Testing

@testable import TasksModel

/// The loop sleeps until `nextWakeup`; a wake-up that is due must mean a
/// request goes now, or the loop spins (it used to, every 5 ms, when a poll
/// failed while a list was in flight).
@Suite("Liveness: no busy wake-ups, no per-frame re-encoding, details scroll")
struct LivenessTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A due wake-up means work: a tick at that moment sends a request.
    func expectNoIdleWakeup(_ engine: PollingEngine, at now: Date, _ comment: Comment) {
        guard let due = engine.nextWakeup(after: now), due <= now else { return }
        var probe = engine
        #expect(!probe.update(.tick(now)).requests.isEmpty, comment)
    }

    @Test("a poll fails while the list is in flight: the next wake-up is the list's answer, not now")
    func failedPollDuringList() throws {
        var configuration = EngineConfiguration()
        configuration.activeListLimit = 0
        var engine = PollingEngine(configuration: configuration, start: start)
        var now = start
        let first = engine.update(.tick(now)).requests
        let refresh = try #require(first.first)
        now += 0.1
        let job = activeJob("s", type: "scraping", created: start)
        _ = engine.update(.completed(refresh, .list(.success(JobList(jobs: [job]))), at: now))
        // Until the job's poll goes out.
        var poll: EngineRequest?
        while poll == nil, now < start + 30 {
            now += 0.1
            poll = engine.update(.tick(now)).requests.first { if case .job = $0 { true } else { false } }
        }
        let sentPoll = try #require(poll)
        // The user asks for a refresh: the list goes out with the poll still in flight.
        let list = engine.update(.refresh(now)).requests
        #expect(list.contains(refresh))
        now += 0.05
        _ = engine.update(.completed(sentPoll, .job(.failure(.transport("connection refused"))), at: now))
        // The list never answers (up to the request deadline): the engine has nothing to send until it does.
        for _ in 0..<200 {
            now += 0.1
            _ = engine.update(.tick(now))
            #expect(engine.inFlight.contains(refresh))
            expectNoIdleWakeup(engine, at: now, "at +\(now.timeIntervalSince(start))")
            #expect(engine.nextWakeup(after: now) == nil)
        }
        // The list's answer wakes the runner; then the failure's backoff is a real deadline again.
        _ = engine.update(.completed(refresh, .list(.failure(.transport("connection refused"))), at: now))
        let next = try #require(engine.nextWakeup(after: now))
        #expect(next > now)
    }

    @Test("on random failing, slow and answering servers, every due wake-up sends a request")
    func randomWakeups() {
        var random = SeededRandom(seed: 14)
        for round in 0..<20 {
            var engine = PollingEngine(start: start, seed: UInt64(round))
            var now = start
            var pending: [(request: EngineRequest, at: Date)] = []
            let jobs = (0..<5).map {
                activeJob("j\($0)", type: ["scraping", "video_generation"][$0 % 2], created: start)
            }
            for _ in 0..<600 {
                now += 0.1
                var requests = engine.update(.tick(now)).requests
                // Answers: late, failing or fine, in any order.
                let ready = pending.filter { $0.at <= now }
                pending.removeAll { $0.at <= now }
                for (request, _) in ready {
                    let fails = random.next() % 3 == 0
                    let result: EngineResult
                    switch request {
                    case .list:
                        result = .list(fails ? .failure(.transport("refused")) : .success(JobList(jobs: jobs)))
                    case .job(let id):
                        result = .job(
                            fails
                                ? .failure(.transport("refused"))
                                : .success(
                                    jobs.first { $0.id == id } ?? activeJob(id.text, type: "scraping", created: start)))
                    case .cancel:
                        result = .cancel(.failure(.transport("refused")))
                    }
                    requests += engine.update(.completed(request, result, at: now)).requests
                }
                for request in requests {
                    // Lists are slow (up to 20 s), polls quick.
                    let delay: Double
                    if case .list = request { delay = Double(random.next() % 200) / 10 } else { delay = 0.3 }
                    pending.append((request, now + delay))
                }
                expectNoIdleWakeup(engine, at: now, "round \(round) at +\(now.timeIntervalSince(start))")
            }
        }
    }
    /// A finished job whose result encodes to well over the pane's 64 KiB.
    static func bigResultJob(_ id: String) -> Job {
        let items = (0..<4000).map { JSONValue.object(["index": .number(Double($0)), "name": .string("item \($0)")]) }
        return Job(
            id: JobID(id), status: .completed, type: "scraping", createdAt: Fixtures.now.addingTimeInterval(-600),
            completedAt: Fixtures.now.addingTimeInterval(-60), progress: JobProgress(percentage: 100),
            result: ["items": .array(items)])
    }

    func press(_ state: inout DashboardState, _ keys: Key...) {
        for key in keys {
            _ = state.update(.key(key, at: state.now))
            _ = state.paint()
        }
    }

    @Test("details: the result JSON is encoded once per version of the job, not on every frame and key")
    func detailsEncodeOnce() {
        // 25 rows: the pane shows the result's first line above its "more lines" row.
        var state = Fixtures.state([Self.bigResultJob("big")], height: 25)
        press(&state, .enter)
        #expect(state.screen == .details(id: "big", scroll: 0))
        let first = DashboardRenderer.render(state)
        for _ in 0..<5 {
            press(&state, .down)
            _ = DashboardRenderer.render(state)
            _ = state.update(.tick(state.now.addingTimeInterval(1)))
        }
        press(&state, .character("k"), .character("k"), .character("k"), .character("k"), .character("k"))
        // Back at the top: the same JSON lines (the header's clock moved on).
        #expect(DashboardRenderer.render(state).rows.suffix(8) == first.rows.suffix(8))
        #expect(state.detailsText.builds == 1)
        #expect(first.text.contains("\"items\""))
        // New data is a new version: encoded again, once.
        _ = state.update(
            .engine(.completed(.job(id: "big"), .job(.success(Self.bigResultJob("big"))), at: state.now + 5)))
        _ = DashboardRenderer.render(state)
        _ = DashboardRenderer.render(state)
        #expect(state.detailsText.builds == 2)
    }

    @Test("details: G goes to the last page, and k and PgUp move from there at once")
    func detailsLastPage() throws {
        var state = Fixtures.state([Self.bigResultJob("big")])
        press(&state, .enter)
        let region = DashboardLayout(width: state.width, height: state.height).body
        let lines = DetailsView(state: state, id: "big", scroll: 0).content(width: region.width).count
        let last = lines - region.height
        #expect(last > 100)
        press(&state, .character("G"))
        #expect(state.screen == .details(id: "big", scroll: last))
        let bottom = DashboardRenderer.render(state)
        #expect(bottom.text.contains("more bytes not shown"))
        press(&state, .character("k"))
        #expect(state.screen == .details(id: "big", scroll: last - 1))
        #expect(DashboardRenderer.render(state) != bottom)
        press(&state, .character("G"), .pageDown, .pageDown, .character("j"))
        #expect(state.screen == .details(id: "big", scroll: last))
        press(&state, .pageUp)
        let tableRows = DashboardLayout(width: state.width, height: state.height).tableRows
        #expect(state.screen == .details(id: "big", scroll: last - tableRows))
        press(&state, .character("g"), .character("k"))
        #expect(state.screen == .details(id: "big", scroll: 0))
        // A job whose details fit: nothing to scroll.
        var short = Fixtures.state(Fixtures.mixed)
        press(&short, .enter, .character("G"), .down)
        #expect(short.screen == .details(id: short.selectedID!, scroll: 0))
    }
}
