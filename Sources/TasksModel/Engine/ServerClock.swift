import Foundation

/// The server's clock, estimated from the HTTP `Date` header of its answers.
///
/// Elapsed times, STALLED and OVERDUE compare the server's timestamps
/// (`created_at`, `started_at`, `updated_at`) with "now": with a server whose
/// clock runs ahead or behind ours, that "now" must be the server's. Each
/// answer gives one sample, the header's time minus the middle of the
/// request's round trip (the header is whole seconds, cut down: half a second
/// is added back). The estimate is the median of the recent samples, so one
/// slow answer or one odd header does not move it; answers without a
/// readable `Date` give no sample.
public struct ServerClock: Sendable, Hashable {
    /// Seconds the server's clock is ahead of ours (negative: behind); 0 until an answer says otherwise.
    public private(set) var offset: Double = 0
    /// Recent samples, oldest first.
    public private(set) var samples: [Double] = []
    /// How many samples the estimate keeps.
    public static let kept = 15
    /// A skew the header shows: more than this many seconds.
    public static let shownOver: Double = 5

    public init() {}

    /// Adds the sample of one answer: sent at `sentAt`, received at `receivedAt`, its `Date` header `serverDate`.
    public mutating func record(sentAt: Date, receivedAt: Date, serverDate: Date) {
        let roundTrip = receivedAt.timeIntervalSince(sentAt)
        // A round trip of more than 30 s says little about when the header was written.
        guard roundTrip >= 0, roundTrip <= 30, serverDate.timeIntervalSince1970.isFinite else { return }
        let middle = sentAt.addingTimeInterval(roundTrip / 2)
        let sample = serverDate.addingTimeInterval(0.5).timeIntervalSince(middle)
        guard abs(sample) < 10 * 365 * 86_400 else { return }
        samples.append(sample)
        if samples.count > Self.kept { samples.removeFirst(samples.count - Self.kept) }
        let sorted = samples.sorted()
        let half = sorted.count / 2
        offset = sorted.count % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
    }

    /// The skew in whole seconds when it is worth telling (over `shownOver`); else nil.
    public var shownSkew: Int? {
        abs(offset) > Self.shownOver ? Saturating.int(offset.rounded()) : nil
    }
}

/// When a request was sent and what the server's `Date` header said: the
/// engine keeps newer data from being replaced by an older answer, and
/// estimates the server's clock.
public struct ResponseTiming: Sendable, Hashable {
    public var sentAt: Date
    /// The answer's `Date` header; nil when absent, unreadable, or the request failed before an answer.
    public var serverDate: Date?
    /// The answer's body bytes as they came over the wire (0 for a 304); nil when unknown.
    public var bodyBytes: Int?

    public init(sentAt: Date, serverDate: Date? = nil, bodyBytes: Int? = nil) {
        self.sentAt = sentAt
        self.serverDate = serverDate
        self.bodyBytes = bodyBytes
    }
}
