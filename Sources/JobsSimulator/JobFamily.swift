import TasksModel

/// The six operation types of the reference, with what a simulated job of
/// each looks like: its type-name variants, titles, steps and maximum duration.
public enum JobFamily: String, Sendable, CaseIterable {
    case adGeneration, videoGeneration, research, strategicAnalysis, scraping, avatarVideo

    /// The family's policy in the engine's one table (`PollRules`): the
    /// simulator and the engine cannot disagree on a type.
    public var policy: PollPolicy {
        switch self {
        case .adGeneration: PollRules.adGeneration
        case .videoGeneration: PollRules.videoGeneration
        case .research: PollRules.research
        case .strategicAnalysis: PollRules.strategicAnalysis
        case .scraping: PollRules.scraping
        case .avatarVideo: PollRules.avatarVideo
        }
    }

    /// The maximum duration from the reference table, in seconds.
    public var maximumDuration: Double { policy.maximumDuration }

    /// Type names a real backend uses for this family (the first is the
    /// canonical one). Each maps to this family in `PollRules.reference`
    /// (tested); `research_summary` is strategic analysis, as the seed lists
    /// the summary endpoint under Strategic Analysis.
    public var typeNames: [String] {
        switch self {
        case .adGeneration:
            ["ad_generation", "bulk_ad_generation", "ad_template_generation", "ad_remix"]
        case .videoGeneration: ["video_generation", "sora_video_generation", "playground_video_generation"]
        case .research: ["research", "product_research", "competitor_research"]
        case .strategicAnalysis: ["strategic_analysis", "persona_generation", "angle_approval", "research_summary"]
        case .scraping: ["scraping", "store_scraping", "product_scraping"]
        case .avatarVideo: ["avatar_video", "avatar_product_video"]
        }
    }

    var titles: [String] {
        switch self {
        case .adGeneration:
            [
                "Spring sale carousel", "Black Friday bulk ads", "Retargeting set B", "Summer drop statics",
                "UGC remix batch",
            ]
        case .videoGeneration: ["Launch teaser 15s", "Product hero video", "Unboxing short", "Holiday spot v2"]
        case .research: ["Competitor landscape", "Audience deep dive", "Review mining: serums", "Market sizing EU"]
        case .strategicAnalysis:
            ["Q3 positioning", "Persona set: runners", "Angle review: comfort", "Pricing strategy"]
        case .scraping:
            ["acme-store.com catalogue", "Product page: AirLite 2", "shop.example.org", "Reviews: trail shoes"]
        case .avatarVideo: ["Avatar explainer: Mia", "Founder intro avatar", "Avatar demo: skincare"]
        }
    }

    /// How many visible steps a job of this family goes through.
    func stepCount(using random: inout SeededRandom) -> Int {
        switch self {
        case .adGeneration: Int.random(in: 6...24, using: &random)
        case .videoGeneration: Int.random(in: 5...9, using: &random)
        case .research: Int.random(in: 6...12, using: &random)
        case .strategicAnalysis: Int.random(in: 5...8, using: &random)
        case .scraping: Int.random(in: 10...40, using: &random)
        case .avatarVideo: Int.random(in: 4...7, using: &random)
        }
    }

    /// The current_step text for step `index` (0-based) of `count`.
    func stepText(_ index: Int, of count: Int) -> String {
        let n = index + 1
        switch self {
        case .adGeneration:
            return n == count ? "Uploading creatives" : "Generating image \(n) of \(count - 1)"
        case .videoGeneration:
            if n == 1 { return "Writing script" }
            if n == count { return "Rendering final cut" }
            return "Generating scene \(n - 1) of \(count - 2)"
        case .research:
            let phases = [
                "Collecting sources", "Scraping sources", "Reading reviews", "Clustering themes", "Summarising",
            ]
            return "\(phases[min(phases.count - 1, index * phases.count / max(count, 1))]) (\(n)/\(count))"
        case .strategicAnalysis:
            let modules = [
                "Market analysis", "Persona synthesis", "Angle generation", "Messaging matrix", "Risk review",
                "Scoring angles", "Writing report", "Final review",
            ]
            return "Module \(n) of \(count): \(modules[index % modules.count])"
        case .scraping:
            return "Scraping page \(n) of \(count)"
        case .avatarVideo:
            let phases = ["Preparing avatar", "Synthesising voice", "Lip-sync pass", "Compositing", "Encoding video"]
            return "\(phases[min(phases.count - 1, index * phases.count / max(count, 1))]) (\(n)/\(count))"
        }
    }

    func failure(using random: inout SeededRandom) -> (String, JSONValue) {
        let options: [(String, JSONValue)]
        switch self {
        case .adGeneration:
            options = [
                ("Image provider rate limit exceeded", ["provider": "imagegen", "retry_after": 60]),
                ("Content policy rejected prompt", ["policy": "brand_safety", "prompt_index": 4]),
            ]
        case .videoGeneration, .avatarVideo:
            options = [
                ("Render worker ran out of memory", ["worker": "gpu-7", "exit_code": 137]),
                ("Upstream video model timed out", ["model": "video-gen-2", "timeout_s": 900]),
            ]
        case .research, .strategicAnalysis:
            options = [
                ("LLM context length exceeded", ["tokens": 131_072, "module": "summary"]),
                ("Source fetch failed for 12 of 20 URLs", ["failed_urls": 12, "total_urls": 20]),
            ]
        case .scraping:
            options = [
                ("Target site returned 403 Forbidden", ["status": 403, "url": "https://acme-store.com/products"]),
                ("Bot protection challenge not solved", ["provider": "cloudflare", "attempts": 3]),
            ]
        }
        return options[Int.random(in: 0..<options.count, using: &random)]
    }

    func result(title: String, steps: Int) -> JSONValue {
        switch self {
        case .adGeneration:
            ["ads_created": .number(Double(max(1, steps - 1))), "gallery_url": "https://cdn.example.com/ads/batch"]
        case .videoGeneration, .avatarVideo:
            ["video_url": "https://cdn.example.com/video/final.mp4", "duration_s": 15, "resolution": "1080x1920"]
        case .research:
            ["report_id": .string("rep_\(steps)"), "sources": .number(Double(steps * 4)), "title": .string(title)]
        case .strategicAnalysis: ["analysis_id": .string("ana_\(steps)"), "angles": 6, "personas": 4]
        case .scraping: ["pages": .number(Double(steps)), "products_found": .number(Double(steps * 7))]
        }
    }
}
