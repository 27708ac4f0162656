import Foundation
import Synchronization

/// The validators (`ETag`, `Last-Modified`) and body of the last answer per
/// URL, so the next request for it asks `If-None-Match` / `If-Modified-Since`
/// and a 304 is read as that body again. Bounded: small bodies only, and at
/// most `capacity` URLs, the least recently used going first.
public final class ConditionalCache: Sendable {
    public struct Entry: Sendable, Equatable {
        public var etag: String?
        public var lastModified: String?
        public var body: Data
    }

    /// Bodies larger than this are not held (a 10,000-job list would cost megabytes).
    public let maximumBody: Int
    public let capacity: Int
    private let state = Mutex<(entries: [String: (entry: Entry, used: Int)], clock: Int)>(([:], 0))

    public init(maximumBody: Int = 256 * 1024, capacity: Int = 256) {
        self.maximumBody = maximumBody
        self.capacity = capacity
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

    /// The request headers to send for `url`: none when nothing is held.
    public func validators(for url: String) -> [(name: String, value: String)] {
        guard let entry = entry(for: url) else { return [] }
        var headers: [(name: String, value: String)] = []
        if let etag = entry.etag { headers.append(("If-None-Match", etag)) }
        if let lastModified = entry.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        return headers
    }

    /// Records a 200 answer: held when it carries a validator and is small
    /// enough, otherwise whatever was held for the URL is dropped.
    public func store(url: String, etag: String?, lastModified: String?, body: Data) {
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
