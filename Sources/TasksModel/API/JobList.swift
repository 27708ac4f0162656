/// A list response: the jobs that could be read, and what was skipped.
///
/// Decoded element by element so that one malformed job never hides the
/// others; the skipped ones are counted with their reasons so the dashboard
/// can say "2 jobs unreadable" instead of pretending they do not exist.
public struct JobList: Sendable, Hashable {
    public var jobs: [Job]
    public var skipped: [Skipped]
    /// Jobs the server sent beyond the limit asked for, not read: a server
    /// that ignores `limit=` (or a hostile one sending 100,000 for 50) costs
    /// the limit's worth of work, and says so.
    public var beyondLimit = 0

    public struct Skipped: Sendable, Hashable {
        /// Position in the server's array.
        public var index: Int
        public var reason: String
    }

    public init(jobs: [Job], skipped: [Skipped] = []) {
        self.jobs = jobs
        self.skipped = skipped
    }

    /// Reads `{"jobs": [...]}`; also a bare array, `{"data": [...]}` and
    /// `{"data": {"jobs": [...]}}`. With a `limit`, only the first `limit`
    /// elements are read; the rest are counted in `beyondLimit`.
    public static func decode(_ value: JSONValue, limit: Int? = nil) throws(JobDecodeFailure) -> JobList {
        let elements: [JSONValue]
        switch value {
        case .array(let array):
            elements = array
        case .object:
            if case .array(let array)? = value["jobs"] {
                elements = array
            } else if case .array(let array)? = value["data"] {
                elements = array
            } else if case .array(let array)? = value["data"]?["jobs"] {
                elements = array
            } else {
                throw JobDecodeFailure(reason: "list response has no \"jobs\" array")
            }
        default:
            throw JobDecodeFailure(reason: "list response is not a JSON object")
        }
        var list = JobList(jobs: [])
        let count = min(elements.count, max(0, limit ?? elements.count))
        list.beyondLimit = elements.count - count
        list.jobs.reserveCapacity(count)
        for (index, element) in elements.prefix(count).enumerated() {
            do {
                list.jobs.append(try Job.decode(element))
            } catch {
                list.skipped.append(Skipped(index: index, reason: error.reason))
            }
        }
        return list
    }
}
