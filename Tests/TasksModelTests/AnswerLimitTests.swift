import Foundation
import Hummingbird
import Testing

@testable import TasksModel

/// Issue #24, part 3: an answer is cut to the limit asked, whatever the server sends.
@Suite("Bounded answers: a list is cut to the limit asked")
struct AnswerLimitTests {
    static func jobsJSON(_ count: Int) -> String {
        var body = #"{"jobs":["#
        body.reserveCapacity(count * 70)
        for index in 0..<count {
            if index > 0 { body += "," }
            body += #"{"job_id":"j\#(index)","status":"processing","type":"scraping"}"#
        }
        return body + "]}"
    }

    @Test("decoding reads only the first `limit` elements and counts the rest")
    func decodeCut() throws {
        let value = try JSONValue.parse(Data(Self.jobsJSON(120).utf8))
        let list = try JobList.decode(value, limit: 50)
        #expect(list.jobs.count == 50)
        #expect(list.jobs.first?.id == "j0" && list.jobs.last?.id == "j49")
        #expect(list.beyondLimit == 70)
        let whole = try JobList.decode(value)
        #expect(whole.jobs.count == 120 && whole.beyondLimit == 0)
        // A malformed element within the limit still counts toward it.
        let mixed = try JobList.decode(
            JSONValue.parse(
                Data(
                    #"{"jobs":[{"x":1},{"job_id":"a","status":"queued","type":"t"},{"job_id":"b","status":"queued","type":"t"}]}"#
                        .utf8)),
            limit: 2)
        #expect(mixed.skipped.map(\.index) == [0] && mixed.jobs.map(\.id) == ["a"] && mixed.beyondLimit == 1)
    }

    @Test("a server sending 100,000 jobs for limit=50: the client returns 50 and says how many more came")
    func hugeAnswer() async throws {
        let body = Self.jobsJSON(100_000)
        try await ScriptedServer.with({ _, _ in jsonResponse(.ok, body) }) { server async throws in
            let (api, _) = server.api(bodyLimit: 32 * 1_048_576)
            let list = try await api.list(status: .all, limit: 50)
            #expect(list.jobs.count == 50)
            #expect(list.beyondLimit == 99_950)
            #expect(server.requests.first?.query == "status=all&limit=50")
        }
    }

    @Test("the engine says once that the server sent more than the limit (the client has cut the answer)")
    func engineNotice() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var engine = PollingEngine(configuration: EngineConfiguration(), start: start)
        _ = engine.update(.tick(start))
        let limit = engine.configuration.listLimit
        let request = EngineRequest.list(status: .all, limit: limit)
        var answer = JobList(jobs: (0..<limit).map { Job(id: "j\($0)", status: .processing, type: "scraping") })
        answer.beyondLimit = limit * 3
        var notices: [EngineNotice] = []
        for second in 1...3 {
            let at = start.addingTimeInterval(Double(second))
            notices += engine.update(.completed(request, .list(.success(answer)), at: at)).notices
        }
        #expect(engine.jobs.count == limit)
        let cut = notices.filter { $0.text.contains("jobs for limit=") }
        #expect(cut.count == 1)
        #expect(
            cut.first?.text == "the server sent \(limit * 4) jobs for limit=\(limit): only the first \(limit) are read")
    }
}
