import Foundation
import Testing

@testable import TasksModel

@Suite("Hints and help from the keymap")
struct HintLineTests {
    func hints(_ state: DashboardState) -> [String] {
        HintLineView.hints(state).map { "\($0.key) \($0.text)" }
    }

    @Test("the table's hints are the keymap's, in keymap order")
    func tableHints() {
        let state = Fixtures.state(Fixtures.mixed)
        #expect(
            hints(state) == [
                "↑↓ move", "⏎ details", "c cancel", "? help", "q quit", "/ search", "f filter", "s sort", "p pause",
                "r refresh", "t times",
            ])
        let fromKeymap = Keymap.bindings(in: .table).compactMap { binding in
            binding.hint.flatMap { $0.only == nil ? "\(binding.hintKey(ascii: false)!) \($0.text)" : nil }
        }
        #expect(hints(state) == fromKeymap)
    }

    @Test("read-only hides c; paused says resume; ASCII terminals get ASCII keys")
    func variants() {
        #expect(!hints(Fixtures.state(Fixtures.mixed, readOnly: true)).contains("c cancel"))
        var paused = Fixtures.state(Fixtures.mixed)
        _ = paused.update(.key(.character("p"), at: paused.now))
        #expect(hints(paused).contains("p resume"))
        #expect(!hints(paused).contains("p pause"))
        let ascii = hints(Fixtures.state(Fixtures.mixed, profile: .ascii))
        #expect(ascii.prefix(2) == ["j/k move", "Enter details"])
    }

    @Test("each screen and prompt has its context's hints")
    func contexts() {
        var state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.enter, at: state.now))
        #expect(state.keyContext == .details)
        #expect(hints(state) == ["↑↓ scroll", "Esc back", "c cancel", "? help", "q quit", "Y copy id", "w watch"])
        _ = state.update(.key(.character("c"), at: state.now))
        #expect(state.keyContext == .confirm)
        #expect(hints(state) == ["y cancel the job", "any other key keep it running"])
        state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.character("/"), at: state.now))
        #expect(hints(state) == ["⏎ keep", "Esc undo", "type to search id, type, title, step"])
        state = Fixtures.state(Fixtures.mixed)
        _ = state.update(.key(.character("?"), at: state.now))
        #expect(state.keyContext == .help)
        #expect(Set(hints(state)) == ["↑↓ scroll", "q quit", "any key back"])
    }

    @Test("hints that do not fit are dropped from the end, never cut")
    func narrowLine() {
        let row = HintLineView(state: Fixtures.state(Fixtures.mixed)).rows(
            in: DashboardLayout.Region(top: 0, height: 1, width: 30))[0]
        let text = row.spans.map(\.text).joined()
        #expect(text == "↑↓ move  ⏎ details  c cancel  ")
    }

    @Test("the help lists every table binding with its words, fitting 80 columns")
    func helpFromKeymap() {
        for readOnly in [false, true] {
            let view = HelpView(readOnly: readOnly, profile: .utf8)
            let lines = view.lines(width: 80)
            let text = lines.joined(separator: "\n")
            for binding in Keymap.bindings(in: .table) {
                #expect(text.contains(binding.label), "\(binding.label)")
                let help = readOnly && binding.mutates ? "(disabled: --read-only)" : binding.help
                #expect(text.contains(help), "\(help)")
            }
            #expect(text.contains("Flags"))
            #expect(lines.last?.hasPrefix("Network errors") == true)
            #expect(lines.allSatisfy { TerminalText.width($0) < 80 || !$0.hasSuffix("…") })
            // Shorter than the help (80x24 leaves 20 rows): the last row says what is
            // below, and scrolled to the end the last line shows.
            let region = DashboardLayout.Region(top: 0, height: 20, width: 80)
            let top = view.rows(in: region).map { $0.spans.map(\.text).joined() }
            #expect(lines.count > 20 && top.last?.contains("more lines: j/k or PgDn") == true, "\(top)")
            var end = view
            end.scroll = view.lastScroll(in: region)
            let bottom = end.rows(in: region).map { $0.spans.map(\.text).joined() }
            #expect(bottom.last?.hasPrefix("Network errors") == true, "\(bottom)")
        }
        let help = HelpView(readOnly: false, profile: .utf8).keyLines(width: 80)
        // Keys that do the same share an entry.
        #expect(help.contains { $0.contains("Ctrl-C, q") })
    }
}
