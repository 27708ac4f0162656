import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Log files: no links, close-on-exec, mode 600, rotation, audit failures said")
struct LogFileTests {
    func directory() -> String {
        let path = NSTemporaryDirectory() + "logs-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test("created 0600 in a 0700 directory, close-on-exec; a looser file is brought back to 0600")
    func createdPrivate() throws {
        let path = directory() + "/state/tasks-tui.log"
        let (fd, size) = try LogFile.openForAppend(path)
        defer { close(fd) }
        #expect(size == 0)
        #expect(mode(path) == 0o600)
        #expect(mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(fd, F_GETFL) & O_NONBLOCK == 0)
        chmod(path, 0o644)
        let (again, _) = try LogFile.openForAppend(path)
        close(again)
        #expect(mode(path) == 0o600)
    }

    @Test("a symbolic link or a FIFO in a log's place is refused; the link's target is untouched")
    func noLinks() throws {
        let dir = directory()
        let target = dir + "/precious"
        try "keep me\n".write(toFile: target, atomically: false, encoding: .utf8)
        let link = dir + "/audit.log"
        #expect(symlink(target, link) == 0)
        #expect(throws: LogFile.Failure.self) { try LogFile.openForAppend(link) }
        #expect(FileLogHandler.Sink(path: link) == nil)
        let audit = AuditLog(path: link, server: "s")
        let error = #expect(throws: LogFile.Failure.self) {
            try audit.record(jobID: "j", type: "t", outcome: .cancelled, source: "cli")
        }
        #expect(error?.description.contains("audit log not written") == true)
        #expect(error?.description.contains("symbolic link") == true)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        let fifo = dir + "/fifo.log"
        #expect(mkfifo(fifo, 0o600) == 0)
        let notRegular = #expect(throws: LogFile.Failure.self) { try LogFile.openForAppend(fifo) }
        #expect(notRegular?.description.contains("not a regular file") == true)
    }

    @Test("the log is rotated at its cap to PATH.1, one generation; the audit log never is")
    func rotation() throws {
        let dir = directory()
        let path = dir + "/tasks-tui.log"
        let sink = try #require(FileLogHandler.Sink(path: path, limit: 1000))
        let line = String(repeating: "x", count: 99) + "\n"
        for _ in 0..<25 { sink.write(line) }
        let size = { (path: String) -> Int in
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        }
        #expect(size(path) > 0 && size(path) <= 1000)
        #expect(size(path + ".1") > 0 && size(path + ".1") <= 1000)
        #expect(!FileManager.default.fileExists(atPath: path + ".2"))
        #expect(mode(path) == 0o600)
        // 2,500 bytes written, 2 files of at most 1,000 kept: the oldest generation was dropped.
        #expect(size(path) + size(path + ".1") < 2500)
        #expect(FileLogHandler.Sink.defaultLimit == 10 << 20)

        let audit = AuditLog(path: dir + "/audit.log", server: "s")
        for index in 0..<200 {
            try audit.record(
                jobID: JobID("job-\(index)"), type: "t", outcome: .failed(String(repeating: "y", count: 80)),
                source: "cli")
        }
        let lines = try String(contentsOfFile: dir + "/audit.log", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 200 && lines[0].contains(#""job_id":"job-0""#))
        #expect(!FileManager.default.fileExists(atPath: dir + "/audit.log.1"))
    }

    @Test("a failed audit write is shown in the dashboard's footer, with the cancel's own message")
    func auditFailureFooter() {
        var state = DashboardState(
            options: .init(serverLabel: "s", demo: false, readOnly: false, profile: .utf8, timeZone: .utc),
            engine: PollingEngine(start: Date()), now: Date())
        _ = state.update(.resize(width: 100, height: 24))
        let effects = state.update(.auditFailed("audit log not written (/x/audit.log: Permission denied)"))
        let footer = DashboardRenderer.render(state).text.split(separator: "\n")[22]
        #expect(footer.contains("NOT RECORDED: audit log not written (/x/audit.log: Permission denied)"))
        #expect(state.message?.severity == .warning)
        #expect(effects.contains { if case .footer = $0 { true } else { false } })
    }
}
