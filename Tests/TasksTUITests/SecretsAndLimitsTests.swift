import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #24: core dumps off, `config` sanitised, log rotation that never
/// writes on into the rotated file, empty proxy variables unset.
@Suite("Secrets and limits: core dumps, config output, log rotation, proxies")
struct SecretsAndLimitsTests {
    @Test("at start core dumps are turned off (RLIMIT_CORE 0, not dumpable), unless TASKS_TUI_ALLOW_CORE=1")
    func coreDumps() {
        // The opt-out changes nothing (checked first: turning dumps off cannot be undone).
        let limitBefore = CoreDumps.limit
        #expect(CoreDumps.disable(environment: ["TASKS_TUI_ALLOW_CORE": "1"]) == .allowedByEnvironment)
        #expect(CoreDumps.limit == limitBefore)
        #expect(CoreDumps.disable(environment: ["TASKS_TUI_ALLOW_CORE": "0"]) == .disabled)
        #expect(CoreDumps.limit == 0)
        #expect(CoreDumps.dumpable == false)
    }

    @Test("config output holds no escape sequence from a profile name or a TASKS_CONFIG path")
    func configSanitised() {
        var settings = Settings()
        settings.configFile = "/tmp/\u{1B}]0;pwned\u{07}config.json"
        for key in Settings.keys { settings.sources[key] = .defaultValue }
        settings.sources[SettingKey.apiURL.rawValue] = .profile(
            "prod\u{1B}[2J\u{9B}31m", file: "/x\u{1B}]52;c;eA==\u{07}")
        settings.apiURL = URL(string: "https://api.example.com")
        let lines = ConfigCommand.report(settings, environment: [:], tokenUsable: true, profile: .utf8)
        #expect(lines.count > 3)
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line)")
        }
        #expect(lines[0].hasPrefix("config file: /tmp/"))
        #expect(lines.contains { $0.contains("profile prod") })
    }

    @Test("when the log cannot be reopened after rotation, nothing more is written into PATH.1")
    func rotationReopenFails() throws {
        let directory = NSTemporaryDirectory() + "rotate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tasks-tui.log"
        let opens = Locked(0)
        let allowed = Locked(true)
        let sink = try #require(
            FileLogHandler.Sink(path: path, limit: 1000) { (path: String) throws(LogFile.Failure) in
                opens.withLock { $0 += 1 }
                guard allowed.withLock({ $0 }) else { throw LogFile.Failure(description: "refused for the test") }
                return try LogFile.openForAppend(path)
            })
        let line = String(repeating: "x", count: 99) + "\n"
        for _ in 0..<9 { sink.write(line) }
        allowed.withLock { $0 = false }
        for _ in 0..<30 { sink.write(line) }
        let size = { (path: String) -> Int in
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        }
        // Rotated once at the cap; what was written before is in PATH.1 and it did not grow after.
        #expect(size(path + ".1") == 1000)
        #expect(!FileManager.default.fileExists(atPath: path))
        // Each later line tried to open PATH again.
        #expect(opens.withLock { $0 } > 2)
        allowed.withLock { $0 = true }
        sink.write(line)
        #expect(size(path) == 100)
        #expect(size(path + ".1") == 1000)
    }

    @Test("an empty proxy variable counts as unset, as in curl: an empty no_proxy does not hide NO_PROXY")
    func emptyProxyVariables() throws {
        let url = URL(string: "https://api.example.com")!
        let environment = ["HTTPS_PROXY": "http://proxy.corp:3128", "no_proxy": "", "NO_PROXY": "api.example.com"]
        #expect(try ProxyChoice.forURL(url, setting: nil, environment: environment) == nil)
        let emptyLower = ["https_proxy": "", "HTTPS_PROXY": "http://proxy.corp:3128"]
        #expect(try ProxyChoice.forURL(url, setting: nil, environment: emptyLower)?.host == "proxy.corp")
        let lowerWins = [
            "HTTPS_PROXY": "http://proxy.corp:3128", "no_proxy": "other.example", "NO_PROXY": "api.example.com",
        ]
        #expect(try ProxyChoice.forURL(url, setting: nil, environment: lowerWins)?.host == "proxy.corp")
    }

    @Test("every byte written to stdout or stderr goes through the redaction, the token's JSON form too")
    func consoleRedacted() throws {
        let secret = "tok/\(UUID().uuidString)"
        Redaction.install(try #require(BearerToken(secret)))
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        Console.write(
            fd: fds[1], "error: Bearer \(secret) and {\"t\":\"\(secret.replacingOccurrences(of: "/", with: "\\/"))\"}\n"
        )
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fds[0], &chunk, chunk.count)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        close(fds[0])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "error: Bearer <redacted> and {\"t\":\"<redacted>\"}\n")
    }
}
