import Foundation
import Testing

@testable import TasksModel

/// Issue #16, point 1: the selected row is one bar (the same background in
/// every cell, the status colour kept in its symbol), and the empty part of a
/// progress bar is a thin line, not the light-shade texture.
@Suite("Selection bar and progress track")
struct SelectionBarTests {
    /// Cell widths (`wcwidth`) follow the process locale: set UTF-8 before any test here runs.
    init() { #expect(utf8LocaleReady) }

    /// The frame with each job selected in turn, at `width`.
    static func framesSelectingEachRow(width: Int, profile: TextProfile = .utf8) -> [(DashboardState, Frame)] {
        var state = Fixtures.state(Fixtures.mixed, width: width, height: 24, profile: profile)
        var frames: [(DashboardState, Frame)] = []
        for _ in Fixtures.mixed.indices {
            frames.append((state, DashboardRenderer.render(state)))
            _ = state.update(.key(.down, at: state.now))
        }
        return frames
    }

    /// The job rows of a table frame (after the header and the titles), by the arrow in their first column.
    static func jobRows(_ frame: Frame, profile: TextProfile = .utf8) -> (selected: [FrameRow], others: [FrameRow]) {
        let arrow = profile == .utf8 ? "▸" : ">"
        let rows = frame.rows[3..<(3 + Fixtures.mixed.count)]
        return (
            rows.filter { $0.spans.first?.text.hasPrefix(arrow) == true },
            rows.filter { $0.spans.first?.text.hasPrefix(arrow) != true }
        )
    }

    @Test(
        "every cell of the selected row is on the bar, none reversed; no other row is",
        arguments: [60, 80, 120, 200], [TextProfile.utf8, .ascii])
    func uniformBar(width: Int, profile: TextProfile) {
        for (state, frame) in Self.framesSelectingEachRow(width: width, profile: profile) {
            let (selected, others) = Self.jobRows(frame, profile: profile)
            #expect(selected.count == 1, "\(state.selectedID ?? "-")")
            guard let bar = selected.first else { continue }
            #expect(bar.width == width)
            for span in bar.spans {
                #expect(span.style.selected, "\(state.selectedID ?? "-"): '\(span.text)' is off the bar")
                #expect(!span.style.reverse, "\(state.selectedID ?? "-"): '\(span.text)' in reverse video")
                #expect(!span.style.dim, "\(state.selectedID ?? "-"): '\(span.text)' dimmed on the bar")
            }
            for row in others { #expect(row.spans.allSatisfy { !$0.style.selected && !$0.style.reverse }) }
            // The rest of the screen is never on the bar either.
            for (index, row) in frame.rows.enumerated() where !(3..<(3 + Fixtures.mixed.count)).contains(index) {
                #expect(row.spans.allSatisfy { !$0.style.selected })
            }
        }
    }

    @Test("on the bar the status symbol keeps the status colour; the word is in the bar's own")
    func statusColourInTheSymbol() throws {
        for (state, frame) in Self.framesSelectingEachRow(width: 120) {
            let tracked = try #require(state.selectedID.flatMap { state.engine[$0] })
            let row = state.jobRow(tracked)
            let bar = try #require(Self.jobRows(frame).selected.first)
            let symbol = try #require(bar.spans.first { $0.text.hasPrefix(row.statusSymbol) })
            #expect(symbol.style.color == row.statusStyle.color, "\(tracked.job.id)")
            // The word follows the symbol in a span of its own, off the status colour.
            let index = try #require(bar.spans.firstIndex { $0.text.hasPrefix(row.statusSymbol) })
            let word = bar.spans[index + 1]
            #expect(word.text.hasPrefix(" " + row.statusWord.prefix(3)), "\(tracked.job.id): '\(word.text)'")
            #expect(word.style.color == nil, "\(tracked.job.id): the word '\(word.text)' is coloured")
        }
    }

    @Test("the mark (*) and the pin (+) show on the selected row, in their colour, on the bar")
    func marksOnTheBar() throws {
        let state = Fixtures.state(Fixtures.mixed, width: 120, height: 24)
        let id = try #require(state.selectedID)
        var row = state.jobRow(try #require(state.engine[id]))
        row.pinned = true
        row.shortID = "b_b2"
        let table = JobTableView(state: state, cache: nil)
        let widths = JobColumnWidths(width: 120, columns: table.columns)
        let built = table.build(row, selected: true, marked: true, widths: widths, width: 120)
        let text = built.spans.map(\.text).joined()
        #expect(text.hasPrefix("▸*"))
        #expect(text.contains("b_b2+"))
        let mark = try #require(built.spans.first)
        #expect(mark.style == Style(color: .yellow, bold: true, selected: true))
        let pin = try #require(built.spans.first { $0.text == "+" })
        #expect(pin.style == Style(color: .yellow, bold: true, selected: true))
        #expect(built.spans.allSatisfy { $0.style.selected })
        // The same row unselected: the mark and the pin without the bar.
        let plain = table.build(row, selected: false, marked: true, widths: widths, width: 120)
        #expect(plain.spans.map(\.text).joined().hasPrefix(" *"))
        #expect(plain.spans.first { $0.text == "+" }?.style == Style(color: .yellow, bold: true))
    }

    @Test(
        "the empty track is a dim line (a dot in ASCII), never the light-shade texture", arguments: [60, 80, 120, 200])
    func emptyTrack(width: Int) throws {
        for profile in [TextProfile.utf8, .ascii] {
            for (_, frame) in Self.framesSelectingEachRow(width: width, profile: profile) {
                #expect(!frame.text.contains("░"))
                let track = profile == .utf8 ? "─" : "."
                // Every run of the track glyph off the bar is dim; the fixtures have a few.
                let tracks = Self.jobRows(frame, profile: profile).others.flatMap(\.spans).filter {
                    !$0.text.isEmpty && $0.text.allSatisfy { String($0) == track }
                }
                #expect(tracks.count >= 4, "\(profile) \(width)")
                for span in tracks { #expect(span.style.dim, "'\(span.text)'") }
            }
        }
        // A job at 0% is all track, at 100% none; the bar and its label always fill the column.
        for columns in [9, 12, 16] {
            for (percentage, filled) in [
                (0.0, 0), (100.0, columns - 5), (50.0, Int((Double(columns - 5) / 2).rounded())),
            ] {
                let bar = ProgressBar(percentage, columns: columns, utf8: true)
                #expect(bar.filled == String(repeating: "█", count: filled))
                #expect(bar.track == String(repeating: "─", count: columns - 5 - filled))
                #expect(TerminalText.width(bar.text) == columns)
            }
        }
        #expect(ProgressBar(30, columns: 15, utf8: false).text == "###.......  30%")
        #expect(!JobText.bar(40, width: 10, profile: .utf8).contains("░"))
        #expect(JobText.bar(40, width: 10, profile: .utf8).hasPrefix("[████──────]"))
    }
}
