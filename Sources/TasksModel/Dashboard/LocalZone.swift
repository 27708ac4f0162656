import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The zone local times are shown in: only its offset from UTC at a given
/// moment is ever needed. `.system` asks the C library (`localtime_r`), which
/// honours `TZ` and /etc/localtime, so the client needs no ICU (Foundation's
/// `TimeZone` without FoundationInternationalization knows only GMT).
public struct LocalZone: Sendable, Hashable, CustomStringConvertible {
    /// What it is called in messages and tests; two zones are the same zone when their names are.
    public let description: String
    private let offsetAt: @Sendable (Int) -> Int

    /// A zone whose offset at each moment (seconds since 1970) is `offset`'s answer, in seconds east of UTC.
    public init(_ name: String, offset: @escaping @Sendable (_ unixSeconds: Int) -> Int) {
        description = name
        offsetAt = offset
    }

    /// Seconds east of UTC at `date` (0 for dates that are not numbers or beyond `Int`).
    public func secondsFromGMT(for date: Date) -> Int {
        guard let seconds = Saturating.int(date.timeIntervalSince1970) else { return 0 }
        return offsetAt(seconds)
    }

    public static func == (lhs: LocalZone, rhs: LocalZone) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public static let utc = LocalZone("UTC") { _ in 0 }

    /// A fixed offset, seconds east of UTC.
    public static func fixed(_ seconds: Int) -> LocalZone {
        LocalZone("UTC\(seconds < 0 ? "-" : "+")\(seconds.magnitude)s") { _ in seconds }
    }

    /// This machine's zone as the C library sees it: `TZ` when set, else /etc/localtime.
    public static let system = LocalZone("system") { seconds in
        var time = time_t(truncatingIfNeeded: seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }
}
