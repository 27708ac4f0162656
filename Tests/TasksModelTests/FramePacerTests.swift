import Foundation
import Testing

@testable import TasksModel

/// Over SSH each flush is a packet: an idle screen must not change every
/// second, server changes are coalesced, and a key is answered at once.
@Suite("Frame pacing")
struct FramePacerTests {
    static func finished(_ count: Int) -> [Job] {
        (0..<count).map {
            Fixtures.job(
                "done_\($0)", $0 % 5 == 0 ? .failed : .completed, title: "Finished \($0)",
                minutesAgo: 3000 + Double($0),
                percentage: 100, step: "Done")
        }
    }

    @Test("an idle dashboard (200 finished jobs) draws the same frame for a minute of ticks and refreshes")
    func idleFramesIdentical() {
        let jobs = Self.finished(200)
        var state = Fixtures.state(jobs, width: 120, height: 40)
        let first = DashboardRenderer.render(state)
        var changed: [Int] = []
        for second in 1..<60 {
            let at = Fixtures.now.addingTimeInterval(Double(second))
            _ = state.update(.tick(at))
            if second == 30 {
                // The 30 s refresh answers with the same jobs.
                _ = state.update(
                    .engine(.completed(.list(status: .all, limit: 50), .list(.success(JobList(jobs: jobs))), at: at)))
            }
            let frame = DashboardRenderer.render(state)
            if frame != first { changed.append(second) }
        }
        #expect(changed.isEmpty, "the frame changed at seconds \(changed)")
    }

    @Test("the refresh age is coarse and still true: <1m, then minutes")
    func refreshAge() {
        #expect(HeaderView.age(0) == "<1m ago")
        #expect(HeaderView.age(59.9) == "<1m ago")
        #expect(HeaderView.age(61) == "1m ago")
        #expect(HeaderView.age(3 * 3600) == "3h ago")
        var state = Fixtures.state(Self.finished(3), width: 120, height: 40)
        // The refresh at 30 s goes unanswered: the age keeps growing.
        _ = state.update(.tick(Fixtures.now.addingTimeInterval(150)))
        #expect(DashboardRenderer.render(state).text.contains("refreshed 2m ago"))
    }

    @Test("idle, the loop wakes every 10 s, not every second; with an active job, each second")
    func idleWake() {
        let pacer = FramePacer()
        let idle = Fixtures.state(Self.finished(200), width: 120, height: 40)
        #expect(!FramePacer.ticksEverySecond(idle))
        let now = Fixtures.now.addingTimeInterval(0.3)
        let wake = pacer.nextWake(for: idle, after: now)
        #expect(wake.timeIntervalSince(now) > 9)
        #expect(wake.timeIntervalSince(now) <= 10)
        let busy = Fixtures.state(Fixtures.mixed, width: 120, height: 40)
        #expect(FramePacer.ticksEverySecond(busy))
        #expect(abs(pacer.nextWake(for: busy, after: now).timeIntervalSince(now) - 0.7) < 0.001)
    }

    @Test("an open pane or a retrying connection ticks each second")
    func secondsWhenSomethingCounts() {
        var state = Fixtures.state(Self.finished(5), width: 120, height: 40)
        state.screen = .help
        #expect(FramePacer.ticksEverySecond(state))
        state.screen = .table
        state.engine.connection = .retrying(since: Fixtures.now, next: Fixtures.now.addingTimeInterval(8), reason: "x")
        #expect(FramePacer.ticksEverySecond(state))
    }

    @Test("server changes arriving every 100 ms flush at most once a second; keys flush at once")
    func coalesces() {
        var pacer = FramePacer()
        let start = Fixtures.now
        var flushes: [Double] = []
        var wakes: Set<Double> = []
        for tenth in 0..<100 {
            let at = start.addingTimeInterval(Double(tenth) / 10)
            // The loop also wakes at a held frame's deadline, as a tick.
            if let due = pacer.deferredUntil, due <= at, pacer.shouldFlush(now: due, cause: .tick) {
                pacer.flushed(at: due)
                flushes.append(due.timeIntervalSince(start))
                wakes.insert(due.timeIntervalSince(start))
            }
            if pacer.shouldFlush(now: at, cause: .server) {
                pacer.flushed(at: at)
                flushes.append(at.timeIntervalSince(start))
            }
        }
        #expect(flushes.count <= 11, "flushes at \(flushes)")
        for (a, b) in zip(flushes, flushes.dropFirst()) { #expect(b - a >= 0.999) }
        // A held frame is never lost: it is due one window after the last flush.
        #expect(pacer.deferredUntil.map { $0.timeIntervalSince(start) } == flushes.last.map { $0 + 1 })

        // A key right after a flush is answered now, not at the end of the window.
        let keyAt = start.addingTimeInterval((flushes.last ?? 0) + 0.05)
        let keyFlushes = pacer.shouldFlush(now: keyAt, cause: .key)
        #expect(keyFlushes)
        pacer.flushed(at: keyAt)
        #expect(pacer.deferredUntil == nil)
        // And a held frame makes the loop wake for it, even when idle.
        let serverFlushes = pacer.shouldFlush(now: keyAt.addingTimeInterval(0.2), cause: .server)
        #expect(!serverFlushes)
        let idle = Fixtures.state(Self.finished(5), width: 120, height: 40)
        let heldWake = pacer.nextWake(for: idle, after: keyAt.addingTimeInterval(0.2))
        #expect(heldWake <= keyAt.addingTimeInterval(1.001))
        #expect(heldWake > keyAt.addingTimeInterval(0.2))
    }

    @Test("the first frame the server brings is flushed at once after the start-up frame; later ones are held")
    func firstListAtOnce() {
        var pacer = FramePacer()
        let start = Fixtures.now
        // The start-up frame (no rows yet) is flushed as a key's.
        let startFlushes = pacer.shouldFlush(now: start, cause: .key)
        #expect(startFlushes)
        pacer.flushed(at: start)
        // 20 ms later the first list arrives: shown now, not a second later.
        let first = start.addingTimeInterval(0.02)
        let firstFlushes = pacer.shouldFlush(now: first, cause: .server)
        #expect(firstFlushes)
        pacer.flushed(at: first)
        // Then the server's changes are coalesced again.
        let nextFlushes = pacer.shouldFlush(now: first.addingTimeInterval(0.1), cause: .server)
        #expect(!nextFlushes)
        #expect(pacer.deferredUntil == first.addingTimeInterval(1))
    }

    @Test("only elapsed times ticking: the clock alone flushes every 5 s, the server each second, a key at once")
    func elapsedTicksSlowly() {
        var pacer = FramePacer()
        let busy = Fixtures.state(Fixtures.mixed, width: 120, height: 40)
        #expect(FramePacer.ticksEverySecond(busy))
        #expect(!FramePacer.countsSeconds(busy))
        #expect(pacer.tickStep(for: busy) == 5)
        let start = Fixtures.now
        pacer.flushed(at: start)
        #expect(pacer.nextWake(for: busy, after: start.addingTimeInterval(0.1)) == start.addingTimeInterval(5))
        // Ticks each second: held until 5 s have passed since the last flush.
        for second in 1...4 {
            let flushes = pacer.shouldFlush(
                now: start.addingTimeInterval(Double(second)), cause: .tick, tickStep: pacer.tickStep(for: busy))
            #expect(!flushes, "a tick at \(second) s flushed")
        }
        #expect(pacer.deferredUntil == start.addingTimeInterval(5))
        // (seconds after start, cause, flushed?), each flush recorded before the next step:
        // the clock at 5 s; a server change 1 s later (carrying the clock); one 0.5 s after
        // that waits for its second, and goes then even if only the clock wakes the loop; a key at once.
        let steps: [(Double, FramePacer.Cause, Bool)] = [
            (5, .tick, true), (6, .server, true), (6.5, .server, false), (7, .tick, true), (7.01, .key, true),
        ]
        for (at, cause, expected) in steps {
            let flushes = pacer.shouldFlush(now: start.addingTimeInterval(at), cause: cause, tickStep: 5)
            #expect(flushes == expected, "\(cause) at \(at) s")
            if flushes { pacer.flushed(at: start.addingTimeInterval(at)) }
            if at == 6.5 { #expect(pacer.deferredUntil == start.addingTimeInterval(7)) }
        }
    }

    @Test("a minute of the busy demo: server changes every 7 s, the clock each second: about 18 flushes, not 60")
    func busyMinute() {
        var pacer = FramePacer()
        let busy = Fixtures.state(Fixtures.mixed, width: 120, height: 40)
        let start = Fixtures.now
        var flushes: [(at: Double, server: Bool)] = []
        var lastServer = -10.0
        for tenth in 0..<600 {
            let t = Double(tenth) / 10
            let server = tenth % 70 == 7
            if server { lastServer = t }
            let at = start.addingTimeInterval(t)
            if pacer.shouldFlush(now: at, cause: server ? .server : .tick, tickStep: pacer.tickStep(for: busy)) {
                pacer.flushed(at: at)
                flushes.append((t, t - lastServer < 1.001))
            }
        }
        #expect(flushes.count <= 22, "\(flushes.count) flushes")
        #expect(flushes.filter(\.server).count == 9)
        // Between two flushes: at least a second (but for the first the server brings, shown at
        // once: `firstListAtOnce`); a flush of the clock alone at least 5 s after the last.
        let firstServer = flushes.first(where: \.server)?.at
        #expect(firstServer == 0.7)
        for (a, b) in zip(flushes, flushes.dropFirst()) {
            if b.at != firstServer { #expect(b.at - a.at >= 0.999) }
            if !b.server { #expect(b.at - a.at >= 4.999, "clock flush \(b.at) after \(a.at)") }
        }
        // The clock is never more than 5 s late.
        #expect(flushes.last.map { 60 - $0.at <= 5 } == true)
    }

    @Test("while seconds count (a retry, the details pane), the clock alone flushes each second")
    func secondsCountFlushEachSecond() {
        var state = Fixtures.state(Fixtures.mixed, width: 120, height: 40)
        state.engine.connection = .retrying(since: Fixtures.now, next: Fixtures.now.addingTimeInterval(8), reason: "x")
        var pacer = FramePacer()
        #expect(pacer.tickStep(for: state) == 1)
        pacer.flushed(at: Fixtures.now)
        let tick = pacer.shouldFlush(
            now: Fixtures.now.addingTimeInterval(1), cause: .tick, tickStep: pacer.tickStep(for: state))
        #expect(tick)
        #expect(
            abs(
                pacer.nextWake(for: state, after: Fixtures.now.addingTimeInterval(0.3)).timeIntervalSince(Fixtures.now)
                    - 1) < 0.001)
    }

    @Test("a clock set back does not hold frames")
    func clockBack() {
        var pacer = FramePacer()
        pacer.flushed(at: Fixtures.now)
        let flushes = pacer.shouldFlush(now: Fixtures.now.addingTimeInterval(-3600), cause: .server)
        #expect(flushes)
    }
}
