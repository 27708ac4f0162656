import Foundation
import PropertyBased
import Testing

@testable import TasksModel

@Suite("Decoder under random input")
struct DecoderFuzzTests {
    /// Random JSON, biased towards the contract's keys so the decoder's paths are exercised.
    static func randomJSON(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
        let keys = [
            "job_id", "id", "status", "type", "title", "created_at", "completed_at", "updated_at", "started_at",
            "progress_data", "percentage", "current_step", "estimated_time_remaining", "result_data", "result",
            "error_data", "message", "details", "jobs", "data", "job", "x",
        ]
        let pick = Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &random)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let choices: [Double] = [0, -1, 45, 1e300, -1e300, 1.5, 1_705_312_800, 1e11 + 7]
            return .number(choices[Int.random(in: 0..<choices.count, using: &random)])
        case 3, 4:
            let strings = [
                "", "processing", "done", "weird", "2024-01-15T10:00:00Z", "2024-13-99", "45%", "\u{1B}[2J", "日本",
                "1705312800",
            ]
            return .string(strings[Int.random(in: 0..<strings.count, using: &random)])
        case 5:
            return .array(
                (0..<Int.random(in: 0...4, using: &random)).map { _ in randomJSON(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                object[keys[Int.random(in: 0..<keys.count, using: &random)]] = randomJSON(&random, depth: depth + 1)
            }
            return .object(object)
        }
    }

    @Test("property: random JSON never crashes the job, list or wrapped decoders; percentages stay in range")
    func randomJSON() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let value = Self.randomJSON(&random)
            if let job = try? Job.decode(value) {
                #expect((0...100).contains(job.progress.percentage))
                #expect(!job.id.isEmpty)
            }
            _ = try? Job.decodeResponse(value)
            if let list = try? JobList.decode(value) {
                #expect(list.jobs.allSatisfy { (0...100).contains($0.progress.percentage) })
            }
        }
    }

    @Test("property: random bytes never crash the parser")
    func randomBytes() async {
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...200)) { bytes in
            if let value = try? JSONValue.parse(Data(bytes)) {
                _ = try? JobList.decode(value)
                _ = try? Job.decodeResponse(value)
            }
        }
    }

    @Test("property: mangled real responses decode or fail cleanly")
    func mangled() async {
        let base = Array(
            #"{"jobs":[{"job_id":"a","status":"processing","type":"scraping","progress_data":{"percentage":"45"}}]}"#
                .utf8)
        await propertyCheck(count: 500, input: Gen.int(in: 0...(base.count - 1)), Gen.uint8(in: 0...255)) {
            index, byte in
            var bytes = base
            bytes[index] = byte
            if let value = try? JSONValue.parse(Data(bytes)), let list = try? JobList.decode(value) {
                #expect(list.jobs.count + list.skipped.count <= 1)
            }
        }
    }
}
