import FoundationEssentials

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
///
/// The estimate is used only when it is sane: under `usedUnder` (an hour)
/// and stable (the recent samples within `stableSpread` of each other). A
/// server whose `Date` is years off, or jumps about, is not believed: `offset`
/// stays 0 (our clock) and `ignoredOffset` says what it claimed, for the
/// header (`server clock +3y?: ignored`).
public struct ServerClock: Sendable, Hashable {
    /// Seconds the server's clock is ahead of ours (negative: behind), when
    /// believed; 0 until an answer says otherwise, and while the estimate is ignored.
    public private(set) var offset: Double = 0
    /// The estimate when it is not believed (an hour or more off, or unstable); nil when it is.
    public private(set) var ignoredOffset: Double?
    /// An offset of this many seconds or more is not believed.
    public static let usedUnder: Double = 3600
    /// Samples further apart than this are not stable.
    public static let stableSpread: Double = 60
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
        let median = sorted.count % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
        // Stable: the middle half of the samples agree (one odd header is not instability).
        let quarter = sorted.count / 4
        let spread = sorted[sorted.count - 1 - quarter] - sorted[quarter]
        if abs(median) < Self.usedUnder, spread <= Self.stableSpread {
            offset = median
            ignoredOffset = nil
        } else {
            offset = 0
            ignoredOffset = median
        }
    }

    /// The ignored offset as the header shows it: `server clock +3y?: ignored`.
    public var ignoredText: String? {
        guard let ignoredOffset else { return nil }
        let sign = ignoredOffset < 0 ? "−" : "+"
        let seconds = abs(ignoredOffset)
        let amount: String
        if seconds >= 365 * 86_400 {
            amount = "\(Saturating.int((seconds / (365.25 * 86_400)).rounded()) ?? 0)y"
        } else if seconds >= 86_400 {
            amount = "\(Saturating.int((seconds / 86_400).rounded()) ?? 0)d"
        } else if seconds >= 3600 {
            amount = "\(Saturating.int((seconds / 3600).rounded()) ?? 0)h"
        } else {
            amount = TimeText.duration(seconds)
        }
        return "server clock \(sign)\(amount)?: ignored"
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

    /// A 304 answered from the client's conditional cache (`ConditionalCache`):
    /// the data is as old as the last full answer to the same request, not as
    /// old as this request. A successful job or list read has a body, so 0
    /// bytes means a replay.
    public var replayed: Bool { bodyBytes == 0 }

    public init(sentAt: Date, serverDate: Date? = nil, bodyBytes: Int? = nil) {
        self.sentAt = sentAt
        self.serverDate = serverDate
        self.bodyBytes = bodyBytes
    }
}
