import ArgumentParser
import Testing

@testable import TasksTUI

/// `tasks-tui --version` prints the version and exits 0 (scripts/static-check.sh
/// runs it on the stripped release binary too).
@Suite("--version")
struct VersionTests {
    @Test("--version is 0.1.0 and exits 0, for the root command")
    func version() throws {
        #expect(TasksTUICommand.configuration.version == "0.1.0")
        do {
            _ = try TasksTUICommand.parseAsRoot(["--version"])
            Issue.record("--version parsed as a command")
        } catch {
            #expect(TasksTUICommand.fullMessage(for: error) == "0.1.0")
            #expect(TasksTUICommand.exitCode(for: error) == .success)
        }
    }
}
