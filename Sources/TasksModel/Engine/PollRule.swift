/// A rule mapping job type names to a policy: the first rule whose `match`
/// occurs in the type name wins.
///
/// Type names are compared in a normal form: lower case, `-` and spaces as
/// `_`, with a `_` added at both ends, so `_ad_` matches `bulk_ad_generation`
/// and `ad_remix` but not `upload_video`.
public struct PollRule: Sendable, Hashable {
    public var match: [String]
    public var policy: PollPolicy

    public init(match: [String], policy: PollPolicy) {
        self.match = match.map { PollRules.words($0) }
        self.policy = policy
    }

    func matches(normalizedType: String) -> Bool {
        match.contains { normalizedType.contains($0) }
    }
}
