/// What recent answers weighed, in response body bytes: running averages the
/// scheduler prices reads with (`PollingEngine.listChoice`). A job's data
/// costs about the same in a list as on its own, but the two drift apart: a
/// single read the server answers 304 weighs nothing, result data makes
/// finished jobs heavy, servers pad lists. Answers without a size (a test's
/// fake API) teach nothing, nor do lists answered 304 (no body).
public struct AnswerSizes: Sendable, Hashable {
    /// Bytes per job in `status=` list answers.
    public var perListedJob: Double
    /// Bytes of a list answer besides its jobs (`{"jobs":[]}`).
    public var listEnvelope: Double
    /// Bytes of a single read (`GET /api/v1/jobs/{id}`).
    public var perSingleRead: Double

    /// The weight of the newest answer in each average.
    public static let newestWeight = 0.2

    /// The guesses before any answer: a job of the reference's shape.
    public init(perListedJob: Double = 600, listEnvelope: Double = 12, perSingleRead: Double = 600) {
        self.perListedJob = perListedJob
        self.listEnvelope = listEnvelope
        self.perSingleRead = perSingleRead
    }

    /// A list answer of `bytes` holding `jobs` jobs. A list of jobs that
    /// weighed nothing had no body: answered 304 from the cache. It teaches
    /// nothing, so the price stays that of real bodies (learning 0 from it
    /// would drive `perListedJob` to 0 and every choice to whole lists).
    public mutating func recordList(bytes: Int, jobs: Int) {
        guard bytes >= 0 else { return }
        guard bytes > 0 || jobs == 0 else { return }
        guard jobs > 0 else {
            listEnvelope = Double(bytes)
            return
        }
        let each = max(0, Double(bytes) - listEnvelope) / Double(jobs)
        perListedJob += (each - perListedJob) * Self.newestWeight
    }

    /// A single read's answer of `bytes` (0 when it was not modified).
    public mutating func recordSingle(bytes: Int) {
        guard bytes >= 0 else { return }
        perSingleRead += (Double(bytes) - perSingleRead) * Self.newestWeight
    }

    /// The bytes of a list of `count` jobs.
    public func list(of count: Int) -> Double { listEnvelope + Double(count) * perListedJob }
}

extension AnswerSizes {
    /// Learns from a successful answer to `request` of `bytes`.
    mutating func record(_ request: EngineRequest, _ result: EngineResult, bytes: Int) {
        switch (request, result) {
        case (.list(let filter, _), .list(.success(let list))) where filter != .all:
            // The refresh (`status=all`) carries finished jobs with their
            // results: not what a `status=` list of active jobs weighs.
            recordList(bytes: bytes, jobs: list.jobs.count + list.skipped.count)
        case (.job, .job(.success)):
            recordSingle(bytes: bytes)
        default:
            break
        }
    }
}
