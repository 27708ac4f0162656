/// A `--since` value that is not a duration: the message names the forms
/// that are, so the user can fix it without reading the help.
public struct AuditDurationError: Error, CustomStringConvertible, Hashable {
    public var text: String

    public init(text: String) { self.text = text }

    public var description: String {
        "not a duration: \"\(text)\" (a number and its unit, as in 90s, 30m, 1h, 2d, 1w, or run together, 1h30m; at most 10 years)"
    }
}
