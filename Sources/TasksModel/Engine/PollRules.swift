/// The ordered rules, and the policy for types no rule matches.
public struct PollRules: Sendable, Hashable {
    public var rules: [PollRule]
    public var fallback: PollPolicy

    public init(rules: [PollRule], fallback: PollPolicy) {
        self.rules = rules
        self.fallback = fallback
    }

    /// The policies of the reference table (job-polling-pattern.md).
    public static let adGeneration = PollPolicy(name: "ad generation", interval: 6, maximumDuration: 30 * 60)
    public static let videoGeneration = PollPolicy(name: "video generation", interval: 10, maximumDuration: 45 * 60)
    public static let research = PollPolicy(name: "research", interval: 10, maximumDuration: 50 * 60)
    public static let strategicAnalysis = PollPolicy(
        name: "strategic analysis", interval: 10, maximumDuration: 90 * 60)
    public static let scraping = PollPolicy(name: "scraping", interval: 5, maximumDuration: 10 * 60)
    public static let avatarVideo = PollPolicy(name: "avatar video", interval: 10, maximumDuration: 30 * 60)
    /// A type no rule matches: the details pane says "unknown type".
    public static let unknownType = PollPolicy(name: "other", interval: 10, maximumDuration: 60 * 60)

    /// The reference table, the one table the engine and the simulator
    /// (`JobFamily`) use. Whole words only; order matters: "avatar" before
    /// "video" (avatar videos), strategic analysis before research (the
    /// seed lists the research summary endpoint under Strategic Analysis),
    /// video before ads (`image_to_video`).
    ///
    /// Every job endpoint of the seed maps here: `scrape-product-job`,
    /// `scrape-store-job` (scraping); `generate-bulk-dynamic-job`,
    /// `image/template-job`, `conversations/{id}/remix` (ad generation);
    /// `research/.../summary`, `personas-job`, `analyze-job`,
    /// `approve-angle-job` (strategic analysis); `sora/generate`,
    /// `video-playground/.../generate-video` (video generation);
    /// `avatars/product-video/generate` (avatar video).
    public static let reference = PollRules(
        rules: [
            PollRule(words: ["avatar", "avatars", "product video"], policy: avatarVideo),
            PollRule(
                words: ["scrape", "scrapes", "scraped", "scraper", "scraping", "crawl", "crawling"], policy: scraping),
            PollRule(words: ["video", "videos", "sora"], policy: videoGeneration),
            PollRule(
                words: [
                    "strategic", "strategy", "analysis", "analyses", "analyze", "analyse", "persona", "personas",
                    "angle", "angles", "summary", "research summary",
                ],
                policy: strategicAnalysis),
            PollRule(words: ["research", "researches"], policy: research),
            PollRule(
                words: [
                    "ad", "ads", "adgen", "advert", "adverts", "advertisement", "creative", "creatives", "banner",
                    "banners", "image", "images", "bulk", "remix", "template",
                ],
                policy: adGeneration),
        ],
        fallback: unknownType)

    /// The policy for a job type.
    public func policy(for type: String) -> PollPolicy {
        rule(for: type)?.policy ?? fallback
    }

    /// The first rule that matches the type, if any: nil means the fallback.
    public func rule(for type: String) -> PollRule? {
        let normalized = Self.normalize(type)
        let words = Self.wordList(type)
        return rules.first { $0.matches(typeWords: words, normalizedType: normalized) }
    }

    /// Whether no rule matches the type (it is polled by the fallback policy).
    public func isUnknown(_ type: String) -> Bool { rule(for: type) == nil }

    static func normalize(_ type: String) -> String {
        "_" + words(type) + "_"
    }

    /// The type's words joined with `_`.
    static func words(_ text: String) -> String {
        wordList(text).joined(separator: "_")
    }

    /// Lower-case words: split on `_ - . / :`, spaces and other punctuation,
    /// and at camelCase humps (`adGeneration`, `ADGeneration`, `video2Audio`).
    public static func wordList(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isWordScalar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            guard isWordScalar else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty, scalar.properties.isUppercase, let previous = current.unicodeScalars.last {
                let previousUpper = previous.properties.isUppercase
                let nextLower = index + 1 < scalars.count && scalars[index + 1].properties.isLowercase
                // aB: a hump. ABc: the last capital starts a word (`ADGeneration`).
                if !previousUpper || nextLower {
                    words.append(current)
                    current = ""
                }
            }
            current.unicodeScalars.append(scalar)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}
