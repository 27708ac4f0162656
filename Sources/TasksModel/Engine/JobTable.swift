import FoundationEssentials

/// Every job the engine knows, by id: a dictionary of `TrackedJob`s that holds
/// the finished jobs nothing is happening to in a compact form.
///
/// Why: with 10,000 jobs listed (issue #15) almost all are finished and quiet,
/// yet a `TrackedJob` is 464 bytes inline, and a `Dictionary` of 10,000 of them
/// has 16,384 slots, every page touched: 7.9 MB, plus one step-history array
/// and a copy of the type's name on the heap for each job, which pin freed
/// memory between them. A quiet finished job here is a `Settled` record
/// (about 200 bytes, no allocation of its own) in one array, found through an
/// id-to-index dictionary.
///
/// The compact form is lossless by construction: a job is stored settled only
/// when expanding the record gives back a `TrackedJob` equal to the one
/// stored; anything else (active, in flight, backing off, a cancel in any
/// state, decode notes, details held, an unusual history) stays as it is.
/// Reading a settled job builds its `TrackedJob` again, so callers see a
/// dictionary and nothing else changes.
public struct JobTable: Sendable, Sequence {
    /// Jobs that do not fit the compact form.
    private var full: [JobID: TrackedJob] = [:]
    /// Quiet finished jobs, in no order.
    private var settled: ContiguousArray<Settled> = []
    /// Id to index in `settled`.
    private var settledIndex: [JobID: Int] = [:]
    /// Each (type, policy) pair seen, stored once and referred to by index.
    private var kinds: [Kind] = []
    private var kindIndex: [Kind: UInt16] = [:]
    /// The whole jobs by when they next fall due: noted each time one is
    /// stored, checked against `full` when read (`PollingEngine.takeDue`).
    var due = DueIndex()

    public init() {}

    public var count: Int { full.count + settled.count }
    public var isEmpty: Bool { full.isEmpty && settled.isEmpty }

    /// The job with this id; setting nil removes it.
    public subscript(id: JobID) -> TrackedJob? {
        get {
            if let tracked = full[id] { return tracked }
            guard let index = settledIndex[id] else { return nil }
            return expand(settled[index])
        }
        set {
            removeSettled(id)
            guard let newValue else {
                full[id] = nil
                shrinkIfSparse()
                return
            }
            if newValue.job.id == id, let record = compact(newValue) {
                full[id] = nil
                settledIndex[id] = settled.count
                settled.append(record)
                shrinkIfSparse()
            } else {
                full[id] = newValue
                due.note(id, at: newValue.nextDue)
                if due.count > 4 * full.count + 256 { noteAllDue() }
            }
        }
    }

    /// Notes every whole job again at its due time (after the clock stepped back).
    mutating func noteAllDue() {
        due.rebuild(full.map { DueIndex.Entry(at: $0.value.nextDue, id: $0.key) })
    }

    /// The ids, in no particular order.
    public var keys: [JobID] {
        var ids = Array(full.keys)
        ids.reserveCapacity(count)
        for record in settled { ids.append(record.id) }
        return ids
    }

    /// The jobs, in no particular order.
    public var values: Values { Values(table: self) }

    /// Reading one job at a time, settled ones expanded as they come.
    public struct Values: Sequence {
        let table: JobTable
        public func makeIterator() -> Iterator { Iterator(table: table) }

        public struct Iterator: IteratorProtocol {
            let table: JobTable
            var fullIterator: Dictionary<JobID, TrackedJob>.Values.Iterator
            var settledPosition = 0
            init(table: JobTable) {
                self.table = table
                fullIterator = table.full.values.makeIterator()
            }
            public mutating func next() -> TrackedJob? {
                if let tracked = fullIterator.next() { return tracked }
                guard settledPosition < table.settled.count else { return nil }
                defer { settledPosition += 1 }
                return table.expand(table.settled[settledPosition])
            }
        }

        public var underestimatedCount: Int { table.count }
    }

    public func makeIterator() -> Iterator { Iterator(table: self) }

    /// `for (id, tracked) in jobs`, as with a dictionary: each job with the id it is stored under.
    public struct Iterator: IteratorProtocol {
        let table: JobTable
        var fullIterator: Dictionary<JobID, TrackedJob>.Iterator
        var settledPosition = 0
        init(table: JobTable) {
            self.table = table
            fullIterator = table.full.makeIterator()
        }
        public mutating func next() -> (key: JobID, value: TrackedJob)? {
            if let pair = fullIterator.next() { return pair }
            guard settledPosition < table.settled.count else { return nil }
            defer { settledPosition += 1 }
            // A settled job is stored under its own id (`subscript`'s setter).
            let record = table.settled[settledPosition]
            return (key: record.id, value: table.expand(record))
        }
    }

    public var underestimatedCount: Int { count }

    /// The jobs not held compactly. Every job that is active, has a request in
    /// flight, awaits a list, has a cancel in any state, failures, a retry time,
    /// an error of its own, decode notes or details held is among them: loops
    /// that look only for such jobs read these and skip the thousands of quiet
    /// finished ones without building each again.
    public var unsettled: [JobID: TrackedJob] { full }

    /// A job's marks the header counts on every frame, read without building a
    /// compact job again.
    public struct Marks: Sendable {
        public var carriedByLastList: Bool
        public var pinned: Bool
        public var isActive: Bool
    }

    /// Calls `body` with each job's marks, in no particular order.
    public func forEachMarks(_ body: (Marks) -> Void) {
        for tracked in full.values {
            body(
                Marks(
                    carriedByLastList: tracked.carriedByLastList, pinned: tracked.pinned,
                    isActive: tracked.job.status.isActive))
        }
        for record in settled {
            // A settled job is finished: never active.
            body(
                Marks(
                    carriedByLastList: record.flags.contains(.carriedByLastList),
                    pinned: record.flags.contains(.pinned), isActive: false))
        }
    }

    /// A dictionary never gives back its slots: after 10,000 jobs with results
    /// came in whole and then settled, `full` would keep 16,384 slots of 480
    /// bytes, every page touched. Rebuilt small when under an eighth full.
    private mutating func shrinkIfSparse() {
        if full.capacity > 512, full.count < full.capacity / 8 {
            var smaller = [JobID: TrackedJob](minimumCapacity: full.count)
            for (id, tracked) in full { smaller[id] = tracked }
            full = smaller
        }
        if settledIndex.capacity > 512, settledIndex.count < settledIndex.capacity / 8 {
            var smaller = [JobID: Int](minimumCapacity: settledIndex.count)
            for (id, index) in settledIndex { smaller[id] = index }
            settledIndex = smaller
        }
        if settled.capacity > 512, settled.count < settled.capacity / 8 {
            // `ContiguousArray(settled)` would keep the same buffer: copy into a small one.
            var smaller = ContiguousArray<Settled>()
            smaller.reserveCapacity(settled.count)
            smaller.append(contentsOf: settled)
            settled = smaller
        }
    }

    /// The slots each part holds (for tests: they shrink).
    var unsettledCapacity: Int { full.capacity }
    var settledCapacity: (records: Int, index: Int) { (settled.capacity, settledIndex.capacity) }

    /// How many jobs are held in the compact form (for tests and measurements).
    public var settledCount: Int { settled.count }

    // MARK: The compact form (its record: `JobTable+Settled.swift`)

    /// The compact record of `tracked`, or nil when it has anything the record cannot hold.
    private mutating func compact(_ tracked: TrackedJob) -> Settled? {
        let job = tracked.job
        guard let status = Self.statusCode(job.status), job.result == nil, job.error?.details == nil,
            job.decodeNotes.isEmpty, !tracked.inFlight, !tracked.awaitingList, tracked.failures == 0,
            tracked.retryAt == nil, tracked.lastError == nil, tracked.cancel == .none
        else { return nil }
        let key = Kind(type: job.type, policy: tracked.policy)
        let kind: UInt16
        if let known = kindIndex[key] {
            // Equal as Swift strings is not equal as bytes ("é" and "e\u{301}"):
            // the record would give back the other spelling.
            let held = kinds[Int(known)]
            guard Self.sameBytes(held.type, job.type), Self.sameBytes(held.policy.name, tracked.policy.name) else {
                return nil
            }
            kind = known
        } else {
            guard kinds.count < Self.maximumKinds else { return nil }
            kind = UInt16(kinds.count)
            kinds.append(key)
            kindIndex[key] = kind
        }
        var flags: Flags = []
        if job.error != nil { flags.insert(.hasError) }
        if tracked.gone { flags.insert(.gone) }
        if tracked.carriedByLastList { flags.insert(.carriedByLastList) }
        if tracked.carriedByActiveList { flags.insert(.carriedByActiveList) }
        if tracked.readOnce { flags.insert(.readOnce) }
        if tracked.pinned { flags.insert(.pinned) }
        let first = [
            StepSeen(
                at: tracked.firstSeen, status: job.status, percentage: job.progress.percentage,
                step: job.progress.currentStep)
        ]
        let historyIsFirst =
            tracked.history == first && Self.sameBytes(tracked.history[0].step, job.progress.currentStep)
        let record = Settled(
            id: job.id, title: job.title, step: job.progress.currentStep, errorMessage: job.error?.message,
            history: historyIsFirst ? nil : tracked.history,
            createdAt: Self.seconds(job.createdAt), startedAt: Self.seconds(job.startedAt),
            updatedAt: Self.seconds(job.updatedAt), completedAt: Self.seconds(job.completedAt),
            percentage: job.progress.percentage,
            estimatedSecondsRemaining: job.progress.estimatedSecondsRemaining ?? .nan,
            firstSeen: Self.seconds(tracked.firstSeen), lastFresh: Self.seconds(tracked.lastFresh),
            progressChangedAt: Self.seconds(tracked.progressChangedAt), dataSentAt: Self.seconds(tracked.dataSentAt),
            progressChangeSeenAt: Self.seconds(tracked.progressChangeSeenAt),
            finalSeenAt: Self.seconds(tracked.finalSeenAt), clockOffset: tracked.clockOffset, kind: kind,
            status: status, flags: flags, droppedDetails: job.droppedDetails.rawValue)
        // Lossless or not at all: a NaN date, a negative zero or anything else
        // the record would change keeps the job in full form.
        return expand(record) == tracked ? record : nil
    }

    private func expand(_ record: Settled) -> TrackedJob {
        let kind = kinds[Int(record.kind)]
        let status = Self.status(record.status)
        var job = Job(
            id: record.id, status: status, type: kind.type, title: record.title,
            createdAt: Self.date(record.createdAt), startedAt: Self.date(record.startedAt),
            updatedAt: Self.date(record.updatedAt), completedAt: Self.date(record.completedAt),
            progress: JobProgress(
                percentage: record.percentage, currentStep: record.step,
                estimatedSecondsRemaining: record.estimatedSecondsRemaining.isNaN
                    ? nil : record.estimatedSecondsRemaining),
            error: record.flags.contains(.hasError) ? JobError(message: record.errorMessage) : nil)
        job.droppedDetails = Job.DroppedDetails(rawValue: record.droppedDetails)
        let firstSeen = Date(timeIntervalSinceReferenceDate: record.firstSeen)
        var tracked = TrackedJob(job: job, policy: kind.policy, at: firstSeen)
        tracked.lastFresh = Date(timeIntervalSinceReferenceDate: record.lastFresh)
        tracked.progressChangedAt = Date(timeIntervalSinceReferenceDate: record.progressChangedAt)
        tracked.dataSentAt = Date(timeIntervalSinceReferenceDate: record.dataSentAt)
        tracked.progressChangeSeenAt = Self.date(record.progressChangeSeenAt)
        tracked.finalSeenAt = Self.date(record.finalSeenAt)
        tracked.clockOffset = record.clockOffset
        tracked.gone = record.flags.contains(.gone)
        tracked.carriedByLastList = record.flags.contains(.carriedByLastList)
        tracked.carriedByActiveList = record.flags.contains(.carriedByActiveList)
        tracked.readOnce = record.flags.contains(.readOnce)
        tracked.pinned = record.flags.contains(.pinned)
        if let history = record.history { tracked.history = history }
        return tracked
    }

    private mutating func removeSettled(_ id: JobID) {
        guard let index = settledIndex.removeValue(forKey: id) else { return }
        let last = settled.count - 1
        if index != last {
            settled.swapAt(index, last)
            settledIndex[settled[index].id] = index
        }
        settled.removeLast()
    }
}
