/// How a cancel of several jobs is confirmed: up to `typedAbove` jobs, `y`;
/// above that, the number of jobs typed out, as GitHub asks for a
/// repository's name before deleting it. A `y` typed (or pasted) out of
/// habit never cancels forty jobs.
public struct CountConfirmation: Sendable, Hashable {
    /// The jobs the answer would cancel.
    public var count: Int
    /// Above this many jobs, the count must be typed.
    public static let typedAbove = 5

    public init(count: Int) { self.count = count }

    /// The count must be typed rather than `y`.
    public var needsCount: Bool { count > Self.typedAbove }

    /// What the question ends with.
    public var prompt: String {
        needsCount ? "Type \(count) to cancel all \(count) jobs (anything else: nothing is sent): " : "[y/N] "
    }

    /// The answer that confirms, as the dialog asks for it.
    public var expected: String { needsCount ? String(count) : "y" }

    /// Whether `answer` (as typed, spaces around it ignored) confirms.
    public func accepts(_ answer: String) -> Bool {
        let answer = answer.trimmingWhitespace().lowercased()
        return needsCount ? answer == String(count) : answer == "y" || answer == "yes"
    }
}
