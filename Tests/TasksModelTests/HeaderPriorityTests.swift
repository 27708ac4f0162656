import Foundation
import PropertyBased
import Testing

@testable import TasksModel

/// The header's priorities: what needs a human (the attention count, a
/// connection problem and its reason, marks, watched jobs) is never cut;
/// then the counts; then the rest. Phrases never run together.
@Suite("Header: what needs a human is never cut, at any width")
struct HeaderPriorityTests {
    init() { #expect(utf8LocaleReady) }

    /// 31 jobs (7 running, 17 completed, 5 failed, 2 cancelled), one of the running
    /// ones left out of the next list (an older active job), 3 marked, 2 watched.
    static func busy(width: Int, marks: Int = 3, watched: Int = 2) -> DashboardState {
        let running = (1...7).map { Fixtures.job("run_\($0)", .processing, minutesAgo: Double($0)) }
        let done = (1...17).map { Fixtures.job("done_\($0)", .completed, minutesAgo: Double(10 + $0)) }
        let failed = (1...5).map { Fixtures.job("fail_\($0)", .failed, minutesAgo: Double(30 + $0), error: "boom") }
        let cancelled = (1...2).map { Fixtures.job("cxl_\($0)", .cancelled, minutesAgo: Double(40 + $0)) }
        var state = Fixtures.state(running + done + failed + cancelled, width: width, height: 40)
        // The next list no longer carries run_7: it stays, as an older active job.
        let later = state.now.addingTimeInterval(1)
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50),
                    .list(.success(JobList(jobs: Array(running.prefix(6)) + done + failed + cancelled))), at: later)))
        for id in ["done_1", "done_2", "done_3"].prefix(marks) {
            state.table.select(JobID(id))
            _ = state.update(.key(.character(" "), at: state.now))
        }
        for id in ["run_1", "run_2"].prefix(watched) {
            state.table.select(JobID(id))
            _ = state.update(.key(.character("w"), at: state.now))
        }
        return state
    }

    static func header(_ state: DashboardState, width: Int) -> [String] {
        HeaderView(state: state).lines(width: width).map { line in line.row.spans.map(\.text).joined() }
    }

    static let refused = "cannot reach server: connection refused"
    static let unauthorized = APIError.unauthorized(status: 401).description

    static func retrying(_ state: inout DashboardState, reason: String = refused) {
        state.engine.connection = .retrying(
            since: state.now.addingTimeInterval(-120), next: state.now.addingTimeInterval(1), reason: reason)
    }

    @Test("a busy header at 80, 100, 120 and 200 columns: attention, counts, marks and watched whole, apart")
    func busyAtEachWidth() {
        for width in [80, 100, 120, 200] {
            let state = Self.busy(width: width)
            #expect(state.statistics.attention > 0)
            let lines = Self.header(state, width: width)
            let text = lines.joined(separator: "\n")
            for line in HeaderView(state: state).lines(width: width) { #expect(line.row.width <= width) }
            #expect(
                text.contains("⚠ \(state.statistics.attention) need attention")
                    || text.contains("⚠\(state.statistics.attention) need you"), "\(width): \(text)")
            #expect(text.contains("3 marked"), "\(width): \(text)")
            #expect(text.contains("◉ 2 watched") || text.contains("◉2 watched"), "\(width): \(text)")
            // The counts, whole: the table's 30 newest and the older active job, then per status.
            #expect(text.contains("30 newest"), "\(width): \(text)")
            #expect(text.contains("1 older"), "\(width): \(text)")
            #expect(text.contains("5 failed") || text.contains("5✗"), "\(width): \(text)")
            // Phrases apart: the attention count is followed by a separator, never by the next phrase.
            #expect(text.contains("need attention │ ") || text.contains("need you │ "), "\(width): \(text)")
        }
    }

    @Test("at 80 columns the second line reads as words, in this order")
    func eightyColumns() {
        let lines = Self.header(Self.busy(width: 80), width: 80)
        #expect(lines[0] == "tasks-tui api.example.com  ● connected                                     10:00")
        // What needs a human keeps its long form; the refresh age and the view give way first.
        #expect(lines[1] == "⚠ 5 need attention │ 30 newest +1 older: 7▶ 17✓ 5✗ 2⊘ │  3 marked   ◉ 2 watched")
    }

    @Test("short of room, a fresh refresh age gives way before the view; a stale one stays")
    func staleAgeStays() {
        var state = Fixtures.state(Fixtures.mixed, width: 80)
        #expect(Self.header(state, width: 80)[1].hasPrefix("all, newest │ ⚠ 1 need attention │ 8 newest: "))
        state.now = state.now.addingTimeInterval(300)
        #expect(Self.header(state, width: 80)[1].hasPrefix("refreshed 5m ago │ ⚠ 1 need attention │ 8 newest"))
    }

    @Test("at 200 columns everything has its long form")
    func wide() {
        let lines = Self.header(Self.busy(width: 200), width: 200)
        #expect(
            lines[1].hasPrefix(
                "refreshed <1m ago │ all, newest │ ⚠ 5 need attention │ shown 30 newest + 1 older active: "
                    + "7 processing 17 completed 5 failed 2 cancelled │  3 marked   ◉ 2 watched │ done/min"))
    }

    @Test("a server that is down: the reason whole, on the first line when it fits, else on the whole second line")
    func retryingReason() {
        var state = Self.busy(width: 80)
        Self.retrying(&state)
        let narrow = Self.header(state, width: 80)
        #expect(narrow[1] == Self.refused)
        #expect(narrow[0].contains("↻ retrying"), "\(narrow[0])")
        // What needs a human moved up, whole.
        #expect(narrow[0].contains("need you") && narrow[0].contains("3 marked") && narrow[0].contains("2 watched"))
        let wide = Self.header(state, width: 200)
        #expect(wide[0].contains("↻ retrying since 09:58:01 (next in 1s): \(Self.refused)"), "\(wide[0])")
        #expect(wide[1].contains("need attention"))
    }

    @Test("a 401: the whole hint, on the second line at 80 columns; at 60 its head stays on the first")
    func unauthorizedHint() {
        var state = Self.busy(width: 80)
        state.engine.connection = .unauthorized(Self.unauthorized)
        let eighty = Self.header(state, width: 80)
        #expect(eighty[1] == Self.unauthorized)
        #expect(eighty[1].contains("check the API token (TASKS_API_TOKEN or --token-file)"))
        #expect(eighty[0].contains("✗ polling stopped"), "\(eighty[0])")
        let sixty = Self.header(state, width: 60)
        #expect(sixty[1] == "check the API token (TASKS_API_TOKEN or --token-file)")
        #expect(sixty[0].contains("unauthorized (401)"), "\(sixty[0])")
        #expect(sixty[0].contains("need you") && sixty[0].contains("3 marked"), "\(sixty[0])")
        let wide = Self.header(state, width: 160)
        #expect(wide[0].contains("✗ \(Self.unauthorized)"), "\(wide[0])")
    }

    @Test(
        "a connection error and a 401 at 80, 100, 120 and 200 columns: the reason whole, and what needs a human",
        arguments: [80, 100, 120, 200])
    func problemsAtEachWidth(width: Int) {
        for unauthorized in [false, true] {
            var state = Self.busy(width: width)
            if unauthorized {
                state.engine.connection = .unauthorized(Self.unauthorized)
            } else {
                Self.retrying(&state)
            }
            let lines = Self.header(state, width: width)
            let text = lines.joined(separator: "\n")
            #expect(text.contains(unauthorized ? Self.unauthorized : Self.refused), "\(width): \(text)")
            #expect(text.contains(unauthorized ? "✗" : "↻ retrying"), "\(width): \(text)")
            #expect(text.contains("5 need") && text.contains("3 marked") && text.contains("2 watched"), "\(text)")
            #expect(lines.allSatisfy { TerminalText.width($0) <= width })
        }
    }

    /// The reasons the engine gives (`APIError` descriptions and headlines).
    static let reasons = [
        refused, unauthorized, APIError.unauthorized(status: 403).description,
        "no answer from server within 10 s", "server is rate limiting (429), retry after 30 s",
        "server error 503: upstream unavailable", "cannot reach server: TLS: the server speaks plain HTTP",
        "cannot reach server: proxy wants authentication (407)",
    ]

    /// At the narrowest screen (60 columns) what needs a human fits up to 99 jobs
    /// needing attention, 99 marked and 9 watched; from 70 columns, up to 999 and 99.
    @Test("random states at widths 60 to 250: nothing that needs a human is cut, no line is too wide")
    func neverCut() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
            // Half the runs at 60 to 90 columns, where room is short.
            let width = pick(0...1) == 0 ? pick(60...90) : pick(60...250)
            let roomy = width >= 70
            var state = Self.busy(width: width, marks: pick(0...3), watched: pick(0...2))
            state.statistics.attention = [0, 1, 5, 42, 99, roomy ? 120 : 7, roomy ? 999 : 9][pick(0...6)]
            if pick(0...1) == 1 { state.marks = (0..<pick(0...99)).map { JobID("m\($0)") } }
            if pick(0...1) == 1 {
                state.watched = Dictionary(
                    uniqueKeysWithValues: (0..<pick(0...(roomy ? 99 : 9))).map {
                        (JobID("w\($0)"), DashboardState.Watch(since: state.now, wasPinned: false))
                    })
            }
            state.options.demo = pick(0...1) == 1
            state.options.readOnly = pick(0...1) == 1
            state.options.insecure = pick(0...1) == 1
            state.options.serverLabel = String(repeating: "host.", count: pick(1...12)) + "example.com"
            state.table.setSearch(String(repeating: "x", count: pick(0...40)))
            let reason = Self.reasons[pick(0...(Self.reasons.count - 1))]
            switch pick(0...3) {
            case 0: Self.retrying(&state, reason: reason)
            case 1: state.engine.connection = .unauthorized(reason)
            case 2: state.engine.connection = .paused
            default: break
            }
            let lines = HeaderView(state: state).lines(width: width)
            let text = lines.map { $0.row.spans.map(\.text).joined() }.joined(separator: "\n")
            let context = "width \(width), seed \(seed):\n\(text)"
            #expect(lines.count == 2)
            for line in lines { #expect(line.row.width <= width, "\(context)") }
            if state.statistics.attention > 0 {
                #expect(text.contains("\(state.statistics.attention) need"), "\(context)")
            }
            if !state.marks.isEmpty { #expect(text.contains("\(state.marks.count) marked"), "\(context)") }
            if !state.watched.isEmpty { #expect(text.contains("\(state.watched.count) watched"), "\(context)") }
            switch state.engine.connection {
            case .retrying, .unauthorized:
                if TerminalText.width(reason) <= width {
                    #expect(text.contains(reason), "\(context)")
                } else {
                    let colon = reason.firstRange(of: ": ")!
                    #expect(text.contains(reason[..<colon.lowerBound]), "\(context)")
                    #expect(text.contains(reason[colon.upperBound...]), "\(context)")
                }
            case .paused: #expect(text.contains("paused"), "\(context)")
            default: break
            }
        }
    }
}
