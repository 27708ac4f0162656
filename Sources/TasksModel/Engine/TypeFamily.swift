/// The family of a job type, as a short label for narrow tables.
extension PollRules {
    /// "scrape", "ads", "video", "research", "strategy" or "avatar": the
    /// reference rule the type matches (the engine's own matching, so
    /// `adGeneration` and `sora_video` land where their policy does); the
    /// type itself when no rule matches.
    public static func family(of type: String) -> String {
        guard let rule = reference.rule(for: type) else { return type }
        return familyLabels[rule.policy.name] ?? type
    }

    /// The label of each reference policy, by its name.
    static let familyLabels = [
        "avatar video": "avatar", "scraping": "scrape", "video generation": "video", "research": "research",
        "strategic analysis": "strategy", "ad generation": "ads",
    ]
}
