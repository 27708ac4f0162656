/// `--since`'s durations: `90s`, `30m`, `1h`, `2d`, `1w`, or several run
/// together (`1h30m`). A unit is always written: a bare `30` could be
/// seconds or minutes, and guessing wrong would hide or show the wrong attempts.
public enum AuditDuration {
    /// Seconds per unit letter.
    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]

    /// The duration in seconds, or why it is not one (for the command's error message).
    public static func parse(_ text: String) -> Result<Double, AuditDurationError> {
        let problem = AuditDurationError(text: text)
        guard !text.isEmpty else { return .failure(problem) }
        var total = 0.0
        var digits = ""
        for character in text {
            if character.isASCII, character.isWholeNumber {
                digits.append(character)
            } else if let unit = units[character], !digits.isEmpty, let count = Double(digits) {
                total += count * unit
                digits = ""
            } else {
                return .failure(problem)
            }
        }
        // Ten years is plenty; more is a typo (and could overflow a date).
        guard digits.isEmpty, total > 0, total <= 10 * 365 * 86_400 else { return .failure(problem) }
        return .success(total)
    }

}
