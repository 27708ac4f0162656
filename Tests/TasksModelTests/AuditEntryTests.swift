import Foundation
import Testing

@testable import TasksModel

/// Issue #28: the audit log as JSON lines, read back with the lines written
/// before it, filtered as `tasks-tui audit` filters; nothing written or read
/// can carry the token, forge a line, or stop the reading.
@Suite("Audit log: JSON lines, the old text lines, filters")
struct AuditEntryTests {
    static let when = Date(timeIntervalSince1970: 1_796_220_202)  // 2026-12-02T14:03:22Z
    static let token = "tok_9f3a2b7c1d0e5f4a"
    static let redact = Redactor(secrets: [token]).redact

    static func entry(
        _ id: String = "job_1", time: Date = when, server: String? = "api.example.com", title: String? = "Q3 ads",
        outcome: String = "cancelled", frontEnd: String = "cli"
    ) -> AuditEntry {
        AuditEntry(
            time: time, user: "alice", host: "jump1", server: server, profile: "prod", jobID: JobID(id),
            type: "ad_generation", title: title, outcome: outcome, frontEnd: frontEnd)
    }

    /// A line as `AuditLog.record` wrote it before the JSON format (PR #27's code, verbatim fields).
    static let oldLine =
        "2026-12-02T14:03:22.123Z\tuser=alice\thost=jump1\tsource=dashboard\tserver=127.0.0.1:8080"
        + "\tjob=job_cafe\u{301}\tjob_exact=job_cafe\\u{301}\ttype=research\toutcome=aborted at the confirmation"

    @Test("an entry written as JSON reads back equal: keys sorted, one line, the exact id")
    func roundTrip() throws {
        let original = Self.entry()
        let line = original.jsonLine(redactingWith: Self.redact)
        #expect(
            line
                == #"{"action":"cancel","front_end":"cli","host":"jump1","job_id":"job_1","outcome":"cancelled","#
                + #""profile":"prod","server":"api.example.com","time":"2026-12-02T14:03:22.000Z","title":"Q3 ads","#
                + #""type":"ad_generation","user":"alice"}"#)
        #expect(AuditEntry(line: line) == original)
        // Absent fields are left out, and read back absent.
        var bare = original
        (bare.server, bare.profile, bare.title) = (nil, nil, nil)
        let bareLine = bare.jsonLine(redactingWith: Self.redact)
        #expect(!bareLine.contains("server") && !bareLine.contains("profile") && !bareLine.contains("title"))
        #expect(AuditEntry(line: bareLine) == bare)
    }

    @Test("look-alike ids keep their bytes through the file: café is not cafe + U+0301")
    func combiningCharacters() throws {
        let composed = Self.entry("job_caf\u{E9}")
        let combining = Self.entry("job_cafe\u{301}")
        let lines = [composed, combining].map { $0.jsonLine(redactingWith: Self.redact) }
        #expect(!lines[0].utf8.elementsEqual(lines[1].utf8))
        let read = try #require(AuditEntry(line: lines[1]))
        #expect(Array(read.jobID.text.utf8) == Array("job_cafe\u{301}".utf8))
        #expect(read.jobID != composed.jobID)
        #expect(AuditEntry(line: lines[0])?.jobID == composed.jobID)
    }

    @Test("control bytes cannot forge a line: newlines, ESC, C1 and DEL never reach the file raw")
    func controlBytes() throws {
        let hostile = Self.entry(
            "job\n{\"job_id\":\"forged\"}", title: "Evil\n{\"outcome\":\"cancelled\"}\u{1B}[2J\u{9B}31m\u{7F}\r\t")
        let line = hostile.jsonLine(redactingWith: Self.redact)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        let contents = AuditLogContents(text: line + "\n")
        #expect(contents.entries.count == 1 && contents.skippedLines.isEmpty)
        let read = try #require(contents.entries.first)
        // The title is cleaned as the text lines were; the id keeps its exact bytes, escaped in the JSON.
        #expect(read.title == "Evil?{\"outcome\":\"cancelled\"}?[2J?31m???")
        #expect(read.jobID == JobID("job\n{\"job_id\":\"forged\"}"))
        #expect(line.contains(#""job_id":"job\n{\"job_id\":\"forged\"}""#))
    }

    @Test("the token is never written, in any field, raw or escaped")
    func tokenRedacted() throws {
        var entry = Self.entry(
            "job_\(Self.token)", server: "api.example.com", title: "Bearer \(Self.token)",
            outcome: "failed: 401 for Bearer \(Self.token)")
        entry.profile = Self.token
        entry.type = "t\(Self.token)"
        let line = entry.jsonLine(redactingWith: Self.redact)
        #expect(!line.contains(Self.token))
        #expect(line.contains("Bearer <redacted>"))
        #expect(line.contains(#""job_id":"job_<redacted>""#))
    }

    @Test("a line in the old tab-separated format is read, with the exact spelling from job_exact")
    func oldFormat() throws {
        let read = try #require(AuditEntry(line: Self.oldLine))
        #expect(abs(read.time.timeIntervalSince1970 - 1_796_220_202.123) < 0.0005)
        #expect(read.user == "alice" && read.host == "jump1" && read.frontEnd == "dashboard")
        #expect(read.server == "127.0.0.1:8080" && read.profile == nil && read.title == nil)
        #expect(Array(read.jobID.text.utf8) == Array("job_cafe\u{301}".utf8))
        #expect(read.type == "research" && read.action == "cancel")
        #expect(read.outcome == "aborted at the confirmation")
        // Without server= or job_exact= (a plain id, no server label).
        let plain = try #require(
            AuditEntry(
                line: "2026-12-01T09:00:00.000Z\tuser=bob\thost=h\tsource=cli\tjob=j9\ttype=scraping\toutcome=cancelled"
            ))
        #expect(plain.jobID == JobID("j9") && plain.server == nil && plain.frontEnd == "cli")
        // An id with a control byte: `job=` held it cleaned, only `job_exact=` holds the bytes.
        let bell = try #require(
            AuditEntry(
                line: "2026-12-01T09:00:00.000Z\tuser=bob\thost=h\tsource=cli\tjob=bell?id\tjob_exact=bell\\u{7}id"
                    + "\ttype=scraping\toutcome=cancelled"))
        #expect(bell.jobID == JobID("bell\u{7}id"))
        #expect(AuditEntry.unescape("a\\u{1F600}b\\u{5C}") == "a\u{1F600}b\\")
        #expect(AuditEntry.unescape("a\\x") == nil)
    }

    @Test("a file of old lines then JSON lines reads in file order, newest first when shown")
    func mixedFile() throws {
        // The old line is the oldest (14:03:22.123), as in a real file: the JSON lines came after the upgrade.
        let later = Self.entry("job_2", time: Self.when.addingTimeInterval(60))
        let text =
            Self.oldLine + "\n"
            + Self.entry(time: Self.when.addingTimeInterval(10)).jsonLine(redactingWith: Self.redact) + "\n"
            + later.jsonLine(redactingWith: Self.redact) + "\n"
        let contents = AuditLogContents(text: text)
        #expect(contents.skippedLines.isEmpty)
        #expect(contents.entries.map(\.jobID) == ["job_cafe\u{301}", "job_1", "job_2"])
        #expect(contents.newestFirst(AuditFilter()).map(\.jobID) == ["job_2", "job_1", "job_cafe\u{301}"])
        // Two attempts in the same millisecond: the later line is the later attempt.
        let twins = AuditLogContents(entries: [Self.entry("a"), Self.entry("b")], skippedLines: [])
        #expect(twins.newestFirst(AuditFilter()).map(\.jobID) == ["b", "a"])
    }

    @Test("a corrupt line is skipped and counted by its number; the lines around it are read")
    func corruptLines() {
        let good = Self.entry().jsonLine(redactingWith: Self.redact)
        let text = [
            good, String(good.prefix(40)), "", "not a line", #"{"time":"2026-12-02T14:03:22Z"}"#, "[1,2]",
            "2026-12-02T14:03:22Z\tuser=x\tjob=j", "\u{FFFD}\u{FFFD}", Self.oldLine,
            "{" + String(repeating: "[", count: 5000),
        ].joined(separator: "\n")
        let contents = AuditLogContents(text: text)
        #expect(contents.entries.count == 2)
        #expect(contents.skippedLines == [2, 4, 5, 6, 7, 8, 10])
        let bytes = Array(good.utf8) + [0x0A, 0xFF, 0xFE, 0x0A] + Array(Self.oldLine.utf8)
        #expect(AuditLogContents(bytes: bytes).entries.count == 2)
        #expect(AuditLogContents(bytes: bytes).skippedLines == [2])
    }

    @Test("an id that cannot be told exactly is no entry: a bad job_exact, a repaired byte in job_id")
    func lossyIdsRefused() {
        let badExact = Self.oldLine.replacingOccurrences(
            of: "job_exact=job_cafe\\u{301}", with: "job_exact=job_\\u{D800}")
        #expect(badExact != Self.oldLine)
        #expect(AuditEntry(line: badExact) == nil)
        let cut = Self.oldLine.replacingOccurrences(of: "job_exact=job_cafe\\u{301}", with: "job_exact=job_cafe\\u{30")
        #expect(AuditEntry(line: cut) == nil)
        let json = Self.entry().jsonLine(redactingWith: { $0 }).replacingOccurrences(of: "job_1", with: "job_\u{FFFD}1")
        #expect(json.contains("\u{FFFD}") && AuditEntry(line: json) == nil)
    }

    @Test("a file converted to CRLF reads line by line; the tab-separated id of a look-alike is escaped")
    func crlfAndEscapedIDs() {
        let lines = [Self.entry("a"), Self.entry("job\u{200B}1")].map { $0.jsonLine(redactingWith: { $0 }) }
        let contents = AuditLogContents(text: lines.joined(separator: "\r\n") + "\r\n")
        #expect(contents.entries.map(\.jobID) == ["a", "job\u{200B}1"] && contents.skippedLines.isEmpty)
        let tsv = AuditText.tabSeparated(contents.entries, profile: .utf8)
        #expect(tsv[2].split(separator: "\t")[6] == "job\\u{200B}1")
        #expect(tsv[1].split(separator: "\t")[6] == "a")
    }

    @Test("the dashboard's filter takes its server's label exactly; --server a host takes any port")
    func exactServer() {
        let entries = [Self.entry("p", server: "api.example.com:8443"), Self.entry("n", server: "API.example.com")]
        let exact = AuditFilter(server: "api.example.com", exactServer: true)
        #expect(entries.filter(exact.matches).map(\.jobID) == ["n"])
        #expect(entries.filter(AuditFilter(server: "api.example.com").matches).map(\.jobID) == ["p", "n"])
    }

    @Test("--since, --job and --server keep exactly the entries they name")
    func filters() {
        let now = Self.when
        let entries = [
            Self.entry("old", time: now.addingTimeInterval(-7200)),
            Self.entry("recent", time: now.addingTimeInterval(-600), server: "api.example.com:8443"),
            Self.entry("job_cafe\u{301}", time: now.addingTimeInterval(-60), server: "staging.example.com"),
            Self.entry("job_caf\u{E9}", time: now, server: nil),
        ]
        let contents = AuditLogContents(entries: entries, skippedLines: [])
        func ids(_ filter: AuditFilter) -> [JobID] { contents.newestFirst(filter).map(\.jobID) }
        #expect(ids(AuditFilter(since: 3600, now: now)) == ["job_caf\u{E9}", "job_cafe\u{301}", "recent"])
        #expect(ids(AuditFilter(since: 60, now: now)) == ["job_caf\u{E9}", "job_cafe\u{301}"])
        #expect(ids(AuditFilter(jobID: JobID("job_cafe\u{301}"))) == ["job_cafe\u{301}"])
        #expect(ids(AuditFilter(jobID: JobID("job_caf\u{E9}"))) == ["job_caf\u{E9}"])
        #expect(ids(AuditFilter(jobID: JobID("rec"))).isEmpty)
        #expect(ids(AuditFilter(server: "API.example.com")) == ["recent", "old"])
        #expect(ids(AuditFilter(server: "api.example.com:8443")) == ["recent"])
        #expect(ids(AuditFilter(server: "example.com")).isEmpty)
        #expect(ids(AuditFilter(since: 3600, now: now, server: "staging.example.com")) == ["job_cafe\u{301}"])
    }

    @Test("--since durations: a number and a unit, run together; anything else refused")
    func durations() {
        let cases: [(String, Double)] = [("30m", 1800), ("1h", 3600), ("2d", 172_800), ("90s", 90), ("1h30m", 5400)]
        for (text, seconds) in cases { #expect((try? AuditDuration.parse(text).get()) == seconds, "\(text)") }
        for text in ["", "30", "m", "1x", "-1h", "1.5h", "0m", "١h", "99999w", "1 h"] {
            #expect((try? AuditDuration.parse(text).get()) == nil, "\(text)")
        }
    }
}
