import Foundation
import Hummingbird
import PropertyBased
import Testing

@testable import TasksModel

/// Issue #14 part A: values no real server should send, and every one a
/// hostile or broken server can, through the whole pipeline.
@Suite("Server extremes: saturating formatters, sanitised output, exact ids")
struct ServerExtremesTests {
    init() { #expect(utf8LocaleReady) }

    // MARK: what no output may hold

    /// A control (C0, DEL, C1), bidi, line/paragraph separator, format
    /// (width 0), Hangul filler or combining grapheme joiner.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 { return true }
        if [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0].contains(value) { return true }
        return scalar.properties.generalCategory == .format
    }

    static func clean(_ text: String) -> Bool { !text.unicodeScalars.contains(where: forbidden) }

    // MARK: formatters saturate

    @Test("durations saturate: 1e19 s is 11574d+, NaN is ?, negative is 0s")
    func durations() {
        #expect(TimeText.duration(1e19) == "11574d+")
        #expect(TimeText.duration(.infinity) == "11574d+")
        #expect(TimeText.duration(.nan) == "?")
        #expect(TimeText.duration(-1e300) == "0s")
        #expect(TimeText.duration(999_999_999) == "11574d01h")
        #expect(TimeText.ago(1e22) == "11574d+ ago")
        #expect(TimeText.ago(.nan) == "?")
    }

    @Test("dates outside the years 0 to 9999 saturate in every time formatter")
    func dates() {
        let far = Date(timeIntervalSince1970: 1e22)
        let past = Date(timeIntervalSince1970: -1e22)
        let zone = LocalZone.named("Europe/Paris")!
        for mode in [TimeMode.local, .utc] {
            #expect(TimeText.clock(far, mode: mode, zone: zone, now: Fixtures.now) == ">9999y")
            #expect(TimeText.clock(past, mode: mode, zone: zone, now: Fixtures.now) == "<0y")
        }
        #expect(TimeText.clock(past, mode: .relative, zone: zone, now: Fixtures.now) == "11574d+ ago")
        #expect(TimeText.full(far, zone: zone) == ">9999y")
        #expect(TimeText.fullUTC(past) == "<0y")
        #expect(Timestamp.format(far) == "9999-12-31T23:59:59.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00.000Z")
        #expect(TimeText.fullUTC(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31 23:59:59Z")
        #expect(RetryAfter.formatHTTPDate(far).hasPrefix("Fri, 31 Dec 9999"))
    }

    @Test("Retry-After in the year 999999999999 waits the cap, without overflow")
    func retryAfterYear() {
        #expect(RetryAfter.parse("Sun, 06 Nov 999999999999 08:49:37 GMT", now: Fixtures.now) == RetryAfter.cap)
        #expect(RetryAfter.parse("Sun, 06 Nov -5 08:49:37 GMT", now: Fixtures.now) == nil)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Fixtures.now) == 0)
    }

    static let extremeJob = #"""
        {"job_id":"job_x","status":"processing","type":"t","created_at":1e22,"started_at":-1e308,
         "updated_at":"9999-12-31T23:59:59Z","completed_at":6e23,
         "progress_data":{"percentage":1e308,"estimated_time_remaining":1e19}}
        """#

    @Test(
        "ETA 1e19, created_at 1e22 and completed_at 6e23 pass decode, engine, dashboard, details, list, show and --json"
    )
    func extremeJobEverywhere() throws {
        let job = try Job.decode(JSONValue.parse(Data(Self.extremeJob.utf8)))
        #expect(job.progress.estimatedSecondsRemaining == 1e19)
        // With `completed_at` set the job is finished (no ETA shown): the same job still running shows its ETA.
        var running = job
        running.completedAt = nil
        running.status = .processing
        running.id = "job_r"
        var state = Fixtures.state([job, running], width: 120, height: 30)
        _ = state.update(.tick(Fixtures.now.addingTimeInterval(61)))
        let table = DashboardRenderer.render(state)
        // The ETA column is 6 wide: the saturated text is cut, visibly.
        #expect(table.text.contains("~1157…"))
        #expect(table.text.contains(">9999y"))
        _ = state.update(.key(.enter, at: state.now))
        let details = DashboardRenderer.render(state)
        #expect(details.text.contains("eta") && details.text.contains("11574d+"))
        let lines = JobText.table([job], width: 120, profile: .utf8, zone: .utc, now: Fixtures.now)
        #expect(lines[1].contains(">9999y"))
        _ = JobText.details(job, width: 80, profile: .utf8, zone: .utc, now: Fixtures.now)
        let json = job.json.encoded(pretty: true)
        let back = try Job.decode(JSONValue.parse(Data(json.utf8)))
        #expect(back.createdAt == job.createdAt)
        #expect(back.completedAt == job.completedAt)
    }

    // MARK: sanitising

    @Test("every width-0 format character, the Hangul fillers and the grapheme joiner are removed")
    func formatCharacters() {
        let invisible: [UInt32] = [
            0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x3164, 0xFFA0, 0x206A, 0x206F, 0xFFF9, 0xFFFB, 0x1D173, 0x1D17A,
            0x0600, 0x13430, 0xE0001,
        ]
        for value in invisible {
            let text = "a" + String(Unicode.Scalar(value)!) + "b"
            let clean = TerminalText.sanitize(text, profile: .utf8)
            #expect(clean == "ab", "U+\(String(value, radix: 16, uppercase: true)) survived")
            #expect(TerminalText.width(clean) == 2)
        }
    }

    @Test("a skin-tone modifier after its emoji adds no columns; alone it is an ordinary wide character")
    func skinTone() {
        let thumb = TerminalText.sanitize("👍🏽x", profile: .utf8)
        #expect(thumb == "👍x")
        #expect(TerminalText.width(thumb) == 3)
        #expect(TerminalText.width(TerminalText.sanitize("🏽", profile: .utf8)) == 2)
    }

    @Test("--json writes C1, bidi, U+2028/2029, DEL and format characters as \\u escapes, and stays the same JSON")
    func jsonEscapes() throws {
        let hostile = "a\u{9B}2J\u{202E}b\u{2028}c\u{2029}\u{7F}\u{200B}\u{1D173}\u{1B}]52;c;x\u{07}日本👍"
        let value: JSONValue = ["title": .string(hostile)]
        for pretty in [false, true] {
            let text = value.encoded(pretty: pretty)
            #expect(text.unicodeScalars.allSatisfy { !Self.forbidden($0) || $0 == "\n" })
            #expect(text.contains(#"\u009b"#) && text.contains(#"\u202e"#) && text.contains(#"\u2028"#))
            #expect(text.contains(#"\u007f"#) && text.contains(#"\ud834\udd73"#))
            #expect(text.contains("日本👍"))
            #expect(try JSONValue.parse(Data(text.utf8)) == value)
        }
    }

    @Test("an OSC 52 in an error body never reaches an error message raw")
    func errorBodies() {
        let osc = "\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}\u{202E}"
        for error in [
            APIError.server(status: 500, message: osc, retryAfter: nil), .conflict(osc), .notFound(osc),
            .transport(osc), .decode(osc), .invalidRequest(osc),
        ] {
            #expect(Self.clean(error.description), "\(error)")
            #expect(!error.description.contains("\u{1B}"))
        }
    }

    // MARK: ids and paths

    @Test("a numeric id keeps its own digits; small numbers and text ids are unchanged")
    func numericIDs() throws {
        let big = try Job.decode(JSONValue.parse(Data(#"{"job_id":1790000000000000123,"status":"queued"}"#.utf8)))
        #expect(big.id == "1790000000000000123")
        let negative = try Job.decode(JSONValue.parse(Data(#"{"id":-1790000000000000123,"status":"queued"}"#.utf8)))
        #expect(negative.id == "-1790000000000000123")
        let small = try Job.decode(JSONValue.parse(Data(#"{"job_id":42,"status":"queued"}"#.utf8)))
        #expect(small.id == "42")
        let list = try JobList.decode(
            JSONValue.parse(Data(#"{"jobs":[{"job_id":12345678901234567890123,"status":"queued"}]}"#.utf8)))
        #expect(list.jobs.map(\.id) == ["12345678901234567890123"])
        // Elsewhere numbers stay numbers.
        #expect(try JSONValue.parse(Data(#"{"count":1790000000000000123}"#.utf8))["count"] == .number(1.79e18))
    }

    @Test("every path segment is percent-encoded, . and .. included")
    func pathSegments() {
        #expect(HTTPJobsAPI.escape(".") == "%2E")
        #expect(HTTPJobsAPI.escape("..") == "%2E%2E")
        #expect(HTTPJobsAPI.escape("...") == "...")
        #expect(HTTPJobsAPI.escape("a/b?c#d%e f") == "a%2Fb%3Fc%23d%25e%20f")
        #expect(HTTPJobsAPI.escape("é\u{0}") == "%C3%A9%00")
        #expect(HTTPJobsAPI.escape("job_A-1.x~") == "job_A-1.x~")
    }

    @Test("GET and cancel of . and .. go to an encoded segment; an answer about another id is an error")
    func otherIDs() async throws {
        try await ScriptedServer.with({ seen, _ in
            switch seen.path {
            case "/api/v1/jobs/job_1": return jsonResponse(.ok, #"{"job_id":"job_2","status":"failed","type":"t"}"#)
            case "/api/v1/jobs/job_3/cancel":
                return jsonResponse(.ok, #"{"job_id":"job_4","status":"cancelled","type":"t"}"#)
            default: return jsonResponse(.notFound, "{}")
            }
        }) { server async throws in
            let (api, _) = server.api()
            await #expect(throws: APIError.decode(HTTPJobsAPI.otherJob("job_2", asked: "job_1"))) {
                try await api.job(id: "job_1")
            }
            let accepted = try await api.cancel(id: "job_3")
            #expect(accepted.status == 200 && accepted.job == nil)
            _ = try? await api.job(id: "..")
            _ = try? await api.cancel(id: ".")
            await #expect(throws: APIError.self) { try await api.job(id: "") }
            // A 404 on the cancel route is checked with a GET of the job (no cancel endpoint, or no job):
            // that read goes to the encoded segment too.
            #expect(
                server.requests.map(\.path).suffix(3) == [
                    "/api/v1/jobs/%2E%2E", "/api/v1/jobs/%2E/cancel", "/api/v1/jobs/%2E",
                ])
        }
    }

    // MARK: the whole pipeline, at random

    static func extremeNumber(_ random: inout SeededRandom) -> String {
        let choices = [
            "1e308", "-1e308", "1e19", "-1e19", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "0", "-1", "1e-320", "4.9e-324", "1705312800", "1705312800000", "1e11", "99999999999999999999999",
            "6e23", "1e22", "-62167219200", "253402300799", "253402300800", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
            "\"1e19\"", "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999+23:59\"",
            "\"0000-01-01T00:00:00-23:59\"",
            "\"45%\"", "null", "true", "\"\"",
        ]
        return choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    static func hostileText(_ random: inout SeededRandom) -> String {
        let pieces = [
            "plain", Fixtures.hostile, "👍🏽", "\u{3164}\u{115F}", "\u{206A}\u{FFF9}\u{034F}\u{1D173}",
            "e\u{301}\u{302}\u{303}",
            "世蓮", "\u{2028}\u{2029}", "\u{9B}31m", "\u{E0001}tag", String(repeating: "W", count: 300), "\u{AD}",
        ]
        return (0..<Int.random(in: 0...3, using: &random)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &random)]
        }.joined()
    }

    static func jsonString(_ text: String) -> String { JSONValue.string(text).encoded() }

    static func extremeJobJSON(_ random: inout SeededRandom, index: Int) -> String {
        let ids = [
            "\"job_\(index)\"", "\(1_790_000_000_000_000_000 + index)", "\(index)", "\"..\"", "\".\"",
            jsonString("id\(index)" + hostileText(&random)), "1e300", "-\(index)",
        ]
        let statuses = [
            "queued", "pending", "processing", "running", "in_progress", "completed", "done", "success", "failed",
            "error", "cancelled", "canceled", "Paused By Admin", "", "PROCESSING",
        ]
        var fields = [
            "\"job_id\":\(ids[Int.random(in: 0..<ids.count, using: &random)])",
            "\"status\":\(jsonString(statuses[Int.random(in: 0..<statuses.count, using: &random)]))",
            "\"type\":\(jsonString(hostileText(&random)))",
        ]
        for key in ["created_at", "started_at", "updated_at", "completed_at"] where Bool.random(using: &random) {
            fields.append("\"\(key)\":\(extremeNumber(&random))")
        }
        if Bool.random(using: &random) { fields.append("\"title\":\(jsonString(hostileText(&random)))") }
        fields.append(
            "\"progress_data\":{\"percentage\":\(extremeNumber(&random)),\"estimated_time_remaining\":\(extremeNumber(&random)),\"current_step\":\(jsonString(hostileText(&random)))}"
        )
        if Bool.random(using: &random) {
            fields.append(
                "\"error_data\":{\"message\":\(jsonString(hostileText(&random))),\"details\":{\"n\":\(extremeNumber(&random))}}"
            )
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func checkFrame(_ frame: Frame, width: Int, height: Int) {
        #expect(frame.width == width && frame.height == height)
        #expect(frame.rows.count == height)
        for row in frame.rows {
            #expect(row.width <= width)
            for span in row.spans {
                #expect(TerminalText.width(span.text) == span.width)
                #expect(clean(span.text), "\(span.text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test("property: extreme jobs through decode, engine, dashboard at 1x1...300x100, list, show and --json")
    func wholePipeline() async {
        await propertyCheck(count: 150, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            // Small sizes as often as large ones: 1x1 is where layouts break.
            let width =
                Bool.random(using: &random)
                ? Int.random(in: 1...12, using: &random) : Int.random(in: 1...300, using: &random)
            let height =
                Bool.random(using: &random)
                ? Int.random(in: 1...6, using: &random) : Int.random(in: 1...100, using: &random)
            let count = Int.random(in: 0...6, using: &random)
            let body =
                "{\"jobs\":[" + (0..<count).map { Self.extremeJobJSON(&random, index: $0) }.joined(separator: ",")
                + "]}"
            guard let value = try? JSONValue.parse(Data(body.utf8)), let list = try? JobList.decode(value) else {
                Issue.record("the generated list did not decode: \(body)")
                return
            }
            let profile: TextProfile = Bool.random(using: &random) ? .utf8 : .ascii
            var state = Fixtures.state(list.jobs, width: width, height: height, profile: profile)
            _ = state.update(.tick(Fixtures.now.addingTimeInterval(Double.random(in: 0...7200, using: &random))))
            Self.checkFrame(DashboardRenderer.render(state), width: width, height: height)
            for key in [Key.down, .enter, .end, .pageDown, .character("t"), .escape, .character("?")] {
                _ = state.update(.key(key, at: state.now))
                Self.checkFrame(DashboardRenderer.render(state), width: width, height: height)
            }
            for line in JobText.table(list.jobs, width: width, profile: profile, zone: .utc, now: state.now) {
                #expect(Self.clean(line))
            }
            for job in list.jobs {
                for line in JobText.details(job, width: width, profile: profile, zone: .utc, now: state.now) {
                    #expect(Self.clean(line))
                }
                let eta = job.progress.estimatedSecondsRemaining.map { TimeText.duration($0) } ?? ""
                #expect(Self.clean(JobText.bar(job.progress.percentage, width: 20, profile: profile) + eta))
                let json = job.json.encoded(pretty: Bool.random(using: &random))
                #expect(json.unicodeScalars.allSatisfy { !Self.forbidden($0) || $0 == "\n" })
                #expect((try? JSONValue.parse(Data(json.utf8))) != nil)
            }
        }
    }
}
