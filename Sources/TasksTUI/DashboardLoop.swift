import CNcurses
import CTerminalGuard
import Dispatch
import FoundationEssentials
import Logging
import TasksModel

#if canImport(Glibc)
    import Glibc
#endif

/// The dashboard's main loop: one thread owns the terminal and the state;
/// requests run elsewhere and come back as messages through a queue and a
/// wake-up pipe, so input never waits on the network.
final class DashboardLoop {
    private let terminal: Terminal
    private var state: DashboardState
    private let executor: RequestExecutor
    private let inbox: Inbox
    private let logger: Logger
    private let audit: AuditLog?
    /// This server's duration history file; nil in the demo (it keeps its history in memory).
    private let history: HistoryFile?

    init(
        terminal: Terminal, state: DashboardState, api: any JobsAPI, logger: Logger, audit: AuditLog?,
        history: HistoryFile? = nil
    ) {
        self.history = history
        self.terminal = terminal
        self.state = state
        self.logger = logger
        self.audit = audit
        let inbox = Inbox()
        self.inbox = inbox
        executor = RequestExecutor(api: api) { inbox.post($0) }
    }

    /// Why the loop ended.
    enum Ending: CustomStringConvertible {
        case quit
        case signal(Int32)
        case terminalGone

        var description: String {
            switch self {
            case .quit: "quit"
            case .signal(let number): "signal \(number)"
            case .terminalGone: "terminal gone"
            }
        }
    }

    func run() -> Ending {
        tt_hold_little_free_memory()
        let signals = installSignalSources()
        // A resize must wake poll() at once, though the kernel may give SIGWINCH to another thread.
        tt_resize_wakes(inbox.writeFD)
        defer {
            tt_resize_wakes_off()
            for source in signals { source.cancel() }
            executor.cancelAll()
        }
        let size = terminal.size
        carryOut(state.update(.resize(width: size.width, height: size.height)))
        carryOut(state.start())
        var forceRepaint = true
        var emptyReads = 0
        /// Input came on the last wake: look again shortly. A lone Esc can stay
        /// in curses' own buffer (waiting to see whether a sequence follows)
        /// after the byte has left the descriptor, so poll() would not wake
        /// for it until the next key or tick, up to 10 s later.
        var inputJustCame = false
        var cause = FramePacer.Cause.key
        // After a large list: trim the heap again once the frame that shows it is
        // painted (sorting and rendering 10,000 rows leave holes of their own).
        var trimAfterPaint = false
        while true {
            if let number = inbox.signal.withLock({ $0 }) { return .signal(number) }
            // Paint (a key at once; the server's changes at most once a second, the
            // clock alone as `FramePacer.tickStep` says), then sleep until a key, a
            // result, a signal, the next redraw or engine deadline.
            let paintAt = Date()
            if forceRepaint || pacer.shouldFlush(now: paintAt, cause: cause, tickStep: pacer.tickStep(for: state)) {
                let frame = DashboardRenderer.render(state, cache: rowCache)
                terminal.paint(frame, force: forceRepaint)
                pacer.flushed(at: paintAt)
                forceRepaint = false
                carryOut(state.update(.painted(frame.jobs)))
                if trimAfterPaint {
                    tt_release_free_memory()
                    trimAfterPaint = false
                }
            }
            let now = Date()
            var wake = pacer.nextWake(for: state, after: now)
            // A due deadline means a request goes now (`nextWakeup` is nil while
            // nothing can be sent); the 5 ms floor is only a guard against spinning.
            if let due = state.engine.nextWakeup(after: now), due < wake {
                wake = max(due, now.addingTimeInterval(0.005))
            }
            // An open paste is cut at its deadline, input or not.
            if let cut = terminal.pasteDeadline, cut < wake { wake = max(cut, now.addingTimeInterval(0.005)) }
            if inputJustCame { wake = min(wake, now.addingTimeInterval(0.05)) }
            let timeout = Int32(max(0, min(10_000, (wake.timeIntervalSince(now) * 1000).rounded(.up))))
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, timeout)
            if ready < 0, errno != EINTR { return .terminalGone }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminalGone }
            if fds[1].revents != 0 { inbox.drainPipe() }

            // Keys (and KEY_RESIZE after a SIGWINCH). A terminal that polls
            // readable yet yields nothing, again and again, has gone away.
            var readAny = false
            cause = .tick
            for _ in 0..<256 {
                let input = terminal.readKey()
                if case .none = input { break }
                readAny = true
                cause = .key
                switch input {
                case .key(let key):
                    let effects = state.update(.key(key, at: Date()))
                    carryOut(effects)
                    if effects.contains(.quit) {
                        awaitCancelsInFlight()
                        return .quit
                    }
                    if effects.contains(.clearScreen) { forceRepaint = true }
                case .paste(let text, let complete):
                    carryOut(state.update(.paste(text, complete: complete)))
                case .mouse(let event):
                    carryOut(state.update(.mouse(event, at: Date())))
                case .resize:
                    let size = terminal.size
                    carryOut(state.update(.resize(width: size.width, height: size.height)))
                    forceRepaint = true
                case .none:
                    break
                }
            }
            inputJustCame = fds[0].revents & Int16(POLLIN) != 0
            if fds[0].revents & Int16(POLLIN) != 0 {
                emptyReads = readAny ? 0 : emptyReads + 1
                if emptyReads >= 50 { return .terminalGone }
            }

            // Results from the network.
            var events = inbox.events.withLock { events in
                defer { events.removeAll() }
                return events
            }
            var bigList = false
            if !events.isEmpty, cause != .key { cause = .server }
            for event in events {
                if case .completed(_, .list(.success(let list)), _, _) = event, list.jobs.count > 1000 {
                    bigList = true
                }
                carryOut(state.update(.engine(event)))
            }
            // A large list leaves its parsed tree freed but held by malloc: give it back
            // (once the events holding the decoded jobs, and the details let go of, are freed).
            events.removeAll()
            if bigList {
                tt_release_free_memory()
                trimAfterPaint = true
            }
            // Audit logs read in the background: only the answer to the latest `a` (an
            // older read may finish last and lack a cancel made since). It answers a key,
            // so it is painted at once, not held for the clock's next step.
            let reads = inbox.auditReads.withLock { reads in
                defer { reads.removeAll() }
                return reads
            }
            for answer in reads where answer.request == auditRequests {
                carryOut(state.update(.auditRead(answer.read)))
                cause = .key
            }
            carryOut(state.update(.tick(Date())))
        }
    }

    private let rowCache = RowCache()
    private var pacer = FramePacer()
    /// Reads of the audit log, one at a time, off the loop's thread.
    private let auditQueue = DispatchQueue(label: "tasks-tui.audit-read", qos: .utility)
    /// How many reads of the audit log were asked for: the latest is the one shown.
    private var auditRequests = 0

    /// Quitting with a cancel sent but not answered: wait up to 2 s for the
    /// answer (folding results in, sending nothing new), then audit those
    /// still unanswered as unknown, so no attempt goes unrecorded.
    private func awaitCancelsInFlight() {
        let start = Date()
        var events: [EngineEvent] = []
        while true {
            let (effects, done) = state.quitting(events, at: Date(), since: start)
            carryOut(effects)
            if done { return }
            let left = start.addingTimeInterval(DashboardState.quitWait).timeIntervalSinceNow
            var fds = [pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, Int32(max(0, (left * 1000).rounded(.up))))
            inbox.drainPipe()
            events = inbox.events.withLock { events in
                defer { events.removeAll() }
                return events
            }
        }
    }

    /// Runs the effects that reach outside the loop: requests, log and audit
    /// lines. Quitting and repainting are the loop's own: `run` reads them
    /// from the same values. The footer is already in the state.
    private func carryOut(_ effects: [DashboardEffect]) {
        let requests = effects.requests
        if !requests.isEmpty { executor.submit(requests) }
        for effect in effects {
            switch effect {
            case .log(let line):
                logger.info("\(line)")
            case .audit(let id, let type, let outcome):
                do {
                    // The title as the dashboard knows it now, when the attempt is recorded.
                    try audit?.record(
                        jobID: id, type: type, outcome: outcome, source: "dashboard",
                        title: state.engine[id]?.job.title)
                } catch {
                    logger.error("\(error.description)")
                    carryOut(state.update(.auditFailed(error.description)))
                }
            case .recordDuration(let sample):
                do {
                    try history?.append(sample)
                } catch {
                    // The history only helps; a sample not written costs an estimate, never a job.
                    logger.warning("duration history not written: \(error.description)")
                }
            case .readAuditLog:
                guard let audit else {
                    carryOut(
                        state.update(
                            .auditRead(
                                .unavailable("the demo writes no audit log: its cancels reach only its simulator"))))
                    break
                }
                // Off the loop's thread: a log of years of cancels takes a while to read and
                // sort, and the screen keeps drawing ("reading the audit log…") meanwhile.
                // On a queue of its own, not Swift's task pool, where the requests run.
                auditRequests += 1
                let (inbox, request) = (self.inbox, auditRequests)
                auditQueue.async { inbox.post(audit.read(), request: request) }
            case .flushInput:
                flushinp()
            case .copyToClipboard(let text):
                terminal.copyToClipboard(text)
            case .notify(let notification):
                terminal.notify(notification)
            case .send, .footer, .quit, .clearScreen:
                break
            }
        }
    }

    private func installSignalSources() -> [any DispatchSourceSignal] {
        var sources: [any DispatchSourceSignal] = []
        let inbox = self.inbox
        for number in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { inbox.post(signal: number) }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}
