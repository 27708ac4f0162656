import Testing

@testable import TasksModel

@Suite("Per-type poll policy")
struct PollPolicyTests {
    @Test(
        "type names map to the reference table",
        arguments: [
            ("scraping", 5.0, 600.0), ("store_scraping", 5, 600), ("Product-Scraping", 5, 600),
            ("ad_generation", 6, 1800), ("bulk_ad_generation", 6, 1800), ("ad_remix", 6, 1800),
            ("ad_template_generation", 6, 1800), ("video_generation", 10, 2700), ("sora_video_generation", 10, 2700),
            ("research", 10, 3000), ("product_research", 10, 3000), ("strategic_analysis", 10, 5400),
            ("persona_generation", 10, 5400), ("angle_approval", 10, 5400), ("avatar_video", 10, 1800),
            ("avatar_product_video", 10, 1800), ("upload_video_thumbnail", 10, 2700), ("mystery", 10, 3600),
            ("shadow_task", 10, 3600),
        ])
    func mapping(type: String, interval: Double, maximum: Double) {
        let policy = PollRules.reference.policy(for: type)
        #expect(policy.interval == interval, "\(type)")
        #expect(policy.maximumDuration == maximum, "\(type)")
    }

    @Test("rules can be overridden: the first match wins")
    func override() {
        var rules = PollRules.reference
        rules.rules.insert(
            PollRule(
                match: ["store_scrap"], policy: PollPolicy(name: "slow stores", interval: 30, maximumDuration: 7200)),
            at: 0)
        #expect(rules.policy(for: "store_scraping").interval == 30)
        #expect(rules.policy(for: "product_scraping").interval == 5)
    }

    @Test("the default stall threshold is the greater of 5 minutes and 10 intervals")
    func stallThreshold() {
        var configuration = EngineConfiguration()
        #expect(configuration.stallThreshold(for: PollPolicy(name: "a", interval: 10, maximumDuration: 1)) == 300)
        #expect(configuration.stallThreshold(for: PollPolicy(name: "a", interval: 45, maximumDuration: 1)) == 450)
        configuration.stallThreshold = 60
        #expect(configuration.stallThreshold(for: PollPolicy(name: "a", interval: 45, maximumDuration: 1)) == 60)
    }
}
