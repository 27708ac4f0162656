import Foundation
import Testing

@testable import TasksModel

@Suite("Watching a job: w, its ending in the footer, the bell and the OSC 9/777 notification")
struct WatchNotifyTests {
    /// Cell widths (`wcwidth`) follow the process locale: set UTF-8 before any test here runs.
    init() { #expect(utf8LocaleReady) }

    static let running = Fixtures.job(
        "job_watch1", .processing, type: "store_scraping", title: "acme-store.com catalogue", minutesAgo: 3,
        percentage: 42, step: "Scraping page 17 of 40")

    /// A dashboard with `running` selected, its notifications sent by `notifier`.
    static func state(notifier: TerminalNotifier = TerminalNotifier(bell: true, desktop: .osc9)) -> DashboardState {
        var state = Fixtures.state([running] + Fixtures.mixed)
        state.options.notifier = notifier
        while state.selectedID != running.id, state.selectedIndex.map({ $0 < state.visible.count - 1 }) ?? false {
            _ = state.update(.key(.down, at: state.now))
        }
        precondition(state.selectedID == running.id)
        return state
    }

    static func press(_ character: Character, _ state: inout DashboardState) -> [DashboardEffect] {
        state.update(.key(.character(character), at: state.now))
    }

    /// The job's own poll answers with `result`, 5 s later.
    static func answer(_ result: Result<Job, APIError>, _ state: inout DashboardState) -> [DashboardEffect] {
        state.update(
            .engine(.completed(.job(id: running.id), .job(result), at: state.now.addingTimeInterval(5))))
    }

    /// `running`, finished with `status` 4m12s after it started.
    static func ended(_ status: JobStatus, error: String? = nil, title: String? = nil) -> Job {
        var job = running
        job.status = status
        job.completedAt = running.startedAt!.addingTimeInterval(252)
        if let error { job.error = JobError(message: error, details: [:]) }
        if let title { job.title = title }
        return job
    }

    static func notifications(_ effects: [DashboardEffect]) -> [TerminalNotification] {
        effects.compactMap { if case .notify(let notification) = $0 { notification } else { nil } }
    }

    @Test("w watches the selected job: pinned, marked on its row and counted in the header; w again stops")
    func watchAndUnwatch() {
        var state = Self.state()
        #expect(state.engine[Self.running.id]?.pinned == false)
        let effects = Self.press("w", &state)
        #expect(state.watched[Self.running.id] != nil)
        #expect(state.engine[Self.running.id]?.pinned == true, "polled until it ends")
        #expect(state.message?.text.contains("watching") == true)
        #expect(effects.requests.isEmpty && Self.notifications(effects).isEmpty)
        let frame = DashboardRenderer.render(state).text
        #expect(frame.contains("◉ 1 watched"), "\(frame)")
        #expect(frame.split(separator: "\n").contains { $0.contains("◉") && $0.contains("acme-store") })
        _ = Self.press("w", &state)
        #expect(state.watched.isEmpty)
        #expect(state.engine[Self.running.id]?.pinned == false, "unwatching gives the pin back")
        #expect(state.message?.text.hasPrefix("stopped watching") == true)
        #expect(!DashboardRenderer.render(state).text.contains("watched"))
    }

    @Test("a watched job that completes: footer with the duration, the bell and OSC 9, once; no longer watched")
    func completes() throws {
        var state = Self.state()
        _ = Self.press("w", &state)
        let effects = Self.answer(.success(Self.ended(.completed)), &state)
        let notification = try #require(Self.notifications(effects).first)
        #expect(Self.notifications(effects).count == 1)
        #expect(notification.bytes.hasPrefix("\u{07}\u{1B}]9;tasks-tui: job completed: acme-store.com catalogue"))
        #expect(notification.bytes.hasSuffix("completed in 4m12s\u{07}"))
        #expect(state.message?.text == "watched job \(state.shortIDs[Self.running.id]!) completed in 4m12s")
        #expect(state.message?.severity == .info)
        #expect(effects.contains(.log(state.message!.text)))
        #expect(state.watched.isEmpty)
        #expect(state.engine[Self.running.id]?.pinned == true, "kept on screen to read how it ended")
        // Told once: the next answer about it says nothing more.
        #expect(Self.notifications(Self.answer(.success(Self.ended(.completed)), &state)).isEmpty)
    }

    @Test("a watched job that fails: a warning footer with the error, and a notification")
    func fails() throws {
        var state = Self.state()
        _ = Self.press("w", &state)
        let effects = Self.answer(.success(Self.ended(.failed, error: "quota exceeded")), &state)
        let notification = try #require(Self.notifications(effects).first)
        #expect(notification.title == "tasks-tui: job failed")
        #expect(notification.body.hasSuffix("failed after 4m12s: quota exceeded"))
        #expect(state.message?.text.hasSuffix("failed after 4m12s: quota exceeded") == true)
        #expect(state.message?.severity == .warning)
        #expect(state.watched.isEmpty)
    }

    @Test("cancelled, and gone (404): each an ending, told once")
    func cancelledAndGone() throws {
        var state = Self.state()
        _ = Self.press("w", &state)
        var effects = Self.answer(.success(Self.ended(.cancelled)), &state)
        #expect(try #require(Self.notifications(effects).first).title == "tasks-tui: job cancelled")
        #expect(state.message?.text.hasSuffix("cancelled after 4m12s") == true)

        state = Self.state()
        _ = Self.press("w", &state)
        effects = Self.answer(.failure(.notFound("job \(Self.running.id)")), &state)
        #expect(try #require(Self.notifications(effects).first).title == "tasks-tui: job gone")
        #expect(state.message?.text.contains("is gone (404)") == true)
        #expect(state.watched.isEmpty)
    }

    @Test("a network error while watched is no ending: no bell, still watched; the real ending later is told")
    func networkErrorIsNoEnding() throws {
        var state = Self.state()
        _ = Self.press("w", &state)
        for error in [
            APIError.transport("connection refused"), .timeout(seconds: 10),
            .server(status: 503, message: "down", retryAfter: nil), .decode("garbage"),
        ] {
            let effects = Self.answer(.failure(error), &state)
            #expect(Self.notifications(effects).isEmpty, "\(error)")
            #expect(state.watched[Self.running.id] != nil, "\(error)")
            #expect(state.message?.text.contains("watched job") != true)
        }
        // A list that fails is no ending either.
        let listFailed = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.failure(.transport("reset"))),
                    at: state.now.addingTimeInterval(1))))
        #expect(Self.notifications(listFailed).isEmpty && state.watched.count == 1)
        #expect(state.engine[Self.running.id]?.job.status == .processing, "the last data is kept")
        let effects = Self.answer(.success(Self.ended(.completed)), &state)
        #expect(Self.notifications(effects).count == 1)
    }

    @Test("unwatched before it ends: nothing rings")
    func unwatchedRingsNothing() {
        var state = Self.state()
        _ = Self.press("w", &state)
        _ = Self.press("w", &state)
        let effects = Self.answer(.success(Self.ended(.failed, error: "boom")), &state)
        #expect(Self.notifications(effects).isEmpty)
        #expect(state.message?.text.contains("watched job") != true)
    }

    @Test("the ending seen through the list refresh is told too")
    func endingInTheList() {
        var state = Self.state()
        _ = Self.press("w", &state)
        let effects = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 50), .list(.success(JobList(jobs: [Self.ended(.completed)]))),
                    at: state.now.addingTimeInterval(30))))
        #expect(Self.notifications(effects).count == 1)
    }

    @Test("notify off: the footer says how it ended, and nothing is written to the terminal")
    func notifyOff() {
        var state = Self.state(notifier: .silent)
        _ = Self.press("w", &state)
        #expect(state.message?.text.contains("notify: off") == true)
        let effects = Self.answer(.success(Self.ended(.completed)), &state)
        #expect(Self.notifications(effects).isEmpty)
        #expect(state.message?.text.hasPrefix("watched job") == true)
    }

    @Test("w on a finished job watches nothing; w in the details pane watches the job shown")
    func finishedAndDetails() {
        var state = Fixtures.state(Fixtures.mixed)
        state.screen = .details(id: "job_c3", scroll: 0)
        _ = Self.press("w", &state)
        #expect(state.watched.isEmpty)
        #expect(state.message?.text.contains("already ended (completed)") == true)
        state.screen = .details(id: "job_a1", scroll: 0)
        _ = Self.press("w", &state)
        #expect(state.watched["job_a1"] != nil)
    }

    @Test("hostile server text cannot end the OSC early or start another sequence")
    func hostileText() throws {
        for notifier in [
            TerminalNotifier(bell: true, desktop: .osc9), TerminalNotifier(bell: true, desktop: .osc777),
            TerminalNotifier(bell: true, desktop: .osc777, tmux: true),
        ] {
            var state = Self.state(notifier: notifier)
            _ = Self.press("w", &state)
            let hostile = Fixtures.hostile + "\u{9C}\u{90}\u{1B}\\;x" + String(repeating: "A", count: 5000)
            let effects = Self.answer(
                .success(Self.ended(.failed, error: hostile, title: hostile)), &state)
            let bytes = try #require(Self.notifications(effects).first).bytes
            // The encoder sanitises on its own too, whoever calls it.
            Self.expectOneSequence(bytes, notifier)
            let direct = notifier.sequence(title: hostile, body: "body")
            Self.expectOneSequence(direct, notifier)
            if notifier.desktop == .osc777 {
                // Exactly the separators OSC 777 has: the title's own ";" became ",".
                let fields = direct.split(separator: "]777;", maxSplits: 1)[1]
                #expect(fields.filter { $0 == ";" }.count == 2, "\(direct.debugDescription)")
                #expect(fields.hasPrefix("notify;") && fields.contains(";body\u{07}"))
            }
        }
    }

    /// `bytes` are the bell and one OSC (wrapped for tmux when asked): no other control inside.
    static func expectOneSequence(_ bytes: String, _ notifier: TerminalNotifier) {
        do {
            let (head, tail) =
                notifier.tmux
                ? ("\u{07}\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;", "\u{07}\u{1B}\\")
                : (notifier.desktop == .osc9 ? "\u{07}\u{1B}]9;" : "\u{07}\u{1B}]777;notify;", "\u{07}")
            #expect(bytes.hasPrefix(head) && bytes.hasSuffix(tail))
            let inside = bytes.unicodeScalars.dropFirst(head.unicodeScalars.count).dropLast(tail.unicodeScalars.count)
            #expect(!inside.contains { TerminalText.isControl($0) }, "\(bytes.debugDescription)")
            #expect(bytes.count < 700, "the 5000-character step is cut")
        }
    }

    @Test("auto picks the bell and the terminal's OSC; tmux wraps; unknown terminals and screen get the bell alone")
    func chooser() {
        func pick(_ mode: NotifyMode, _ environment: [String: String]) -> TerminalNotifier {
            TerminalNotifier.choose(mode, environment: environment)
        }
        #expect(pick(.off, ["TERM_PROGRAM": "iTerm.app"]).isSilent)
        #expect(pick(.bell, ["TERM_PROGRAM": "iTerm.app"]) == TerminalNotifier(bell: true))
        #expect(pick(.auto, ["TERM": "xterm-256color"]) == TerminalNotifier(bell: true))
        #expect(pick(.auto, ["TERM": "linux"]) == TerminalNotifier(bell: true))
        #expect(pick(.auto, ["TERM_PROGRAM": "iTerm.app"]) == TerminalNotifier(bell: true, desktop: .osc9))
        #expect(pick(.auto, ["TERM": "xterm-kitty"]) == TerminalNotifier(bell: true, desktop: .osc9))
        #expect(pick(.auto, ["TERM_PROGRAM": "WezTerm"]) == TerminalNotifier(bell: true, desktop: .osc777))
        #expect(pick(.auto, ["TERM": "foot"]) == TerminalNotifier(bell: true, desktop: .osc777))
        #expect(
            pick(.auto, ["TERM": "tmux-256color", "TMUX": "/tmp/t,1,0", "KITTY_WINDOW_ID": "3"])
                == TerminalNotifier(bell: true, desktop: .osc9, tmux: true))
        #expect(
            pick(.auto, ["TERM": "screen", "STY": "1.pts", "KITTY_WINDOW_ID": "3"]) == TerminalNotifier(bell: true))
        #expect(pick(.osc777, ["TERM": "xterm"]) == TerminalNotifier(bell: true, desktop: .osc777))
        #expect(
            TerminalNotifier(bell: true, desktop: .osc9, tmux: true).sequence(title: "t", body: "b")
                == "\u{07}\u{1B}Ptmux;\u{1B}\u{1B}]9;t: b\u{07}\u{1B}\\")
        #expect(
            TerminalNotifier(bell: false, desktop: .osc777).sequence(title: "t;x", body: "b;c")
                == "\u{1B}]777;notify;t,x;b;c\u{07}")
        #expect(TerminalNotifier.silent.sequence(title: "t", body: "b").isEmpty)
    }

    @Test("the notify setting: TASKS_NOTIFY and the file, checked")
    func setting() throws {
        let resolved = try SettingsResolver.resolve(
            file: ["notify": "OFF"], filePath: "/c.json", environment: [:], flags: [:], home: "/h")
        #expect(resolved.notify == .off)
        let fromEnvironment = try SettingsResolver.resolve(
            file: nil, filePath: nil, environment: ["TASKS_NOTIFY": "osc777"], flags: [:], home: "/h")
        #expect(fromEnvironment.notify == .osc777)
        #expect(throws: SettingsError.self) {
            try SettingsResolver.resolve(
                file: nil, filePath: nil, environment: ["TASKS_NOTIFY": "loud"], flags: [:], home: "/h")
        }
        let defaults = try SettingsResolver.resolve(file: nil, filePath: nil, environment: [:], flags: [:], home: "/h")
        #expect(defaults.notify == .auto)
    }
}
