import Foundation
import Testing

@testable import TasksModel

/// `tasks-tui audit`'s plain output: aligned on a terminal, tab-separated in a
/// pipe, and sanitised either way, so an entry cannot steer the terminal.
@Suite("Audit output: the table and the tab-separated lines")
struct AuditTextTests {
    init() { #expect(utf8LocaleReady) }

    static let hostile = AuditEntry(
        time: Date(timeIntervalSince1970: 1_796_220_202), user: "alice", host: "jump1", server: "127.0.0.1:8080",
        profile: nil, jobID: "job_cafe\u{301}", type: "research",
        title: "Title\u{1B}]0;pwned\u{7}\u{1B}[2J\twith tab\u{202E}", outcome: "cancelled", frontEnd: "dashboard")
    static let plain = AuditEntry(
        time: Date(timeIntervalSince1970: 1_796_220_142), user: "bob", host: "h", server: "api.example.com",
        profile: "prod", jobID: "job_1", type: "scraping", title: nil, outcome: "aborted at the confirmation",
        frontEnd: "cli")

    @Test("tab-separated: a header, one line per entry, eleven fields, no escape or tab from a value")
    func tabSeparated() {
        let lines = AuditText.tabSeparated([Self.hostile, Self.plain], profile: .utf8)
        #expect(lines.count == 3)
        #expect(lines[0] == AuditText.fields.joined(separator: "\t"))
        for line in lines {
            #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 11, "\(line)")
            #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        }
        let fields = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[0] == "2026-12-02T14:03:22.000Z" && fields[1] == "dashboard" && fields[4] == "127.0.0.1:8080")
        #expect(Array(fields[6].utf8) == Array("job_cafe\u{301}".utf8))
        #expect(fields[8] == "cancel" && fields[9] == "cancelled")
        #expect(lines[2].hasSuffix("\tjob_1\tscraping\tcancel\taborted at the confirmation\t"))
    }

    @Test("on a terminal: aligned columns within the width, the exact id beside a look-alike, nothing raw")
    func table() {
        for width in [60, 80, 120, 200] {
            let lines = AuditText.table([Self.hostile, Self.plain], width: width, profile: .utf8)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("TIME (UTC)"))
            for line in lines {
                #expect(TerminalText.width(line) <= width, "\(width): \(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E }, "\(line)")
            }
            // The columns line up: the outcome starts at the same column on every line.
            let starts = zip(lines, ["OUTCOME", "cancelled", "aborted"]).map { line, word in line.range(of: word) }
            #expect(starts.allSatisfy { $0 != nil })
            let columns = zip(lines, starts).map { line, range in TerminalText.width(String(line[..<range!.lowerBound]))
            }
            #expect(Set(columns).count == 1, "\(width): \(lines)")
        }
        let wide = AuditText.table([Self.hostile], width: 200, profile: .utf8)
        #expect(wide[1].contains("2026-12-02 14:03:22  dashboard"))
        #expect(wide[1].contains("(exact job_cafe\\u{301})"))
    }
}
