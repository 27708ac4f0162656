import Foundation
import Testing

@testable import TasksModel

@Suite("Open by id: the : prompt, pinned jobs, short ids and the type family")
struct OpenByIDTests {
    static let old = Fixtures.job(
        "job_old_stuck", .processing, type: "sora_video", title: "Old stuck", minutesAgo: 300, percentage: 12)

    /// Types `text` into the dashboard key by key.
    static func type(_ text: String, into state: inout DashboardState) {
        for character in text { _ = state.update(.key(.character(character), at: state.now)) }
    }

    /// The state after `:`, typing (or pasting) and Enter; the effects of the Enter.
    static func open(
        _ text: String, pasted: Bool = false, in state: inout DashboardState
    ) -> [DashboardEffect] {
        _ = state.update(.key(.character(":"), at: state.now))
        if pasted { _ = state.update(.paste(text)) } else { type(text, into: &state) }
        return state.update(.key(.enter, at: state.now))
    }

    static func answer(_ id: String, _ result: Result<Job, APIError>, in state: inout DashboardState)
        -> [DashboardEffect]
    {
        state.update(.engine(.completed(.job(id: id), .job(result), at: state.now.addingTimeInterval(0.2))))
    }

    @Test("typed: : + id + Enter reads the job, opens its details and pins it")
    func typed() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.character(":"), at: state.now))
        #expect(state.keyContext == .openJob)
        Self.type("job_old_stuckX", into: &state)
        _ = state.update(.key(.backspace, at: state.now))
        #expect(state.prompt == .openJob(draft: "job_old_stuck"))
        #expect(state.search.isEmpty, "typing an id is no search")
        let effects = state.update(.key(.enter, at: state.now))
        #expect(effects.requests == [.job(id: "job_old_stuck")])
        #expect(state.prompt == nil)
        _ = Self.answer("job_old_stuck", .success(Self.old), in: &state)
        #expect(state.screen == .details(id: "job_old_stuck", scroll: 0))
        #expect(state.engine["job_old_stuck"]?.pinned == true)
        #expect(state.visible.contains("job_old_stuck"))
        #expect(state.selectedID == "job_old_stuck")
    }

    @Test("pasted with spaces and a newline around it: trimmed, then read")
    func pasted() {
        var state = Fixtures.state(Fixtures.mixed)
        let effects = Self.open("  \tjob_old_stuck \n", pasted: true, in: &state)
        #expect(effects.requests == [.job(id: "job_old_stuck")])
        #expect(!effects.contains { if case .footer(let m) = $0 { m.text.contains("ignored") } else { false } })
    }

    @Test("Esc closes the prompt and sends nothing")
    func escape() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.character(":"), at: state.now))
        Self.type("job_x", into: &state)
        let effects = state.update(.key(.escape, at: state.now))
        #expect(state.prompt == nil)
        #expect(effects.requests.isEmpty)
        let enter = state.update(.key(.enter, at: state.now))
        #expect(enter.requests.isEmpty)
        #expect(state.screen == .details(id: state.selectedID!, scroll: 0), "Enter is the table's again")
    }

    @Test("404 says no such job on the host; a network error says what happened, not 'no such job'")
    func errors() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = Self.open("nope", in: &state)
        _ = Self.answer("nope", .failure(.notFound("job nope")), in: &state)
        #expect(state.message?.text == "no such job on api.example.com: nope")
        #expect(state.engine["nope"] == nil)
        #expect(state.screen == .table)

        _ = Self.open("job_far", in: &state)
        _ = Self.answer("job_far", .failure(.transport("connection refused")), in: &state)
        let text = state.message?.text ?? ""
        #expect(text.hasPrefix("could not open job_far: "))
        #expect(!text.contains("no such job"))
        #expect(state.engine["job_far"] == nil)
        #expect(!state.engine.opening.contains("job_far"))
    }

    /// Answers `requests`, and those the answers lead to, as a server whose lists
    /// never hold `hidden`: lists from `Fixtures.mixed`, jobs by id (`hidden` as `current`).
    /// Returns every request answered.
    @discardableResult
    static func serve(
        _ requests: [EngineRequest], hidden current: Job, at time: Date, in state: inout DashboardState
    ) -> [EngineRequest] {
        var queue = requests
        var answered: [EngineRequest] = []
        while !queue.isEmpty {
            let request = queue.removeFirst()
            answered.append(request)
            let result: EngineResult
            switch request {
            case .list(let status, _):
                result = .list(
                    .success(
                        JobList(jobs: Fixtures.mixed.filter { status == .all || $0.status.wireName == status.rawValue })
                    ))
            case .job(let id) where id == current.id: result = .job(.success(current))
            case .job(let id):
                result = .job(Fixtures.mixed.first { $0.id == id }.map { .success($0) } ?? .failure(.notFound(id.text)))
            case .cancel: continue
            }
            queue += state.update(.engine(.completed(request, result, at: time))).requests
        }
        return answered
    }

    @Test(
        "a pinned job is kept after lists that lack it, polled at its interval though overdue, and no more once finished"
    )
    func pinnedPolling() {
        var state = Fixtures.state(Fixtures.mixed)
        var stuck = Self.old
        var time = state.now
        Self.serve((state.start() + Self.open(stuck.id.text, in: &state)).requests, hidden: stuck, at: time, in: &state)
        #expect(state.engine[stuck.id]?.pinned == true)
        // Overdue (300 min > 45 min for video), in no list, yet read every 10 s: 6 times a minute.
        #expect(state.engine[stuck.id]!.isOverdue(at: time))
        var polls = 0
        for _ in 0..<60 {
            time = time.addingTimeInterval(1)
            let requests = Self.serve(state.update(.tick(time)).requests, hidden: stuck, at: time, in: &state)
            polls += requests.filter { $0 == .job(id: stuck.id) }.count
        }
        #expect((5...7).contains(polls), "\(polls) polls in a minute")
        #expect(state.engine[stuck.id]?.pinned == true)
        #expect(state.visible.contains(stuck.id), "kept after refreshes that lack it")
        // It finishes: read once more, then never again; it stays in the table.
        stuck.status = .completed
        stuck.completedAt = time
        polls = 0
        for _ in 0..<120 {
            time = time.addingTimeInterval(1)
            let requests = Self.serve(state.update(.tick(time)).requests, hidden: stuck, at: time, in: &state)
            polls += requests.filter { $0 == .job(id: stuck.id) }.count
        }
        #expect(polls == 1)
        #expect(state.engine[stuck.id]?.job.status == .completed)
        #expect(state.visible.contains(stuck.id))
    }

    @Test("the table marks a pinned job, and the header counts it")
    func marked() {
        var state = Fixtures.state(Fixtures.mixed, width: 80, height: 24)
        _ = Self.open("job_old_stuck", in: &state)
        _ = Self.answer("job_old_stuck", .success(Self.old), in: &state)
        _ = state.update(.key(.escape, at: state.now))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("+1 pin"))
        let line = text.split(separator: "\n").first { $0.contains("Old stuck") }.map(String.init) ?? ""
        #expect(line.contains("tuck+"), "\(line)")
        #expect(line.contains("video"))
        let wide = DashboardRenderer.render(
            {
                var s = state; _ = s.update(.resize(width: 200, height: 50)); return s
            }())
        #expect(wide.text.contains("+ 1 pinned"))
    }

    @Test("short ids: unique, at least 4 characters, even when ids share long prefixes or suffixes")
    func shortIDs() {
        var random = SeededRandom(seed: 42)
        for round in 0..<200 {
            let stem = String(repeating: "job_0000", count: Int(random.next() % 4))
            let count = 1 + Int(random.next() % 60)
            var ids: [String] = []
            for _ in 0..<count {
                let length = Int(random.next() % 8)
                let tail = String((0..<length).map { _ in Array("ab01")[Int(random.next() % 4)] })
                ids.append(round % 2 == 0 ? stem + tail : tail + stem)
            }
            let forms = ShortID.forms(of: ids.map { JobID($0) })
            let unique = Set(ids)
            #expect(forms.count == unique.count)
            #expect(Set(forms.values).count == unique.count, "two ids share a short form: \(ids)")
            for id in unique {
                let form = forms[JobID(id)]!
                #expect(form.count >= min(4, id.count))
                #expect(id.hasPrefix(form) || id.hasSuffix(form))
            }
        }
        // Server ids sharing "job_": their ends tell them apart, in 4 characters.
        let forms = ShortID.forms(of: ["job_0a1b2c3d4e", "job_ff00aa11bb", "job_123456789a"])
        #expect(forms["job_0a1b2c3d4e"] == "3d4e")
    }

    @Test("type families from the engine's matching; the raw type when unknown")
    func families() {
        let cases: [(String, String)] = [
            ("store_scraping", "scrape"), ("adGeneration", "ads"), ("bulk_ad_generation", "ads"),
            ("sora_video", "video"), ("research", "research"), ("strategic_analysis", "strategy"),
            ("avatar_video", "avatar"), ("product_video", "avatar"), ("weird_thing", "weird_thing"),
        ]
        for (type, family) in cases { #expect(PollRules.family(of: type) == family, "\(type)") }
    }
}
