/// The ordered rules, and the policy for types no rule matches.
public struct PollRules: Sendable, Hashable {
    public var rules: [PollRule]
    public var fallback: PollPolicy

    public init(rules: [PollRule], fallback: PollPolicy) {
        self.rules = rules
        self.fallback = fallback
    }

    /// The reference table: scraping 5 s / 10 min, ad generation 6 s / 30 min,
    /// video generation 10 s / 45 min, research 10 s / 50 min, strategic
    /// analysis 10 s / 90 min, avatar video 10 s / 30 min; others 10 s / 60 min.
    /// "avatar" comes before "video" so avatar videos get the avatar policy.
    public static let reference = PollRules(
        rules: [
            PollRule(
                match: ["avatar", "product_video"],
                policy: PollPolicy(name: "avatar video", interval: 10, maximumDuration: 30 * 60)),
            PollRule(match: ["scrap"], policy: PollPolicy(name: "scraping", interval: 5, maximumDuration: 10 * 60)),
            PollRule(
                match: ["video", "sora"],
                policy: PollPolicy(name: "video generation", interval: 10, maximumDuration: 45 * 60)),
            PollRule(
                match: ["strategic", "_persona_", "_personas_", "angle", "analysis", "research_summary"],
                policy: PollPolicy(name: "strategic analysis", interval: 10, maximumDuration: 90 * 60)),
            PollRule(match: ["research"], policy: PollPolicy(name: "research", interval: 10, maximumDuration: 50 * 60)),
            PollRule(
                match: ["_ad_", "_ads_", "advert", "creative", "_adgen", "image_template", "remix"],
                policy: PollPolicy(name: "ad generation", interval: 6, maximumDuration: 30 * 60)),
        ],
        fallback: PollPolicy(name: "other", interval: 10, maximumDuration: 60 * 60))

    /// The policy for a job type.
    public func policy(for type: String) -> PollPolicy {
        let normalized = Self.normalize(type)
        return rules.first { $0.matches(normalizedType: normalized) }?.policy ?? fallback
    }

    static func normalize(_ type: String) -> String {
        "_" + words(type) + "_"
    }

    /// Lower case, `-` and spaces as `_`, camelCase split with `_`.
    static func words(_ text: String) -> String {
        var result = ""
        var previousLower = false
        for scalar in text.unicodeScalars {
            let upper = scalar.properties.isUppercase
            if upper && previousLower { result.unicodeScalars.append("_") }
            previousLower = scalar.properties.isLowercase || ("0"..."9").contains(scalar)
            if scalar == "-" || scalar == " " {
                result.unicodeScalars.append("_")
            } else {
                result += String(scalar).lowercased()
            }
        }
        return result
    }
}
