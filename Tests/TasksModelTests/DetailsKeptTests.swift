import Foundation
import Testing

@testable import TasksModel

/// With 10,000 jobs listed, results and error details are held only for the
/// jobs on screen or opened; the details pane reads a job again for the
/// details let go of, and says so, never "no result".
@Suite("Details kept only on screen")
struct DetailsKeptTests {
    /// Cell widths (`wcwidth`) follow the process locale: set UTF-8 before any test here runs.
    init() { #expect(utf8LocaleReady) }

    /// Finished jobs, newest first: every fifth failed with error details, the rest completed with a result.
    static func finished(_ count: Int, prefix: String = "job", minutesAgo: Double = 100) -> [Job] {
        (0..<count).map { index in
            var job = Fixtures.job(
                "\(prefix)_\(index)", index % 5 == 0 ? .failed : .completed, title: "Job \(index)",
                minutesAgo: minutesAgo + Double(index), percentage: 100, step: "Done",
                error: index % 5 == 0 ? "Render worker ran out of memory" : nil)
            if index % 5 != 0 {
                job.result = ["video_url": .string("https://cdn.example.com/\(prefix)/\(index).mp4"), "frames": 360]
            }
            return job
        }
    }

    static let list = EngineRequest.list(status: .all, limit: 50)

    /// A dashboard 120x40 into which `jobs` came as a list refresh, through `update`.
    static func folded(_ jobs: [Job], height: Int = 40) -> DashboardState {
        var state = Fixtures.state([], width: 120, height: height)
        _ = state.update(
            .engine(.completed(list, .list(.success(JobList(jobs: jobs))), at: Fixtures.now.addingTimeInterval(1))))
        return state
    }

    static func onScreen(_ state: DashboardState) -> Set<JobID> {
        Set(state.visible[state.top..<min(state.visible.count, state.top + state.tableRows)])
    }

    @Test("a list folded in: jobs off screen let go of result and error details; those on screen keep them")
    func offScreenDropped() throws {
        let state = Self.folded(Self.finished(200))
        let shown = Self.onScreen(state)
        #expect(shown.count == state.tableRows)
        #expect(state.visible.count == 200)
        for id in state.visible {
            let job = try #require(state.engine[id]?.job)
            if shown.contains(id) {
                #expect(job.holdsDetails, "\(id) is on screen")
                #expect(job.droppedDetails.isEmpty)
            } else {
                #expect(!job.holdsDetails, "\(id) is off screen")
                #expect(job.droppedDetails == (job.status == .failed ? [.errorDetails] : [.result]))
            }
        }
        // The error message stays: the table shows it.
        let failedOff = try #require(
            state.visible.last { !shown.contains($0) && state.engine[$0]?.job.status == .failed })
        #expect(state.engine[failedOff]?.job.error?.message == "Render worker ran out of memory")
        #expect(state.engine[failedOff]?.job.status == .failed)
    }

    @Test("the opened job keeps its details when newer jobs push it off screen")
    func openedKept() throws {
        var state = Self.folded(Self.finished(50))
        let opened = try #require(state.selectedID)
        _ = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(2)))
        #expect(state.screen == .details(id: opened, scroll: 0))
        // 60 newer jobs arrive: the opened one is now far below the first page.
        let newer = Self.finished(60, prefix: "new", minutesAgo: 1)
        _ = state.update(
            .engine(
                .completed(
                    Self.list, .list(.success(JobList(jobs: newer + Self.finished(50)))),
                    at: Fixtures.now.addingTimeInterval(31))))
        #expect(state.visible.firstIndex(of: opened) == 60)
        #expect(state.engine[opened]?.job.holdsDetails == true)
        #expect(state.engine[opened]?.job.droppedDetails.isEmpty == true)
        // A job that was on screen before and is not now let go of its details.
        #expect(state.engine["job_3"]?.job.holdsDetails == false)
    }

    /// The dashboard with the selection on an off-screen job (its details let go of), moved there by keys.
    static func selectingDropped() throws -> (DashboardState, JobID) {
        var state = Self.folded(Self.finished(200))
        _ = state.update(.key(.end, at: Fixtures.now.addingTimeInterval(2)))
        let id = try #require(state.selectedID)
        #expect(state.engine[id]?.job.droppedDetails == [.result])
        return (state, id)
    }

    @Test("opening the pane on a job whose result was let go of reads it again; the pane says it is fetching")
    func fetchOnOpen() throws {
        var (state, id) = try Self.selectingDropped()
        let effects = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        #expect(effects.contains(.send(.job(id: id))))
        #expect(state.detailsFetch == DetailsFetch(id: id, stage: .fetching(since: Fixtures.now.addingTimeInterval(3))))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("fetching result…"))
        #expect(!text.contains("no result"))
        #expect(!text.contains("cdn.example.com"))
        // Opening it again while the read is on its way sends nothing more.
        _ = state.update(.key(.escape, at: Fixtures.now.addingTimeInterval(3.1)))
        let again = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3.2)))
        #expect(!again.contains(.send(.job(id: id))))
    }

    @Test("the answer brings the result back: the pane shows it and when it was fetched")
    func fetchedShown() throws {
        var (state, id) = try Self.selectingDropped()
        _ = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        let full = try #require(Self.finished(200).first { $0.id == id })
        _ = state.update(
            .engine(.completed(.job(id: id), .job(.success(full)), at: Fixtures.now.addingTimeInterval(4))))
        #expect(state.detailsFetch?.stage == .fetched(at: Fixtures.now.addingTimeInterval(4)))
        #expect(state.engine[id]?.job.result == full.result)
        #expect(state.engine[id]?.pinned == false)
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("result fetched 10:00:04"))
        #expect(text.contains("https://cdn.example.com/job/\(id.dropFirst(4)).mp4"))
        #expect(!text.contains("fetching"))
        // The next list keeps it while the pane is open.
        _ = state.update(
            .engine(
                .completed(
                    Self.list, .list(.success(JobList(jobs: Self.finished(200)))),
                    at: Fixtures.now.addingTimeInterval(31))))
        #expect(state.engine[id]?.job.holdsDetails == true)
        // Closed and opened again hours later with nothing dropped: no old "fetched" stage.
        _ = state.update(.key(.escape, at: Fixtures.now.addingTimeInterval(32)))
        _ = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3 * 3600)))
        #expect(state.detailsFetch == nil)
        #expect(!DashboardRenderer.render(state).text.contains("result fetched"))
    }

    @Test("a network error while fetching: the pane says so honestly, the job stays as it was")
    func fetchFailed() throws {
        var (state, id) = try Self.selectingDropped()
        _ = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        _ = state.update(
            .engine(
                .completed(
                    .job(id: id), .job(.failure(.transport("connection refused"))),
                    at: Fixtures.now.addingTimeInterval(4))))
        guard case .failed(let reason, _)? = state.detailsFetch?.stage else {
            Issue.record("no failure recorded: \(String(describing: state.detailsFetch))")
            return
        }
        #expect(reason.contains("connection refused"))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("could not fetch the result at 10:00:04"))
        #expect(text.contains("connection refused"))
        #expect(!text.contains("no result"))
        #expect(state.engine[id]?.job.status == .completed)
        #expect(state.engine[id]?.job.droppedDetails == [.result])
        // Esc, then Enter, tries again.
        _ = state.update(.key(.escape, at: Fixtures.now.addingTimeInterval(5)))
        let retry = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(6)))
        #expect(retry.contains(.send(.job(id: id))))
        #expect(DashboardRenderer.render(state).text.contains("fetching result…"))
    }

    @Test("two panes in a row: the second job's fetch fails with the server gone, and the pane says so")
    func secondFetchFails() throws {
        var (state, last) = try Self.selectingDropped()
        _ = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        let full = try #require(Self.finished(200).first { $0.id == last })
        _ = state.update(
            .engine(.completed(.job(id: last), .job(.success(full)), at: Fixtures.now.addingTimeInterval(4))))
        _ = state.update(.key(.escape, at: Fixtures.now.addingTimeInterval(5)))
        _ = state.update(.key(.up, at: Fixtures.now.addingTimeInterval(5)))
        let next = try #require(state.selectedID)
        #expect(next != last)
        #expect(state.engine[next]?.job.droppedDetails == [.result])
        let effects = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(6)))
        #expect(effects.contains(.send(.job(id: next))))
        _ = state.update(
            .engine(
                .completed(
                    .job(id: next), .job(.failure(.transport("connection refused"))),
                    at: Fixtures.now.addingTimeInterval(7))))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("could not fetch the result"), "\(text)")
        #expect(!text.contains("result fetched"))
    }

    @Test("a failed job's error details let go of: the message stays, the details are fetched on open")
    func errorDetails() throws {
        var state = Self.folded(Self.finished(200))
        _ = state.update(.key(.end, at: Fixtures.now.addingTimeInterval(2)))
        // The last job is job_199 (completed); go up to the nearest failed one.
        while let id = state.selectedID, state.engine[id]?.job.status != .failed {
            _ = state.update(.key(.up, at: Fixtures.now.addingTimeInterval(2)))
        }
        let id = try #require(state.selectedID)
        #expect(state.engine[id]?.job.droppedDetails == [.errorDetails])
        let effects = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        #expect(effects.contains(.send(.job(id: id))))
        let text = DashboardRenderer.render(state).text
        #expect(text.contains("Render worker ran out of memory"))
        #expect(text.contains("fetching error details…"))
    }

    @Test("a pane opened on a job that holds its details sends nothing")
    func heldNoFetch() throws {
        var state = Self.folded(Self.finished(200))
        let id = try #require(state.selectedID)
        let effects = state.update(.key(.enter, at: Fixtures.now.addingTimeInterval(3)))
        #expect(effects.requests.isEmpty)
        #expect(state.detailsFetch == nil)
        let text = DashboardRenderer.render(state).text
        #expect(!text.contains("fetched"))
        #expect(text.contains(id))
    }
}
