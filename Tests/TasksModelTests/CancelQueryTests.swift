import Foundation
import Testing

@testable import TasksModel

@Suite("Cancel by query: the selection, and the typed count")
struct CancelQueryTests {
    static let now = Fixtures.now

    @Test("status, type, age and title select exactly; a finished job never; no creation time, no age")
    func selection() {
        var undated = Fixtures.job("undated", .queued, minutesAgo: 600)
        undated.createdAt = nil
        let jobs = [
            Fixtures.job("q_old", .queued, type: "scraping", title: "Shop A", minutesAgo: 180),
            Fixtures.job("q_new", .queued, type: "scraping", title: "Shop B", minutesAgo: 30),
            Fixtures.job("p_old", .processing, type: "scraping", title: "shop c", minutesAgo: 300),
            Fixtures.job("r_old", .queued, type: "research", title: "Shop D", minutesAgo: 200),
            Fixtures.job("done", .completed, type: "scraping", title: "Shop E", minutesAgo: 400),
            Fixtures.job("odd", .unknown("paused"), type: "scraping", title: "Shop F", minutesAgo: 400),
            undated,
        ]
        func ids(_ query: CancelQuery) -> [String] { query.select(jobs, now: Self.now).map(\.id.text) }
        #expect(ids(CancelQuery(status: .queued, type: "scraping", olderThan: 7200)) == ["q_old"])
        #expect(ids(CancelQuery(status: .queued, type: "scraping")) == ["q_old", "q_new", "undated"])
        #expect(ids(CancelQuery(status: .active, type: "scraping", olderThan: 7200)) == ["p_old", "q_old"])
        #expect(ids(CancelQuery(status: .processing)) == ["p_old"])
        #expect(ids(CancelQuery(title: "SHOP C")) == ["p_old"])
        #expect(ids(CancelQuery(type: "Scraping")).isEmpty, "types are exact")
        #expect(!ids(CancelQuery()).contains("done") && !ids(CancelQuery()).contains("odd"))
        #expect(CancelQuery(status: .active).filters == [.queued, .processing])
        #expect(CancelQuery(status: .queued).filters == [.queued])
    }

    @Test("every listed job is considered, past the newest 50; a job in two lists once; look-alike ids apart")
    func beyondOnePage() {
        var jobs = (0..<150).map { Fixtures.job("job_\($0)", .queued, minutesAgo: Double(200 + $0)) }
        jobs += jobs.prefix(10)
        jobs.append(Fixtures.job("job_caf\u{E9}", .queued, minutesAgo: 500))
        jobs.append(Fixtures.job("job_cafe\u{301}", .queued, minutesAgo: 501))
        let selected = CancelQuery(status: .queued, olderThan: 3600).select(jobs, now: Self.now)
        #expect(selected.count == 152)
        #expect(selected.first?.id == JobID("job_cafe\u{301}"), "oldest first")
        #expect(Set(selected.map { Array($0.id.text.utf8) }).count == 152)
    }

    @Test("random lists: the selection is exactly the active jobs matching every condition, each once, oldest first")
    func randomLists() {
        let types = ["scraping", "research", "ocr"]
        let statuses: [JobStatus] = [.queued, .processing, .completed, .failed, .cancelled]
        var failures: [String] = []
        for seed in 1...300 {
            var rng = SeededRandom(seed: UInt64(seed))
            let jobs = (0..<Int(rng.next() % 80)).map { index in
                Fixtures.job(
                    "j\(rng.next() % 60)", statuses[Int(rng.next() % 5)], type: types[Int(rng.next() % 3)],
                    title: rng.next() % 2 == 0 ? "Batch \(index)" : nil, minutesAgo: Double(rng.next() % 600))
            }
            let query = CancelQuery(
                status: CancelQuery.Status.allCases[Int(rng.next() % 3)],
                type: rng.next() % 2 == 0 ? types[Int(rng.next() % 3)] : nil,
                olderThan: rng.next() % 2 == 0 ? Double(rng.next() % 36_000) : nil,
                title: rng.next() % 3 == 0 ? "batch 1" : nil)
            let selected = query.select(jobs, now: Self.now)
            // The first job listed under each id is the one considered.
            var first: [JobID: Job] = [:]
            for job in jobs where first[job.id] == nil && query.matches(job, now: Self.now) { first[job.id] = job }
            for job in selected {
                let allowed: [JobStatus] =
                    query.status == .queued
                    ? [.queued] : query.status == .processing ? [.processing] : [.queued, .processing]
                if !allowed.contains(job.status) || (query.type.map { $0 != job.type } ?? false)
                    || (query.olderThan.map { Self.now.timeIntervalSince(job.createdAt!) < $0 } ?? false)
                    || (query.title.map { !(job.title ?? "").lowercased().contains($0) } ?? false)
                {
                    failures.append("seed \(seed): \(job.id) selected against the query")
                }
            }
            if Set(selected.map(\.id)).count != selected.count { failures.append("seed \(seed): an id twice") }
            if Set(selected.map(\.id)) != Set(first.keys) { failures.append("seed \(seed): a matching job left out") }
            let times = selected.map { $0.createdAt! }
            if times != times.sorted() { failures.append("seed \(seed): not oldest first") }
            if failures.count > 3 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(4).joined(separator: "\n"))")
    }

    @Test("above five jobs only the count typed confirms: not y, not another number, not a paste of y")
    func typedCount() {
        let seven = CountConfirmation(count: 7)
        #expect(seven.needsCount && seven.prompt.contains("Type 7"))
        #expect(seven.accepts("7") && seven.accepts(" 7 "))
        for answer in ["y", "yes", "Y", "8", "07", "77", "", "7 jobs", "y\n7"] {
            #expect(!seven.accepts(answer), "\(answer.debugDescription)")
        }
        let five = CountConfirmation(count: 5)
        #expect(
            !five.needsCount && five.accepts("y") && five.accepts("YES") && !five.accepts("5") && !five.accepts("n"))
    }
}
