import FoundationEssentials
import TasksModel

/// What the simulator's HTTP layer keeps between requests: the counters, the
/// faults in force and the record of when each job's data last went out.
/// Shared by the middleware and the route handlers; every field has its own lock.
final class SimulatorState: Sendable {
    let stats = Locked(SimulatorStats())
    let faults = Locked(Faults())
    /// Rolls the fault rates, seeded from the simulation so that a faulty run repeats.
    let faultRandom: Locked<SeededRandom>
    /// The server, once bound: a hung request waits for it to stop.
    let server = Locked<LoopbackHTTPServer?>(nil)
    /// Per active job: when its data was last served, the longest gap between two servings, how many.
    let freshness = Locked<[String: Freshness]>([:])

    struct Freshness {
        var first: Date
        var last: Date
        var maxGap: Double = 0
        var reads = 1
        /// Its final state has been served: the client knows it finished, no more gaps count.
        var finished = false
    }

    init(seed: UInt64) { faultRandom = Locked(SeededRandom(seed: seed &+ 0x5EED)) }

    /// Records that these jobs' data went out now (only jobs served active:
    /// finished ones need no reads, but the read that first shows one
    /// finished closes its last gap).
    func served(_ jobs: [Job], at now: Date = Date()) {
        freshness.withLock { table in
            for job in jobs {
                if var entry = table[job.id.text], !entry.finished {
                    entry.maxGap = max(entry.maxGap, now.timeIntervalSince(entry.last))
                    entry.last = now
                    entry.reads += 1
                    entry.finished = job.status.isFinal
                    table[job.id.text] = entry
                } else if job.status.isActive, table[job.id.text] == nil {
                    table[job.id.text] = Freshness(first: now, last: now)
                }
            }
        }
    }

    /// The stats as `GET /_sim/stats` shows them, with the freshness table when asked.
    func statsJSON(withFreshness: Bool, at now: Date = Date()) -> JSONValue {
        var stats = self.stats.withLock { $0.json }
        if withFreshness, case .object(var fields) = stats {
            let table = freshness.withLock { $0 }
            let millis = { (seconds: Double) in JSONValue.number((seconds * 1000).rounded() / 1000) }
            // Seconds since its first and its last read (the one that showed it
            // finished, when `finished`): how long a client has been showing it.
            fields["freshness"] = .object(
                table.mapValues {
                    [
                        "max_gap": millis($0.maxGap), "reads": .number(Double($0.reads)),
                        "since_first": millis(now.timeIntervalSince($0.first)),
                        "since_last": millis(now.timeIntervalSince($0.last)), "finished": .bool($0.finished),
                    ]
                })
            stats = .object(fields)
        }
        return stats
    }

    /// Zeroes the counters and forgets what was served. Requests in flight
    /// (the reset itself among them) are still in flight: the gauge is kept,
    /// or it would go negative as they finish.
    func reset() {
        stats.withLock { stats in
            let inFlight = stats.inFlight
            stats = SimulatorStats()
            stats.inFlight = inFlight
        }
        freshness.withLock { $0.removeAll() }
    }

    /// True with probability `rate`, from the seeded fault generator.
    func roll(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        return faultRandom.withLock { Double.random(in: 0..<1, using: &$0) } < rate
    }
}
