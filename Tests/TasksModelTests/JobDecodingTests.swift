import Foundation
import Testing

@testable import TasksModel

@Suite("Decoding jobs")
struct JobDecodingTests {
    func decode(_ json: String) throws -> Job {
        try Job.decode(JSONValue.parse(Data(json.utf8)))
    }

    @Test("the reference's example job")
    func referenceExample() throws {
        let job = try decode(
            """
            {
              "job_id": "job_abc123",
              "status": "processing",
              "type": "video_generation",
              "created_at": "2024-01-15T10:00:00Z",
              "completed_at": null,
              "progress_data": {
                "percentage": 45,
                "current_step": "Generating scene 3 of 7",
                "estimated_time_remaining": 120
              },
              "result_data": {},
              "error_data": {"message": "Error description", "details": {"code": 7, "tries": [1, 2]}}
            }
            """)
        #expect(job.id == "job_abc123")
        #expect(job.status == .processing)
        #expect(job.type == "video_generation")
        #expect(job.createdAt == Date(timeIntervalSince1970: 1_705_312_800))
        #expect(job.completedAt == nil)
        #expect(job.progress.percentage == 45)
        #expect(job.progress.currentStep == "Generating scene 3 of 7")
        #expect(job.progress.estimatedSecondsRemaining == 120)
        #expect(job.result == .object([:]))
        #expect(job.error?.message == "Error description")
        #expect(job.error?.details == ["code": 7, "tries": [1, 2]])
        #expect(job.decodeNotes.isEmpty)
    }

    @Test(
        "status synonyms",
        arguments: [
            ("queued", JobStatus.queued), ("pending", .queued), ("processing", .processing),
            ("running", .processing), ("in_progress", .processing), ("In-Progress", .processing),
            ("completed", .completed), ("succeeded", .completed), ("success", .completed),
            ("done", .completed),
            ("failed", .failed), ("error", .failed), ("cancelled", .cancelled), ("canceled", .cancelled),
            ("CANCELED", .cancelled), (" Running ", .processing),
        ])
    func synonyms(text: String, expected: JobStatus) throws {
        let job = try decode(#"{"job_id":"a","status":"\#(text)","type":"scraping"}"#)
        #expect(job.status == expected)
    }

    @Test("an unknown status is kept verbatim, active, and not a failure")
    func unknownStatus() throws {
        let job = try decode(#"{"job_id":"a","status":"Paused By Admin","type":"x"}"#)
        #expect(job.status == .unknown("Paused By Admin"))
        #expect(job.status.wireName == "Paused By Admin")
        #expect(job.status.isActive)
        #expect(!job.status.isFinal)
    }

    @Test(
        "timestamp forms",
        arguments: [
            ("\"2024-01-15T10:00:00Z\"", 1_705_312_800.0),
            ("\"2024-01-15T10:00:00.250Z\"", 1_705_312_800.25),
            ("\"2024-01-15T10:00:00.123456Z\"", 1_705_312_800.123456),
            ("\"2024-01-15T12:00:00+02:00\"", 1_705_312_800.0),
            ("\"2024-01-15T05:30:00-0430\"", 1_705_312_800.0),
            ("\"2024-01-15T10:00:00\"", 1_705_312_800.0),
            ("\"2024-01-15 10:00:00\"", 1_705_312_800.0),
            ("\"2024-01-15T10:00:00.5\"", 1_705_312_800.5),
            ("1705312800", 1_705_312_800.0),
            ("1705312800.5", 1_705_312_800.5),
            ("1705312800000", 1_705_312_800.0),
            ("\"1705312800\"", 1_705_312_800.0),
        ])
    func timestamps(json: String, epoch: Double) throws {
        let job = try decode(#"{"job_id":"a","status":"queued","type":"x","created_at":\#(json)}"#)
        let created = try #require(job.createdAt)
        #expect(abs(created.timeIntervalSince1970 - epoch) < 0.000_5)
        #expect(job.decodeNotes.isEmpty)
    }

    @Test("an unreadable timestamp is nil with a note, not a failed job")
    func unreadableTimestamp() throws {
        for bad in [
            "\"yesterday\"", "\"2024-13-01T00:00:00Z\"", "\"2024-01-15T10:00:00Zjunk\"", "true", "{}",
        ] {
            let job = try decode(#"{"job_id":"a","status":"processing","type":"x","created_at":\#(bad)}"#)
            #expect(job.createdAt == nil)
            #expect(job.status == .processing)
            #expect(job.decodeNotes.contains { $0.hasPrefix("created_at") }, "for \(bad)")
        }
    }

    @Test(
        "percentage forms are clamped to 0...100",
        arguments: [
            ("45", 45.0), ("45.5", 45.5), ("\"45\"", 45.0), ("\"45.5%\"", 45.5), ("-3", 0.0),
            ("250", 100.0),
            ("null", 0.0),
        ])
    func percentage(json: String, expected: Double) throws {
        let job = try decode(
            #"{"job_id":"a","status":"processing","type":"x","progress_data":{"percentage":\#(json)}}"#)
        #expect(job.progress.percentage == expected)
    }

    @Test("a missing percentage is 0; a non-numeric one is 0 with a note")
    func missingPercentage() throws {
        #expect(try decode(#"{"job_id":"a","status":"queued","type":"x"}"#).progress.percentage == 0)
        let job = try decode(
            #"{"job_id":"a","status":"queued","type":"x","progress_data":{"percentage":"lots"}}"#)
        #expect(job.progress.percentage == 0)
        #expect(job.decodeNotes == ["progress_data.percentage: not a number"])
    }

    @Test("id under id; numbers as ids; missing fields; extra fields; nulls")
    func shapes() throws {
        let minimal = try decode(#"{"id":"j1"}"#)
        #expect(minimal.id == "j1")
        #expect(minimal.type == "unknown")
        #expect(minimal.status == .unknown("?"))
        #expect(minimal.decodeNotes.contains("status: missing"))
        #expect(try decode(#"{"id":42,"status":"queued"}"#).id == "42")
        let nulls = try decode(
            #"{"job_id":"j2","status":"failed","type":null,"title":null,"progress_data":null,"result_data":null,"error_data":null,"created_at":null}"#
        )
        #expect(nulls.status == .failed)
        #expect(
            nulls.title == nil && nulls.result == nil && nulls.error == nil && nulls.createdAt == nil)
        #expect(nulls.decodeNotes.isEmpty)
        let extra = try decode(
            #"{"job_id":"j3","status":"completed","type":"x","owner":{"a":[1]},"result":{"url":"u"}}"#)
        #expect(extra.result == ["url": "u"])
        #expect(throws: JobDecodeFailure.self) { try decode(#"{"status":"queued"}"#) }
        #expect(throws: JobDecodeFailure.self) { try decode(#"{"job_id":"","status":"queued"}"#) }
        #expect(throws: JobDecodeFailure.self) { try decode(#"[1,2]"#) }
    }

    @Test("optional title, started_at and updated_at")
    func optionalFields() throws {
        let job = try decode(
            #"{"job_id":"a","status":"processing","type":"x","title":"Spring ads","started_at":"2024-01-15T10:00:01Z","updated_at":"2024-01-15T10:00:02Z"}"#
        )
        #expect(job.title == "Spring ads")
        #expect(job.startedAt == Date(timeIntervalSince1970: 1_705_312_801))
        #expect(job.updatedAt == Date(timeIntervalSince1970: 1_705_312_802))
    }

    @Test("wrapped single-job responses")
    func wrapped() throws {
        for json in [
            #"{"data":{"job_id":"w","status":"queued"}}"#, #"{"job":{"job_id":"w","status":"queued"}}"#,
        ] {
            #expect(try Job.decodeResponse(JSONValue.parse(Data(json.utf8))).id == "w")
        }
    }

    @Test("a list with one malformed element keeps the others and says why")
    func listWithMalformedElement() throws {
        let json =
            #"{"jobs":[{"job_id":"a","status":"queued"},{"status":"processing"},"junk",{"job_id":"b","status":"done"}]}"#
        let list = try JobList.decode(JSONValue.parse(Data(json.utf8)))
        #expect(list.jobs.map(\.id) == ["a", "b"])
        #expect(list.skipped.map(\.index) == [1, 2])
        #expect(list.skipped[0].reason == "job_id is missing")
        #expect(list.skipped[1].reason == "job is not a JSON object")
    }

    @Test("list response shapes")
    func listShapes() throws {
        for json in [#"[{"id":"a"}]"#, #"{"data":[{"id":"a"}]}"#, #"{"data":{"jobs":[{"id":"a"}]}}"#] {
            #expect(try JobList.decode(JSONValue.parse(Data(json.utf8))).jobs.map(\.id) == ["a"])
        }
        #expect(throws: JobDecodeFailure.self) {
            try JobList.decode(JSONValue.parse(Data(#"{"items":[]}"#.utf8)))
        }
    }

    @Test("huge strings survive decoding intact")
    func hugeStrings() throws {
        let huge = String(repeating: "é步", count: 500_000)
        let job = try decode(
            #"{"job_id":"h","status":"processing","type":"x","progress_data":{"current_step":"\#(huge)"}}"#
        )
        #expect(job.progress.currentStep?.count == 1_000_000)
    }

    @Test("invalid UTF-8 in one field is repaired, not a lost list")
    func invalidUTF8() throws {
        var bytes = Array(#"{"jobs":[{"job_id":"a","status":"queued","title":"bad "#.utf8)
        bytes += [0xFF, 0xC3, 0x28, 0x9B]
        bytes += Array(#""}]}"#.utf8)
        let list = try JobList.decode(JSONValue.parse(Data(bytes)))
        #expect(list.jobs.count == 1)
        #expect(list.jobs[0].title?.hasPrefix("bad ") == true)
        #expect(list.jobs[0].title?.contains("\u{FFFD}") == true)
    }

    @Test("encoding to the contract's form and back is lossless")
    func roundTrip() throws {
        let job = Job(
            id: "r1", status: .failed, type: "scraping", title: "T",
            createdAt: Date(timeIntervalSince1970: 1_700_000_000.5),
            startedAt: Date(timeIntervalSince1970: 1_700_000_001),
            updatedAt: Date(timeIntervalSince1970: 1_700_000_002),
            completedAt: Date(timeIntervalSince1970: 1_700_000_003),
            progress: JobProgress(
                percentage: 12.5, currentStep: "Scraping page 3 of 40", estimatedSecondsRemaining: 30),
            result: nil, error: JobError(message: "boom", details: ["trace": ["a", "b"]]))
        let text = job.json.encoded()
        let back = try Job.decode(JSONValue.parse(Data(text.utf8)))
        #expect(back == job)
    }
}
