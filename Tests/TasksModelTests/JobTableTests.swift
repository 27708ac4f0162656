import Foundation
import PropertyBased
import Testing

@testable import TasksModel

/// `JobTable` holds quiet finished jobs in a compact form: it must read back
/// exactly what was stored, whatever was stored, as a dictionary would.
@Suite("Job table: compact and lossless")
struct JobTableTests {
    static let policies = [
        PollPolicy(name: "scraping", interval: 5, maximumDuration: 600),
        PollPolicy(name: "video generation", interval: 15, maximumDuration: 3600),
    ]
    static let dates: [Date?] = [
        nil, Fixtures.now, Fixtures.now.addingTimeInterval(-86_400 * 3),
        Date(timeIntervalSinceReferenceDate: 1e22), Date(timeIntervalSinceReferenceDate: -0.0),
        Date(timeIntervalSinceReferenceDate: .infinity), Date(timeIntervalSinceReferenceDate: -.infinity),
    ]

    static func pick<T>(_ items: [T], _ random: inout SeededRandom) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }

    /// Any job a table may be given: mostly the quiet finished kind the compact
    /// form is for, with every field that forbids it turning up now and then.
    static func tracked(id: JobID, _ random: inout SeededRandom) -> TrackedJob {
        func rarely() -> Bool { Int.random(in: 0..<8, using: &random) == 0 }
        let status = pick(
            [.completed, .completed, .failed, .cancelled, .processing, .queued, .unknown("paused")] as [JobStatus],
            &random)
        var job = Job(
            id: id, status: status,
            type: pick(["scraping", "video_generation", "a_type_name_longer_than_15"], &random),
            title: pick([nil, "Short", "A title far longer than fifteen bytes ✓"], &random),
            createdAt: pick(dates, &random), startedAt: pick(dates, &random), updatedAt: pick(dates, &random),
            completedAt: pick(dates, &random),
            progress: JobProgress(
                percentage: pick([0, 37.5, 100, -0.0], &random),
                currentStep: pick([nil, "Done", "Step 3 of 9"], &random),
                estimatedSecondsRemaining: pick([nil, 0, 12.5, 1e308], &random)),
            error: pick([nil, JobError(message: nil), JobError(message: "out of memory")], &random))
        if rarely() { job.result = ["url": "https://example.com/x"] }
        if rarely() { job.error = JobError(message: "boom", details: ["code": 7]) }
        if rarely() { job.decodeNotes = ["created_at: unreadable timestamp"] }
        if rarely() { job.dropDetails() }
        if rarely() { job.droppedDetails = [.result, .errorDetails] }
        var tracked = TrackedJob(job: job, policy: pick(policies, &random), at: pick(dates, &random) ?? Fixtures.now)
        tracked.lastFresh = pick(dates, &random) ?? Fixtures.now
        tracked.progressChangedAt = pick(dates, &random) ?? Fixtures.now
        tracked.dataSentAt = pick(dates, &random) ?? Fixtures.now
        tracked.progressChangeSeenAt = pick(dates, &random)
        if rarely() { tracked.finalSeenAt = pick(dates, &random) }
        tracked.clockOffset = pick([0, -0.0, 3.25, -600], &random)
        tracked.gone = rarely()
        tracked.carriedByLastList = Bool.random(using: &random)
        tracked.carriedByActiveList = rarely()
        tracked.readOnce = rarely()
        tracked.pinned = rarely()
        tracked.inFlight = rarely()
        tracked.awaitingList = rarely()
        if rarely() { tracked.failures = 2 }
        if rarely() { tracked.retryAt = Fixtures.now }
        if rarely() { tracked.lastError = .timeout(seconds: 10) }
        if rarely() {
            tracked.cancel = pick(
                [
                    .pending(requestedAt: Fixtures.now), .failed("already finished"), .unknown("timed out"),
                    .notHonoured(acceptedAt: Fixtures.now),
                ], &random)
        }
        if rarely() {
            tracked.history.append(StepSeen(at: Fixtures.now, status: .completed, percentage: 100, step: "Done"))
        }
        if rarely() { tracked.history = [] }
        return tracked
    }

    @Test("property: any sequence of stores and removals reads back as a dictionary would")
    func behavesAsADictionary() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var table = JobTable()
            var model: [JobID: TrackedJob] = [:]
            let ids: [JobID] = (0..<12).map { JobID("job-\($0)") } + ["1e22", "ジョブ", ""]
            for _ in 0..<80 {
                let id = Self.pick(ids, &random)
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<6:
                    // Now and then stored under another id than its own, as a dictionary allows.
                    let own = Int.random(in: 0..<10, using: &random) == 0 ? Self.pick(ids, &random) : id
                    let tracked = Self.tracked(id: own, &random)
                    table[id] = tracked
                    model[id] = tracked
                case 6..<8:
                    table[id] = nil
                    model[id] = nil
                default:
                    // A change to one field of a stored job, as the engine makes them.
                    table[id]?.pinned.toggle()
                    model[id]?.pinned.toggle()
                    table[id]?.lastFresh = Fixtures.now.addingTimeInterval(1)
                    model[id]?.lastFresh = Fixtures.now.addingTimeInterval(1)
                }
                #expect(table.count == model.count)
                #expect(table.isEmpty == model.isEmpty)
                #expect(Set(table.keys) == Set(model.keys))
                #expect(table.keys.count == model.count)
                // Compared as Bools: describing a date of 1e22 s crashes Foundation.
                for id in ids {
                    let same = table[id] == model[id]
                    #expect(same, "\(id)")
                }
                let pairs = table.map { ($0.key, $0.value) }
                #expect(pairs.count == model.count)
                for (id, tracked) in pairs {
                    let same = model[id] == tracked
                    #expect(same, "\(id)")
                }
                #expect(Array(table.values).count == model.count)
                // Everything not held compactly is in `unsettled`, and every active job is.
                #expect(table.unsettled.count + table.settledCount == model.count)
                for (id, tracked) in model where tracked.job.status.isActive || tracked.inFlight {
                    #expect(table.unsettled[id] != nil, "\(id)")
                }
            }
        }
    }

    @Test("quiet finished jobs are held compactly; anything happening to a job keeps it whole")
    func whatIsSettled() {
        var table = JobTable()
        var quiet = TrackedJob(
            job: Fixtures.job(
                "done", .completed, title: "A long title of a finished job", minutesAgo: 5, percentage: 100),
            policy: Self.policies[0], at: Fixtures.now)
        quiet.carriedByLastList = true
        table["done"] = quiet
        #expect(table.settledCount == 1)
        #expect(table["done"] == quiet)

        // Each of these keeps the job out of the compact form, and reads back unchanged.
        var active = quiet
        active.job.status = .processing
        var inFlight = quiet
        inFlight.inFlight = true
        var cancel = quiet
        cancel.cancel = .failed("already finished")
        var withResult = quiet
        withResult.job.result = ["url": "https://example.com/r"]
        var withError = quiet
        withError.job.error = JobError(message: "boom", details: ["code": 1])
        var noted = quiet
        noted.job.decodeNotes = ["status: missing"]
        var backingOff = quiet
        backingOff.retryAt = Fixtures.now
        for (index, tracked) in [active, inFlight, cancel, withResult, withError, noted, backingOff].enumerated() {
            var one = JobTable()
            one["x"] = tracked
            #expect(one.settledCount == 0, "case \(index)")
            let same = one["x"] == tracked
            #expect(same, "case \(index)")
        }

        // A job stored under another id than its own stays whole, and is still found,
        // and iterating gives the id it is stored under.
        table["alias"] = quiet
        #expect(table.settledCount == 1)
        #expect(table["alias"] == quiet)
        #expect(Set(table.map(\.key)) == ["done", "alias"])
        #expect(table.unsettled.keys.sorted() == ["alias"])

        // What the record would not give back exactly stays whole: a NaN time
        // (never equal to itself), and a type spelled with other bytes than an
        // equal one already held ("é" composed, then decomposed).
        var nan = quiet
        nan.lastFresh = Date(timeIntervalSinceReferenceDate: .nan)
        var odd = JobTable()
        odd["nan"] = nan
        #expect(odd.settledCount == 0)
        #expect(odd["nan"]?.lastFresh.timeIntervalSinceReferenceDate.isNaN == true)
        var composed = quiet
        composed.job.type = "caf\u{E9}"
        var decomposed = quiet
        decomposed.job.id = "decomposed"
        decomposed.job.type = "cafe\u{301}"
        odd["done"] = composed
        odd["decomposed"] = decomposed
        #expect(odd.settledCount == 1)
        #expect(odd["decomposed"].map { Array($0.job.type.utf8) } == Array("cafe\u{301}".utf8))
        #expect(odd["done"].map { Array($0.job.type.utf8) } == Array("caf\u{E9}".utf8))

        // Going active again moves it out of the compact form; finishing moves it back.
        table["done"]?.job.status = .processing
        #expect(table.settledCount == 0)
        #expect(table["done"]?.job.status == .processing)
        table["done"]?.job.status = .completed
        #expect(table.settledCount == 1)
        #expect(table["done"] == quiet)
    }

    @Test("emptied, the table gives back its slots, and what is left reads back the same")
    func emptiedShrinks() throws {
        var table = JobTable()
        var kept: [JobID: TrackedJob] = [:]
        for index in 0..<5_000 {
            let id = JobID("job-\(index)")
            var tracked = TrackedJob(
                job: Fixtures.job(id.text, .completed, minutesAgo: Double(index), percentage: 100),
                policy: Self.policies[index % 2], at: Fixtures.now)
            tracked.carriedByLastList = index % 3 == 0
            table[id] = tracked
            if index % 1_000 == 0 { kept[id] = tracked }
        }
        #expect(table.settledCount == 5_000)
        for index in 0..<5_000 where index % 1_000 != 0 { table[JobID("job-\(index)")] = nil }
        #expect(table.count == 5)
        #expect(table.settledCapacity.records < 600)
        #expect(table.settledCapacity.index < 600)
        for (id, tracked) in kept {
            let same = table[id] == tracked
            #expect(same, "\(id)")
        }
        #expect(Set(table.keys) == Set(kept.keys))
    }

    @Test("10,000 finished jobs listed: all but those on screen held compactly, the whole form's slots given back")
    func tenThousandSettled() throws {
        let jobs: [Job] = (0..<10_000).map { (index: Int) -> Job in
            let status: JobStatus = index % 7 == 0 ? .failed : .completed
            let type = index % 2 == 0 ? "bulk_ad_generation" : "research"
            let minutes = Double(100 + index)
            var job = Fixtures.job(
                "perf_\(index)", status, type: type, title: "Perf job \(index)", minutesAgo: minutes, percentage: 100,
                step: "Done")
            // Results come in whole; off screen they are let go of, and the job settles.
            if index % 3 == 0 { job.result = ["url": .string("https://cdn.example.com/\(index).mp4")] }
            return job
        }
        var state = Fixtures.state([], width: 200, height: 60)
        state.engine.configuration.listLimit = 10_000
        _ = state.update(
            .engine(
                .completed(
                    .list(status: .all, limit: 10_000), .list(.success(JobList(jobs: jobs))),
                    at: Fixtures.now.addingTimeInterval(1))))
        #expect(state.engine.jobs.count == 10_000)
        // Those on screen keep their results, so stay whole; the slots for the rest are given back.
        #expect(state.engine.jobs.settledCount >= 10_000 - state.tableRows)
        #expect(state.engine.jobs.settledCount < 10_000)
        #expect(state.visible.count == 10_000)
        #expect(state.visible.first == "perf_0")
        #expect(state.visible.last == "perf_9999")
        // 10,000 came in whole (12,288 slots); a few dozen stay whole.
        #expect(state.engine.jobs.unsettledCapacity < 1_000)
        #expect(state.engine["perf_0"]?.job.result != nil)
        let last = try #require(state.engine["perf_9999"])
        #expect(last.job.result == nil)
        #expect(last.job.droppedDetails == [.result])
        #expect(last.job.title == "Perf job 9999")
        #expect(last.job.type == "research")
        #expect(last.job.status == .completed)
        #expect(last.job.createdAt == jobs[9999].createdAt)
    }
}
