import FoundationEssentials

/// How times are shown: the `t` key cycles these.
public enum TimeMode: String, Sendable, Hashable, CaseIterable {
    case local, utc, relative

    public var next: TimeMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Formats dates and durations without locale machinery: fixed, short,
/// and the same on every machine (golden frames depend on it).
public enum TimeText {
    /// The dates shown as a calendar date: years 0 to 9999. Outside it a
    /// date saturates to `>9999y` or `<0y` instead of trapping.
    public static let showable: ClosedRange<Double> = -62_167_219_200...253_402_300_799

    /// The longest duration written out: 11574 days and a bit; longer ones are `11574d+`.
    public static let longestDuration: Double = 1_000_000_000

    /// `14:03:22`, `14:03:22Z`, or `3m ago`.
    public static func clock(_ date: Date, mode: TimeMode, zone: LocalZone, now: Date) -> String {
        if mode != .relative, let outside = outside(date) { return outside }
        switch mode {
        case .local: return hms(date, offset: zone.secondsFromGMT(for: date))
        case .utc: return hms(date, offset: 0) + "Z"
        case .relative: return ago(now.timeIntervalSince(date))
        }
    }

    /// The CREATED cell: the time of day (`14:03:22`, `14:03:22Z`) for a
    /// date on today's calendar day in the zone shown, else the date, as
    /// `ls -l` does: `Dec 31` within 180 days (past or future), `Mar 2024`
    /// beyond. A job opened with `:` a month after it was made must not read
    /// as made today; 9 columns still hold it. Relative mode: `3d ago`.
    public static func dayOrClock(_ date: Date, mode: TimeMode, zone: LocalZone, now: Date) -> String {
        if mode == .relative { return clock(date, mode: mode, zone: zone, now: now) }
        if let outside = outside(date) { return outside }
        let offset = mode == .utc ? 0 : zone.secondsFromGMT(for: date)
        let nowOffset = mode == .utc ? 0 : zone.secondsFromGMT(for: now)
        if day(date, offset: offset) == day(now, offset: nowOffset) {
            return clock(date, mode: mode, zone: zone, now: now)
        }
        let (year, month, dayOfMonth) = civil(date, offset: offset)
        let name = monthNames[month - 1]
        return abs(now.timeIntervalSince(date)) < 180 * 86_400 ? "\(name) \(two(dayOfMonth))" : "\(name) \(year)"
    }

    /// English month abbreviations: fixed, like the rest of this file, never the locale's.
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// A timestamp in full: `2024-01-15 11:00:00 +01:00`.
    public static func full(_ date: Date, zone: LocalZone) -> String {
        if let outside = outside(date) { return outside }
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return
            "\(day(date, offset: offset)) \(hms(date, offset: offset)) \(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// `2024-01-15 10:00:00Z`
    public static func fullUTC(_ date: Date) -> String {
        if let outside = outside(date) { return outside }
        return "\(day(date, offset: 0)) \(hms(date, offset: 0))Z"
    }

    /// A duration, short: `45s`, `9m03s`, `12m`, `1h05m`, `3d04h`.
    /// Seconds only under 10 minutes, so a long-running row does not change every second.
    /// Saturates: `11574d+` past `longestDuration`, `?` for NaN.
    public static func duration(_ seconds: Double) -> String {
        guard !seconds.isNaN else { return "?" }
        if seconds >= longestDuration { return "\(Int(longestDuration) / 86_400)d+" }
        let total = max(0, Int(max(0, seconds).rounded(.down)))
        if total < 60 { return "\(total)s" }
        if total < 600 { return "\(total / 60)m\(two(total % 60))s" }
        if total < 3600 { return "\(total / 60)m" }
        if total < 86_400 { return "\(total / 3600)h\(two(total / 60 % 60))m" }
        return "\(total / 86_400)d\(two(total / 3600 % 24))h"
    }

    /// `just now`, `12s ago`, `3m ago`, `2h ago`.
    public static func ago(_ seconds: Double) -> String {
        guard !seconds.isNaN else { return "?" }
        if seconds >= longestDuration { return "\(Int(longestDuration) / 86_400)d+ ago" }
        if seconds < 1 { return "just now" }
        if seconds < 60 { return "\(Int(seconds))s ago" }
        if seconds < 3600 { return "\(Int(seconds / 60))m ago" }
        if seconds < 86_400 { return "\(Int(seconds / 3600))h ago" }
        return "\(Int(seconds / 86_400))d ago"
    }

    /// `ago` in at most 7 columns, for the TIME column: `0s ago`, `59s ago`, `3m ago`, `5h ago`,
    /// `12d ago`, then weeks (`15w ago`) from 100 days, years (`3y ago`) from 700; `?` for NaN.
    public static func agoShort(_ seconds: Double) -> String {
        guard !seconds.isNaN else { return "?" }
        let total = Saturating.int(max(0, min(seconds, longestDuration))) ?? 0
        if total < 60 { return "\(total)s ago" }
        if total < 3600 { return "\(total / 60)m ago" }
        if total < 86_400 { return "\(total / 3600)h ago" }
        if total < 100 * 86_400 { return "\(total / 86_400)d ago" }
        if total < 700 * 86_400 { return "\(total / (7 * 86_400))w ago" }
        return "\(total / (365 * 86_400))y ago"
    }

    /// `>9999y` or `<0y` for a date no calendar line can show; nil when it can.
    static func outside(_ date: Date) -> String? {
        let seconds = date.timeIntervalSince1970
        if seconds.isNaN { return "?" }
        if seconds > showable.upperBound { return ">9999y" }
        if seconds < showable.lowerBound { return "<0y" }
        return nil
    }

    private static func hms(_ date: Date, offset: Int) -> String {
        let seconds = (Saturating.int(date.timeIntervalSince1970) ?? 0) + offset
        let rest = ((seconds % 86_400) + 86_400) % 86_400
        return "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }

    private static func day(_ date: Date, offset: Int) -> String {
        let (year, month, dayOfMonth) = civil(date, offset: offset)
        return "\(year)-\(two(month))-\(two(dayOfMonth))"
    }

    private static func civil(_ date: Date, offset: Int) -> (Int, Int, Int) {
        let seconds = (Saturating.int(date.timeIntervalSince1970) ?? 0) + offset
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        return Timestamp.civilFromDays(days)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The server clock's skew as the header shows it: "clock +42s", "clock -3m".
    public static func skew(_ seconds: Int) -> String {
        "clock " + (seconds < 0 ? "-" : "+") + duration(Double(seconds.magnitude))
    }
}
