import FoundationEssentials

/// The validators (`ETag`, `Last-Modified`) and body of the last answer per
/// URL, so the next request for it asks `If-None-Match` / `If-Modified-Since`
/// and a 304 is read as that body again. Bounded: small bodies only, and at
/// most `capacity` URLs, the least recently used going first.
///
/// A 304 must never hold a job in a state the server left, so only strong
/// validators are kept:
/// - an `ETag` not marked `W/` (a weak tag says "equivalent", and a server
///   may find 60 % equivalent to 61 %);
/// - a `Last-Modified` at least 60 s older than the answer's `Date`
///   (RFC 9110 §8.8.2.2: a date closer than that is only a weak validator; a
///   server that compares whole seconds answers 304 for a job that changed
///   twice within one second). Without a readable `Date` it is not kept.
///
/// The key is the full URL, query included: `status=processing&limit=500`
/// and `status=all&limit=50` never share an answer. And a URL answered 304
/// `maximumReplays` times in a row is asked once without validators: a server
/// whose validators lie (an `ETag` computed without the query string) is
/// read in full at least every `maximumReplays + 1` requests.
public final class ConditionalCache: Sendable {
    public struct Entry: Sendable, Equatable {
        public var etag: String?
        public var lastModified: String?
        public var body: Data
        /// 304s answered from this body since it came in a 200.
        public var replays = 0
    }

    /// Bodies larger than this are not held (a 10,000-job list would cost megabytes).
    public let maximumBody: Int
    public let capacity: Int
    /// 304s in a row after which the next request for the URL is unconditional.
    public let maximumReplays: Int
    /// Seconds a `Last-Modified` must lie before the answer's `Date` to be a strong validator.
    public static let strongLastModifiedAge: Double = 60
    private let state = Locked<(entries: [String: (entry: Entry, used: Int)], clock: Int)>(([:], 0))

    public init(maximumBody: Int = 256 * 1024, capacity: Int = 256, maximumReplays: Int = 9) {
        self.maximumBody = maximumBody
        self.capacity = capacity
        self.maximumReplays = maximumReplays
    }

    /// The held answer for `url`, marked as used.
    public func entry(for url: String) -> Entry? {
        state.withLock { state in
            guard let held = state.entries[url] else { return nil }
            state.clock += 1
            state.entries[url] = (held.entry, state.clock)
            return held.entry
        }
    }

    /// The request headers to send for `url`: none when nothing is held, or
    /// when the held body has been replayed `maximumReplays` times in a row.
    public func validators(for url: String) -> [(name: String, value: String)] {
        guard let entry = entry(for: url), entry.replays < maximumReplays else { return [] }
        var headers: [(name: String, value: String)] = []
        if let etag = entry.etag { headers.append(("If-None-Match", etag)) }
        if let lastModified = entry.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        return headers
    }

    /// A 304 for `url`: the held body, counted as one more replay; nil when nothing is held.
    public func replay(url: String) -> Data? {
        state.withLock { state in
            guard var held = state.entries[url] else { return nil }
            state.clock += 1
            held.entry.replays += 1
            state.entries[url] = (held.entry, state.clock)
            return held.entry.body
        }
    }

    /// Whether `etag` is a strong validator: present and not marked `W/`.
    public static func isStrong(etag: String?) -> Bool {
        guard let etag = etag?.trimmingSpaces(), !etag.isEmpty else { return false }
        return !etag.hasPrefix("W/") && !etag.hasPrefix("w/")
    }

    /// Whether `lastModified` is a strong validator for an answer dated
    /// `date`: both readable, and `lastModified` at least 60 s before `date`.
    public static func isStrong(lastModified: String?, date: String?) -> Bool {
        guard let lastModified, let date, let modified = RetryAfter.parseHTTPDate(lastModified),
            let answered = RetryAfter.parseHTTPDate(date)
        else { return false }
        return answered.timeIntervalSince(modified) >= strongLastModifiedAge
    }

    /// Records a 200 answer dated `date` (its `Date` header): held when it
    /// carries a strong validator and is small enough, otherwise whatever was
    /// held for the URL is dropped.
    public func store(url: String, etag: String?, lastModified: String?, date: String?, body: Data) {
        store(
            url: url, etag: Self.isStrong(etag: etag) ? etag : nil,
            lastModified: Self.isStrong(lastModified: lastModified, date: date) ? lastModified : nil, body: body)
    }

    /// Records validators already judged strong (`store(url:etag:lastModified:date:body:)` judges them).
    func store(url: String, etag: String?, lastModified: String?, body: Data) {
        state.withLock { state in
            // A validator longer than any server needs is not echoed back.
            let etag = etag.flatMap { $0.utf8.count <= 256 ? $0 : nil }
            let lastModified = lastModified.flatMap { $0.utf8.count <= 64 ? $0 : nil }
            guard etag != nil || lastModified != nil, body.count <= maximumBody else {
                state.entries[url] = nil
                return
            }
            state.clock += 1
            state.entries[url] = (Entry(etag: etag, lastModified: lastModified, body: body), state.clock)
            if state.entries.count > capacity,
                let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key
            {
                state.entries[oldest] = nil
            }
        }
    }

    public func remove(url: String) {
        _ = state.withLock { $0.entries.removeValue(forKey: url) }
    }

    public var count: Int { state.withLock { $0.entries.count } }
}
