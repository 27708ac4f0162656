import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

#if canImport(Glibc)
    import Glibc
#endif

@Suite("History file: appended, loaded, compacted, private")
struct HistoryFileTests {
    func directory() -> String {
        let path = NSTemporaryDirectory() + "history-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func sample(_ id: String, _ seconds: Double, type: String = "scraping") -> DurationSample {
        DurationSample(type: type, id: JobID(id), seconds: seconds, endedAt: Date(timeIntervalSince1970: 1_796_220_202))
    }

    @Test("one file per server, a safe name; samples appended read back; a bad line skipped; mode 0600")
    func appendAndLoad() throws {
        let base = directory()
        let file = HistoryFile(directory: base, server: "api.example.com:8443/../x")
        #expect(file.path == base + "/history/api.example.com_8443_.._x.jsonl")
        #expect(file.load().samples.isEmpty)
        try file.append(Self.sample("a", 10))
        try file.append(Self.sample("b", 20))
        let handle = try #require(FileHandle(forWritingAtPath: file.path))
        handle.seekToEndOfFile()
        handle.write(Data("not a sample\n".utf8))
        handle.closeFile()
        try file.append(Self.sample("a", 99))
        #expect(file.load().samples.map(\.id) == ["a", "b"], "a job once; the bad line skipped")
        var info = stat()
        #expect(lstat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test("a file of more than twice the bound is rewritten with the samples kept, privately")
    func compaction() throws {
        let file = HistoryFile(directory: directory(), server: "s")
        for index in 0..<(2 * DurationHistory.perType + 10) { try file.append(Self.sample("j\(index)", 1)) }
        let history = file.load()
        #expect(history.samples.count == DurationHistory.perType)
        let lines = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == DurationHistory.perType)
        #expect(lines.first.flatMap { DurationSample(line: $0) }?.id == JobID("j\(DurationHistory.perType + 10)"))
        #expect(file.load().samples == history.samples)
        var info = stat()
        #expect(lstat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".compacting"))
    }
}
