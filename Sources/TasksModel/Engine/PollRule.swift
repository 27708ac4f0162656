/// A rule mapping job type names to a policy: the first rule that matches wins.
///
/// Type names are compared as words: split on `_`, `-`, `.`, `/`, `:` and
/// spaces and at camelCase humps, lower-cased (`PollRules.wordList`). A rule
/// of the reference table matches whole words only: `ad` matches
/// `bulk_ad_generation`, `ads.generate_bulk` and `adGeneration` but not
/// `upload`, and `angle` matches `approve-angle` but not `rectangle_banner`.
/// A rule from the user's `poll_rules` keeps its older, looser meaning: its
/// words, joined with `_`, anywhere in the type's words joined with `_`
/// (`store_scrap` matches `store_scraping`).
public struct PollRule: Sendable, Hashable {
    public var match: [String]
    public var policy: PollPolicy
    /// Each entry of `match` as its words; whole-word rules only.
    let phrases: [[String]]
    /// True: `phrases` must occur as whole consecutive words. False: `match` is a substring.
    public let wholeWords: Bool

    /// A user rule: each `match` is found anywhere in the type's normal form.
    public init(match: [String], policy: PollPolicy) {
        self.match = match.map { PollRules.words($0) }
        self.policy = policy
        self.phrases = []
        self.wholeWords = false
    }

    /// A rule that matches whole words: each entry of `words` is one word or a
    /// run of consecutive words (`"image template"`, `"product video"`).
    public init(words: [String], policy: PollPolicy) {
        self.phrases = words.map { PollRules.wordList($0) }
        self.match = phrases.map { $0.joined(separator: "_") }
        self.policy = policy
        self.wholeWords = true
    }

    func matches(normalizedType: String) -> Bool {
        match.contains { normalizedType.contains($0) }
    }

    /// Whether the type, as its words, matches this rule.
    func matches(typeWords: [String], normalizedType: String) -> Bool {
        guard wholeWords else { return matches(normalizedType: normalizedType) }
        return phrases.contains { phrase in
            guard !phrase.isEmpty, phrase.count <= typeWords.count else { return false }
            for start in 0...(typeWords.count - phrase.count)
            where typeWords[start..<(start + phrase.count)].elementsEqual(phrase) {
                return true
            }
            return false
        }
    }
}
