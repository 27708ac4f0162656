import Foundation
import Testing

@testable import TasksModel

/// The details pane says when there is more below, and its hint line names
/// every key that works there (from the keymap).
@Suite("Details pane: more lines below, and its keys")
struct DetailsPaneTests {
    init() { #expect(utf8LocaleReady) }

    /// The details of a finished job whose result is 60 lines long, at 80x24.
    static func longDetails(readOnly: Bool = false) -> DashboardState {
        var job = Fixtures.job("job_long", .completed, minutesAgo: 5, percentage: 100, step: "Done")
        job.result = .object(Dictionary(uniqueKeysWithValues: (1...60).map { ("key_\($0)", .number(Double($0))) }))
        var state = Fixtures.state([job], width: 80, height: 24, readOnly: readOnly)
        _ = state.update(.key(.enter, at: state.now))
        return state
    }

    static func lines(_ state: DashboardState) -> [String] {
        DashboardRenderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // Without the spaces either side.
            String(String(line.drop { $0 == " " }.reversed()).drop { $0 == " " }.reversed())
        }
    }

    /// The pane's rows: between the header (2 rows) and the footer (2 rows).
    static func pane(_ state: DashboardState) -> [String] { Array(lines(state).dropFirst(2).dropLast(2)) }

    static func press(_ key: Key, _ state: inout DashboardState) { _ = state.update(.key(key, at: state.now)) }

    @Test("the last row says how many lines are below and which keys scroll; at the end, the last line shows")
    func moreLines() throws {
        var state = Self.longDetails()
        guard case .details(let id, _) = state.screen else { Issue.record("no details pane"); return }
        let all = DetailsView(state: state, id: id, scroll: 0).content(width: 80).count
        let height = DashboardLayout(width: 80, height: 24).body.height
        #expect(all > height + 40)
        let below = all - height + 1
        #expect(Self.pane(state).last == "↓ \(below) more lines: j or PgDn, End for the last")
        Self.press(.character("j"), &state)
        #expect(Self.pane(state).last == "↓ \(below - 1) more lines: j or PgDn, End for the last")
        Self.press(.end, &state)
        let end = Self.pane(state)
        #expect(!end.contains { $0.contains("more lines") }, "\(end)")
        #expect(end.last == "}")
        // A pane that fits says nothing of the kind.
        var short = Fixtures.state(Fixtures.mixed, width: 80, height: 40)
        Self.press(.enter, &short)
        #expect(!Self.pane(short).contains { $0.contains("more lines") })
    }

    @Test("the hint line names every key of the pane: w and Y too; paging keys on the more-lines row")
    func everyKey() {
        for readOnly in [false, true] {
            let state = Self.longDetails(readOnly: readOnly)
            #expect(state.keyContext == .details)
            let screen = Self.lines(state)
            let hintLine = screen.last!
            let moreLine = Self.pane(state).last!
            let named = Set(
                hintLine.split(separator: " ").flatMap { $0.split(separator: "/").map(String.init) }
                    + ["Up", "Down"].filter { _ in hintLine.contains("↑↓") })
            let global = KeyContext.allCases.count
            for binding in Keymap.bindings(in: .details, readOnly: readOnly) where binding.contexts.count != global {
                for action in Set(binding.keys.values) {
                    let keys = Keymap.keys(for: action, in: .details)
                    let paging: Set<KeyAction> = [.pageUp, .pageDown, .first, .last]
                    if paging.contains(action) {
                        // Paging is named where it matters: on the row that says there is more.
                        if [.pageDown, .last].contains(action) {
                            #expect(keys.contains { moreLine.contains($0) }, "\(action): \(moreLine)")
                        }
                    } else {
                        #expect(!named.isDisjoint(with: keys), "\(action) (\(keys)) not on the hint line: \(hintLine)")
                    }
                }
            }
            #expect(hintLine.contains("\(Keymap.key(for: .toggleWatch, in: .details)) watch"))
            #expect(hintLine.contains("\(Keymap.key(for: .copyID, in: .details)) copy id"))
            #expect(hintLine.contains("\(Keymap.key(for: .cancel, in: .details)) cancel") == !readOnly)
        }
    }

    @Test("w and Y are hinted in the pane only: the table's hint line is unchanged")
    func tableUnchanged() {
        let state = Fixtures.state(Fixtures.mixed, width: 200, height: 24)
        let hints = HintLineView.hints(state).map(\.text)
        #expect(!hints.contains("watch") && !hints.contains("copy id"))
    }
}
