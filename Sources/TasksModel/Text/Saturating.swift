import FoundationEssentials

/// Turns server numbers into `Int` without trapping.
///
/// `Int(Double)` traps on NaN, infinities and anything outside ±9.2e18; a
/// server can send any of them (`"estimated_time_remaining": 1e19`,
/// `"created_at": 1e22`). Every conversion of a server number goes through here.
public enum Saturating {
    /// The largest magnitude handed out: far beyond any real duration, and
    /// small enough that adding a day of seconds cannot overflow.
    public static let limit: Double = 1e15

    /// `value` rounded down and clamped to ±`limit`; nil for NaN.
    public static func int(_ value: Double) -> Int? {
        guard !value.isNaN else { return nil }
        return Int(min(limit, max(-limit, value)).rounded(.down))
    }
}
