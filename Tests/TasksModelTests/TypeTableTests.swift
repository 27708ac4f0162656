import Foundation
import JobsSimulator
import Testing

@testable import TasksModel

/// The one type table (`PollRules.reference`), against every job endpoint
/// named in the reference (`job-polling-pattern.md`), and the simulator's
/// families against the same table.
@Suite("Type table")
struct TypeTableTests {
    /// Each job endpoint of the seed, the type names a server derives from
    /// it (snake, kebab, dotted, slashed and camelCase spellings), and the
    /// reference row it belongs to.
    static let endpoints: [(endpoint: String, types: [String], policy: PollPolicy)] = [
        (
            "POST /api/v1/scraping/scrape-product-job",
            ["scrape_product", "scrape-product", "scraping.scrape_product", "scrapeProduct", "product_scraping"],
            PollRules.scraping
        ),
        (
            "POST /api/v1/scraping/scrape-store-job",
            ["scrape_store", "scraping/scrape-store", "scrapeStore", "store_scraping"], PollRules.scraping
        ),
        (
            "POST /api/v1/ads/generate-bulk-dynamic-job",
            [
                "generate_bulk_dynamic", "generate-bulk-dynamic", "ads.generate_bulk_dynamic", "ads.generate_bulk",
                "generateBulkDynamic", "ads:generate_bulk",
            ],
            PollRules.adGeneration
        ),
        (
            "POST /api/v1/ads/image/template-job",
            ["image/template", "image_template", "ads.image.template", "imageTemplate", "image_generation"],
            PollRules.adGeneration
        ),
        (
            "POST /api/v1/ads/conversations/{conversationId}/remix",
            ["remix", "conversation_remix", "ads.conversations.remix", "ad_remix"], PollRules.adGeneration
        ),
        (
            "POST /api/v1/research/products/{brandId}/{productId}/research/{researchId}/summary",
            ["research_summary", "research.summary", "researchSummary", "summary"], PollRules.strategicAnalysis
        ),
        (
            "POST /api/v1/strategic-analysis/products/{brandId}/{productId}/research/{researchId}/personas-job",
            ["personas", "generate_personas", "strategic-analysis/personas", "persona_generation"],
            PollRules.strategicAnalysis
        ),
        (
            "POST /api/v1/strategic-analysis/products/{brandId}/{productId}/research/{researchId}/analyze-job",
            ["analyze", "strategic_analysis.analyze", "analyze-job", "strategic_analysis"],
            PollRules.strategicAnalysis
        ),
        (
            "POST /api/v1/strategic-analysis/analysis/{brandId}/{productId}/{analysisId}/approve-angle-job",
            ["approve_angle", "approve-angle", "approveAngle", "angle_approval"], PollRules.strategicAnalysis
        ),
        (
            "POST /api/v1/sora/generate/{brandId}/{productId}",
            ["sora_generate", "sora.generate", "sora", "sora_video_generation"], PollRules.videoGeneration
        ),
        (
            "POST /api/v1/avatars/product-video/generate",
            ["product_video", "avatars.product_video.generate", "avatars/product-video", "avatar_video"],
            PollRules.avatarVideo
        ),
        (
            "POST /api/v1/video-playground/playground/generate-video",
            ["generate_video", "video-playground/generate-video", "playground_video_generation", "generateVideo"],
            PollRules.videoGeneration
        ),
    ]

    @Test("every job endpoint of the reference maps to its row, whatever the spelling of its type")
    func everyEndpoint() {
        for row in Self.endpoints {
            for type in row.types {
                let policy = PollRules.reference.policy(for: type)
                #expect(policy == row.policy, "\(row.endpoint): \(type) got \(policy.name)")
            }
        }
    }

    @Test("ad generation is 6 s / 30 min and analyze is 90 min, as the reference table says")
    func reportedTypes() {
        for type in ["generate_bulk_dynamic", "image/template", "image_generation", "ads.generate_bulk"] {
            let policy = PollRules.reference.policy(for: type)
            #expect(policy.interval == 6 && policy.maximumDuration == 30 * 60, "\(type): \(policy)")
        }
        #expect(PollRules.reference.policy(for: "analyze").maximumDuration == 90 * 60)
        #expect(PollRules.reference.policy(for: "research_summary") == PollRules.strategicAnalysis)
    }

    @Test("whole words only: no substring makes a type strategic, ads or scraping")
    func wholeWords() {
        #expect(PollRules.reference.policy(for: "rectangle_banner") != PollRules.strategicAnalysis)
        #expect(PollRules.reference.policy(for: "rectangle") == PollRules.unknownType)
        #expect(PollRules.reference.policy(for: "upload_thumbnail") == PollRules.unknownType)
        #expect(PollRules.reference.policy(for: "shadow_task") == PollRules.unknownType)
        #expect(PollRules.reference.policy(for: "download") == PollRules.unknownType)
        #expect(PollRules.reference.policy(for: "scrapbook") == PollRules.unknownType)
        #expect(PollRules.reference.policy(for: "videotape") == PollRules.unknownType)
        #expect(PollRules.reference.isUnknown("mystery"))
        #expect(!PollRules.reference.isUnknown("ad_generation"))
    }

    @Test("types split on _ - . / : and camelCase")
    func splitting() {
        #expect(PollRules.wordList("ads.generate_bulk") == ["ads", "generate", "bulk"])
        #expect(PollRules.wordList("image/template") == ["image", "template"])
        #expect(PollRules.wordList("a:b-c d_e") == ["a", "b", "c", "d", "e"])
        #expect(PollRules.wordList("generateBulkDynamic") == ["generate", "bulk", "dynamic"])
        #expect(PollRules.wordList("ADGeneration") == ["ad", "generation"])
        #expect(PollRules.wordList("rectangle_banner") == ["rectangle", "banner"])
    }

    @Test("the simulator's families use the engine's table: every type name it serves maps to its own family")
    func simulatorSharesTheTable() {
        for family in JobFamily.allCases {
            for type in family.typeNames {
                #expect(PollRules.reference.policy(for: type) == family.policy, "\(family): \(type)")
            }
            #expect(family.maximumDuration == family.policy.maximumDuration)
        }
        #expect(JobFamily.strategicAnalysis.typeNames.contains("research_summary"))
        #expect(!JobFamily.research.typeNames.contains("research_summary"))
    }

    @Test("a type no rule knows is shown as such in the details pane")
    func unknownTypeInDetails() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        func typeLine(_ type: String) -> String {
            let job = Job(id: "j1", status: .processing, type: type, createdAt: now.addingTimeInterval(-60))
            let context = JobRow.Context(now: now, zone: LocalZone.utc, profile: .ascii)
            let row = JobRow(job: job, context: context)
            let lines = DetailsView.content(row, tracked: nil, width: 200, context: context)
                .map { $0.spans.map(\.text).joined() }
            return lines.first { $0.hasPrefix("type") } ?? ""
        }
        #expect(typeLine("mystery_job").contains("polled every 10s (unknown type)"))
        #expect(!typeLine("ad_generation").contains("unknown type"))
        #expect(typeLine("ad_generation").contains("polled every 6s"))
    }
}
