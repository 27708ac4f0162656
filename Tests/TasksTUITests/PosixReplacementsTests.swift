import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// What replaced Foundation's `Process`, `Thread`, `NSHomeDirectory` and
/// `NSString` path handling: checked against what they did.
@Suite("POSIX in place of Foundation: child process, thread, home, paths")
struct PosixReplacementsTests {
    @Test("a helper's output is read whole; a missing program is nil")
    func output() {
        #expect(
            ChildProcess.output(["printf", "256,hyperlinks\\nsecond"], timeout: .seconds(5)) == "256,hyperlinks\nsecond"
        )
        // Standard input is /dev/null: cat ends at once with nothing.
        #expect(ChildProcess.output(["cat"], timeout: .seconds(5)) == "")
        #expect(ChildProcess.output(["no-such-program-tasks-tui"], timeout: .seconds(5)) == nil)
        #expect(ChildProcess.output([], timeout: .seconds(5)) == nil)
    }

    @Test("a helper past its deadline, or writing without end, is killed and reaped: nil")
    func killed() {
        #expect(ChildProcess.output(["sleep", "30"], timeout: .milliseconds(200)) == nil)
        #expect(ChildProcess.output(["yes"], timeout: .seconds(10), limit: 100_000) == nil)
        // Closed its output but lingers: still bounded by the deadline.
        #expect(ChildProcess.output(["sh", "-c", "exec >&-; sleep 30"], timeout: .milliseconds(200)) == nil)
    }

    @Test("the child starts with no signal blocked, though its caller (a Dispatch worker) blocks nearly all")
    func childSignalMask() async {
        // A thread that blocks every signal, as Dispatch's workers do, asks.
        let mask: String? = await withCheckedContinuation { continuation in
            let started = DetachedThread.start {
                var all = sigset_t()
                sigfillset(&all)
                pthread_sigmask(SIG_SETMASK, &all, nil)
                continuation.resume(
                    returning: ChildProcess.output(["grep", "SigBlk", "/proc/self/status"], timeout: .seconds(5)))
            }
            if !started { continuation.resume(returning: "no thread") }
        }
        #expect(mask?.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test("the detached thread runs its body with no signal blocked (SIGWINCH must reach its poll)")
    func detachedThread() async {
        let blocked: String = await withCheckedContinuation { continuation in
            let started = DetachedThread.start {
                let status = (try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)) ?? ""
                let line = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }.map(String.init) ?? "?"
                continuation.resume(returning: line)
            }
            if !started { continuation.resume(returning: "no thread") }
        }
        #expect(blocked == "SigBlk:\t0000000000000000")
    }

    @Test("the account's home is the password database's, as NSHomeDirectory read it without HOME")
    func accountHome() {
        let expected = getpwuid(getuid()).flatMap { $0.pointee.pw_dir }.map { String(cString: $0) }
        #expect(HomeDirectory.account() == expected)
    }

    @Test("a log file's directory: as NSString's deletingLastPathComponent for the paths a user gives")
    func parentDirectory() {
        for path in ["/a/b/c.log", "/a/b/", "/x.log", "/", "x.log", "a/b.log", "~/state/t.log", "/a/b//"] {
            let expected = (path as NSString).deletingLastPathComponent
            #expect(LogFile.parentDirectory(path) == expected, "\(path)")
        }
    }
}
