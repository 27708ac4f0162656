import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The audit log on disk: `AuditLog.record` appends JSON lines after the old
/// text lines of an existing file, privately, without the token, and the
/// `audit` command reads back what was written.
@Suite("Audit log file: JSON lines appended, read back by tasks-tui audit")
struct AuditLogTests {
    func directory() -> String {
        let path = NSTemporaryDirectory() + "audit-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("appended after old lines: every line reads, in order, with title, profile and front end")
    func appendsAfterOldLines() throws {
        let path = directory() + "/state/audit.log"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old =
            "2026-12-01T09:00:00.000Z\tuser=bob\thost=h\tsource=cli\tserver=127.0.0.1:8080\tjob=j0\ttype=scraping\toutcome=cancelled\n"
        try old.write(toFile: path, atomically: false, encoding: .utf8)
        let audit = AuditLog(path: path, server: "127.0.0.1:8080", profile: "prod")
        try audit.record(jobID: "j1", type: "research", outcome: .accepted, source: "cli", title: "Q3 report")
        try audit.record(jobID: "job_cafe\u{301}", type: "research", outcome: .cancelled, source: "dashboard")
        let bytes = try #require(try AuditLog.bytes(at: path))
        let contents = AuditLogContents(bytes: bytes)
        #expect(contents.skippedLines.isEmpty)
        #expect(contents.entries.map(\.jobID) == ["j0", "j1", "job_cafe\u{301}"])
        #expect(contents.entries[1].title == "Q3 report" && contents.entries[1].profile == "prod")
        #expect(contents.entries[1].outcome == "accepted" && contents.entries[1].frontEnd == "cli")
        #expect(contents.entries[2].frontEnd == "dashboard" && contents.entries[2].user == AuditLog.userName)
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try AuditLog.bytes(at: path + ".none") == nil)
    }

    @Test("the dashboard's audit screen reads this server's lines only, newest first; no file is said in words")
    func dashboardRead() throws {
        let path = directory() + "/audit.log"
        let here = AuditLog(path: path, server: "api.example.com:8443")
        #expect(here.read() == .unavailable("no audit log yet at \(path): no cancel has been recorded"))
        try here.record(jobID: "j1", type: "t", outcome: .cancelled, source: "dashboard")
        try AuditLog(path: path, server: "other.example.com").record(
            jobID: "j2", type: "t", outcome: .cancelled, source: "cli")
        try here.record(jobID: "j3", type: "t", outcome: .accepted, source: "cli")
        try AuditLog(path: path, server: "api.example.com").record(
            jobID: "j4", type: "t", outcome: .cancelled, source: "cli")
        try "not a line of either format\n".appendLine(toFile: path)
        guard case .entries(let entries, let skipped, let shownPath) = here.read() else {
            Issue.record("no entries read")
            return
        }
        #expect(entries.map(\.jobID) == ["j3", "j1"])
        #expect(skipped == 1 && shownPath == path)
        let directoryPath = directory()
        guard case .unavailable(let why) = AuditLog(path: directoryPath, server: "s").read() else {
            Issue.record("a directory read as a log")
            return
        }
        #expect(why.contains("not a regular file"))
    }

    @Test("the installed token is never written, in a title, an outcome or an id")
    func tokenNeverWritten() throws {
        let secret = "audit_secret_7Qp2Zr9Lx4"
        Redaction.install(try #require(BearerToken(secret)))
        let path = directory() + "/audit.log"
        try AuditLog(path: path, server: "s").record(
            jobID: JobID("id_\(secret)"), type: "t", outcome: .failed("401 for Bearer \(secret)"), source: "cli",
            title: "title \(secret)\n{\"forged\":1}")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(secret))
        #expect(text.split(separator: "\n").count == 1)
        let entry = try #require(AuditEntry(line: text.trimmingCharacters(in: .newlines)))
        #expect(entry.outcome == "failed: 401 for Bearer <redacted>")
        #expect(entry.title == "title <redacted>?{\"forged\":1}")
    }
}

extension String {
    /// Appends the text to the file at `path` (for a line the writer never writes).
    func appendLine(toFile path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(utf8))
        handle.closeFile()
    }
}
