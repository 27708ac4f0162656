import FoundationEssentials

/// Reads the timestamp forms real job servers send.
///
/// Hand-written rather than `ISO8601DateFormatter` because servers mix forms
/// within one response (fractional seconds or not, `Z`, an offset, or no zone
/// at all) and a list of 10,000 jobs carries 40,000 of them: one small parser
/// that accepts every form is both more forgiving and much faster than trying
/// several formatters in turn.
public enum Timestamp {
    /// Parses ISO 8601 text: `2024-01-15T10:00:00Z`, with fractional seconds,
    /// with an offset (`+02:00`, `+0200`, `+02`), or with no zone (read as
    /// UTC); a space may stand for the `T`; a date alone is midnight UTC.
    /// Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D),
            let day = digits(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if index < bytes.count {
            guard bytes[index] == 0x54 || bytes[index] == 0x74 || bytes[index] == 0x20 else { return nil }
            index += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(0x3A) {
                guard let s = digits(2) else { return nil }
                second = s
                if expect(0x2E) || expect(0x2C) {
                    var scale = 0.1
                    var sawDigit = false
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        fraction += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                        sawDigit = true
                    }
                    guard sawDigit else { return nil }
                }
            }
            guard hour <= 24, minute <= 59, second <= 60 else { return nil }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == 0x5A || sign == 0x7A {
                    index += 1
                } else if sign == 0x2B || sign == 0x2D {
                    index += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if expect(0x3A) {
                        guard let value = digits(2) else { return nil }
                        om = value
                    } else if index < bytes.count {
                        guard let value = digits(2) else { return nil }
                        om = value
                    }
                    guard oh <= 23, om <= 59 else { return nil }
                    offsetSeconds = (oh * 3600 + om * 60) * (sign == 0x2D ? -1 : 1)
                } else {
                    return nil
                }
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds =
            Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// True for ISO 8601 text with a time of day and no zone (`2024-01-15T10:00:00`):
    /// read as UTC, though many servers (Django with `USE_TZ = False`, a
    /// naive `datetime.now()`) write their local time so. A date alone, an
    /// epoch number or text with `Z` or an offset is not naive.
    public static func isNaive(_ value: JSONValue) -> Bool {
        guard case .string(let raw) = value else { return false }
        let text = raw.trimmingSpaces()
        let bytes = Array(text.utf8)
        guard bytes.count > 10, [0x54, 0x74, 0x20].contains(bytes[10]), parse(text) != nil else { return false }
        let time = bytes[11...]
        return !time.contains(0x5A) && !time.contains(0x7A) && !time.contains(0x2B) && !time.contains(0x2D)
    }

    /// Reads a timestamp from any JSON value: ISO 8601 text, or a number of
    /// seconds since 1970 (a number too large for seconds is read as
    /// milliseconds, which some servers send). Anything else is nil.
    public static func parse(_ value: JSONValue) -> Date? {
        switch value {
        case .string(let text):
            if let date = parse(text) { return date }
            if let number = Double(text.trimmingSpaces()), number.isFinite {
                return fromEpoch(number)
            }
            return nil
        case .number(let number):
            return number.isFinite ? fromEpoch(number) : nil
        default:
            return nil
        }
    }

    private static func fromEpoch(_ number: Double) -> Date? {
        guard number >= 0 else { return nil }
        // 1e11 seconds is the year 5138: anything larger is milliseconds.
        return Date(timeIntervalSince1970: number >= 1e11 ? number / 1000 : number)
    }

    /// Formats as ISO 8601 UTC with milliseconds: the form we send ourselves.
    /// Saturates to the years 0 and 9999 (use `json(_:)` to keep a date outside them).
    public static func format(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970
        let total = raw.isNaN ? 0 : min(TimeText.showable.upperBound, max(TimeText.showable.lowerBound, raw))
        let wholeSeconds = Int(total.rounded(.down))
        let millis = min(999, Int(((total - Double(wholeSeconds)) * 1000).rounded()))
        var days = wholeSeconds / 86_400
        var rest = wholeSeconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):"
            + "\(pad(rest % 60, 2)).\(pad(millis, 3))Z"
    }

    /// A date as JSON: ISO 8601 text for the years 0 to 9999; outside them
    /// the epoch milliseconds (which `parse` reads back), never a trap.
    public static func json(_ date: Date) -> JSONValue {
        let seconds = date.timeIntervalSince1970
        if TimeText.showable.contains(seconds) { return .string(format(date)) }
        return seconds.isFinite ? .number(seconds * 1000) : .null
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
