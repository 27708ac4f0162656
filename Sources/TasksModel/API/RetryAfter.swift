import FoundationEssentials

/// Reads an HTTP `Retry-After` header: delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// The longest wait we honour. A server asking for an hour is more likely
    /// confused than right, and a dashboard frozen for an hour is useless.
    public static let cap: Double = 300

    /// Seconds to wait from `now`, capped to `cap`; nil when the header is absent or unreadable.
    public static func parse(_ header: String?, now: Date) -> Double? {
        guard let raw = header?.trimmingSpaces(), !raw.isEmpty else { return nil }
        if let seconds = Double(raw), seconds.isFinite {
            return min(cap, max(0, seconds))
        }
        guard let date = parseHTTPDate(raw) else { return nil }
        return min(cap, max(0, date.timeIntervalSince(now)))
    }

    /// IMF-fixdate, as RFC 9110 requires senders to use: `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT",
            let day = Int(parts[1]),
            let monthIndex = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
            .firstIndex(of: String(parts[2])),
            let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]),
            let second = Int(time[2]),
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), year >= 0
        else { return nil }
        // A year no calendar needs (`999999999999`) would overflow the
        // arithmetic below: it means "far away", which the cap then bounds.
        guard year <= 9999 else { return .distantFuture }
        let days = Timestamp.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Formats an IMF-fixdate (for servers and tests).
    public static func formatHTTPDate(_ date: Date) -> String {
        let clamped = min(TimeText.showable.upperBound, max(TimeText.showable.lowerBound, date.timeIntervalSince1970))
        let seconds = Saturating.int(clamped) ?? 0
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let (year, month, day) = Timestamp.civilFromDays(days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
    }
}
