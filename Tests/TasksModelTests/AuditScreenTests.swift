import Foundation
import Testing

@testable import TasksModel

/// `a`: the audit screen shows this server's cancel attempts as the loop read
/// them, sanitised; its cursor stays on screen; Enter opens the exact job.
@Suite("Audit screen: a shows the cancel attempts; Enter opens the job")
struct AuditScreenTests {
    init() { #expect(utf8LocaleReady) }

    static func entry(_ id: JobID, _ index: Int, title: String? = nil, outcome: String = "cancelled") -> AuditEntry {
        AuditEntry(
            time: Fixtures.now.addingTimeInterval(Double(-60 * index)), user: "ana", host: "box",
            server: "api.example.com", profile: nil, jobID: id, type: "scraping", title: title, outcome: outcome,
            frontEnd: index % 2 == 0 ? "dashboard" : "cli")
    }

    static func opened(_ entries: [AuditEntry], height: Int = 24) -> DashboardState {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: height)
        _ = state.update(.key(.character("a"), at: state.now))
        _ = state.update(.auditRead(.entries(entries, skipped: 0, path: "/s/audit.log")))
        return state
    }

    static func text(_ state: DashboardState) -> String { DashboardRenderer.render(state).text }

    @Test("a asks the loop to read the log and says so until it comes; Esc goes back")
    func opensAndReads() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 24)
        let effects = state.update(.key(.character("a"), at: state.now))
        #expect(effects == [.readAuditLog])
        #expect(state.screen == .audit(selected: 0))
        #expect(Self.text(state).contains("reading the audit log…"))
        #expect(Self.text(state).contains("cancel attempts on api.example.com"))
        _ = state.update(.auditRead(.unavailable("no audit log yet at /s/audit.log: no cancel has been recorded")))
        #expect(Self.text(state).contains("no audit log yet at /s/audit.log"))
        _ = state.update(.key(.escape, at: state.now))
        #expect(state.screen == .table)
        // A read that arrives after the screen was left is dropped.
        _ = state.update(.auditRead(.entries([Self.entry("job_a1", 0)], skipped: 0, path: "p")))
        #expect(state.audit == .unavailable("no audit log yet at /s/audit.log: no cancel has been recorded"))
        #expect(state.screen == .table)
    }

    @Test("the lines are the entries, newest first as read, sanitised; the cursor's line on the bar")
    func lines() {
        let hostile = "Evil\u{1B}]52;c;cm0gLXJm\u{07} title\u{1B}[2J"
        let entries = [
            Self.entry("job_a1", 0, title: hostile), Self.entry("job_b2", 1, outcome: "aborted at the confirmation"),
        ]
        var state = Self.opened(entries)
        let frame = DashboardRenderer.render(state)
        let text = frame.text
        #expect(text.contains("cancel attempts on api.example.com, newest first (2)"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
        let a1 = text.split(separator: "\n").firstIndex { $0.contains("job_a1") }
        let b2 = text.split(separator: "\n").firstIndex { $0.contains("job_b2") }
        #expect(a1 != nil && b2 != nil && a1! < b2!)
        #expect(text.contains("aborted at the confirmation"))
        let selectedRows = frame.rows.indices.filter { frame.rows[$0].spans.contains { $0.style.selected } }
        #expect(selectedRows == [a1!])
        _ = state.update(.key(.down, at: state.now))
        let after = DashboardRenderer.render(state)
        #expect(after.rows.indices.filter { after.rows[$0].spans.contains { $0.style.selected } } == [b2!])
    }

    @Test("Enter opens the line's job: the details of a loaded one, a read of the exact id otherwise")
    func enterOpens() {
        var state = Self.opened([Self.entry("job_a1", 0), Self.entry("job_cafe\u{301}", 1)])
        _ = state.update(.key(.enter, at: state.now))
        #expect(state.screen == .details(id: "job_a1", scroll: 0))
        #expect(state.selectedID == "job_a1")
        state = Self.opened([Self.entry("job_a1", 0), Self.entry("job_cafe\u{301}", 1)])
        _ = state.update(.key(.down, at: state.now))
        let effects = state.update(.key(.enter, at: state.now))
        // The decomposed spelling recorded, not the composed one: the id's bytes.
        let sent = effects.requests.compactMap { request -> [UInt8]? in
            if case .job(let id) = request { Array(id.text.utf8) } else { nil }
        }
        #expect(sent == [Array("job_cafe\u{301}".utf8)])
        #expect(state.screen == .table)
    }

    @Test("Enter on a job the view hides: its details, and back in the table the selection is a shown row")
    func hiddenJob() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 24)
        for key in "/job_a1".map(Key.character) + [.enter] { _ = state.update(.key(key, at: state.now)) }
        let hidden = state.engine.jobs.keys.first { state.table.position[$0] == nil }!
        _ = state.update(.key(.character("a"), at: state.now))
        _ = state.update(.auditRead(.entries([Self.entry(hidden, 0)], skipped: 0, path: "p")))
        _ = state.update(.key(.enter, at: state.now))
        #expect(state.screen == .details(id: hidden, scroll: 0))
        _ = state.update(.key(.escape, at: state.now))
        #expect(state.selectedID.map { state.table.position[$0] != nil } == true, "selected unseen: \(hidden)")
        let bar = DashboardRenderer.render(state).rows.filter { $0.spans.contains { $0.style.selected } }
        #expect(bar.count == 1)
    }

    @Test(
        "random sizes the dashboard can draw (from 10 rows) and moves over 200 lines: the cursor's line is always on the bar"
    )
    func cursorStaysOnScreen() {
        let entries = (0..<200).map { Self.entry(JobID("job_\($0)"), $0) }
        var rng = SeededRandom(seed: 7)
        var state = Self.opened(entries)
        let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .character("j"), .character("k")]
        for step in 0..<300 {
            if rng.next() % 5 == 0 {
                _ = state.update(.resize(width: 60 + Int(rng.next() % 100), height: 10 + Int(rng.next() % 40)))
            } else {
                _ = state.update(.key(keys[Int(rng.next() % UInt64(keys.count))], at: state.now))
            }
            guard case .audit(let selected) = state.screen else {
                Issue.record("step \(step): left the audit screen")
                return
            }
            let frame = DashboardRenderer.render(state)
            let bar = frame.rows.filter { $0.spans.contains { $0.style.selected } }.map {
                $0.spans.map(\.text).joined()
            }
            #expect(
                bar.count == 1 && bar[0].contains("job_\(selected) "), "step \(step): line \(selected) not on the bar")
            if bar.count != 1 { return }
        }
    }

    @Test("PgDn and PgUp move by the lines the audit screen shows, at any height", arguments: [12, 24, 40])
    func pageIsTheScreen(height: Int) {
        var state = Self.opened((0..<200).map { Self.entry(JobID("job_\($0)"), $0) }, height: height)
        let shown = Self.text(state).split(separator: "\n").filter { $0.contains("job_") }.count
        #expect(shown > 3)
        _ = state.update(.key(.pageDown, at: state.now))
        #expect(state.screen == .audit(selected: shown))
        _ = state.update(.key(.pageDown, at: state.now))
        #expect(state.screen == .audit(selected: 2 * shown))
        _ = state.update(.key(.pageUp, at: state.now))
        #expect(state.screen == .audit(selected: shown))
    }
}
