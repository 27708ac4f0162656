import Foundation
import Testing

@testable import TasksModel

/// `?` explains every mark and count the header and the rows can show: the
/// watched mark and the `?` count of statuses this client does not know.
@Suite("Help legend: every mark and count symbol the screen shows")
struct HelpLegendTests {
    /// The header's text at `width` for a dashboard with a watched job and a job of an unknown status.
    static func screen(width: Int, profile: TextProfile) -> (header: String, help: String) {
        // The mixed jobs hold one of a status this client does not know; one more.
        var jobs = Fixtures.mixed
        jobs.append(Fixtures.job("job_odd", .unknown("on_hold"), minutesAgo: 2))
        var state = Fixtures.state(jobs, width: width, height: 24, profile: profile)
        _ = state.paint()
        _ = state.update(.key(.character("w"), at: state.now))
        _ = state.paint()
        let header = HeaderView(state: state).rows(in: .init(top: 0, height: 2, width: width))
            .map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        let help = HelpView(readOnly: false, profile: profile).lines(width: width).joined(separator: " ")
        // Wrapped lines read as one text: runs of spaces made one.
        func words(_ text: String) -> String { text.split(separator: " ").joined(separator: " ") }
        return (words(header), words(help))
    }

    @Test("the watched mark: shown in the header, explained by ?", arguments: [TextProfile.utf8, .ascii])
    func watchedMark(profile: TextProfile) {
        let mark = JobRow.watchedMark(utf8: profile == .utf8)
        // 80 columns: at 120 the long counts still crowd the watched count out (the header's priorities).
        let (header, help) = Self.screen(width: 80, profile: profile)
        #expect(header.contains("\(mark) 1 watched"), "\(header)")
        #expect(help.contains("\(mark) after the id and in the header: watched (w)"), "\(help)")
    }

    @Test("every narrow count the header shows is in the legend, ? included", arguments: [TextProfile.utf8, .ascii])
    func countSymbols(profile: TextProfile) {
        let (header, help) = Self.screen(width: 80, profile: profile)
        #expect(header.contains("2?"), "the unknown statuses are counted as ?: \(header)")
        for count in HeaderView.countOrder {
            let symbol = JobRow.look(count.status, utf8: profile == .utf8).symbol
            #expect(help.contains("\(symbol) \(count.label)"), "\(symbol) \(count.label) missing from the help")
        }
        #expect(help.contains("? other (a status not in the API's five)"))
    }
}
