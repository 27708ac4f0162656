import Foundation
import Hummingbird
import Testing

@testable import TasksModel

@Suite("CLI truth: home, base path, list output")
struct CLITruthTests {
    @Test("~ and the default paths follow $HOME, not the account's home")
    func homeFollowsTheEnvironment() throws {
        let home = HomeDirectory.resolve(environment: ["HOME": "/tmp/elsewhere/"]) { "/root" }
        #expect(home == "/tmp/elsewhere")
        #expect(HomeDirectory.resolve(environment: [:]) { "/root" } == "/root")
        #expect(HomeDirectory.resolve(environment: ["HOME": "relative"]) { "/root" } == "/root")
        #expect(HomeDirectory.expand("~/token", home: home) == "/tmp/elsewhere/token")
        #expect(HomeDirectory.expand("~", home: home) == "/tmp/elsewhere")
        #expect(HomeDirectory.expand("/a/~/b", home: home) == "/a/~/b")
        #expect(
            SettingsResolver.defaultConfigPath(environment: ["HOME": home], home: home)
                == "/tmp/elsewhere/.config/tasks-tui/config.json")
        let settings = try SettingsResolver.resolve(
            file: ["token_file": "~/t"], filePath: "/x", environment: [:], flags: [:], home: home)
        #expect(settings.tokenFile == "/tmp/elsewhere/t")
        #expect(settings.logFile.hasPrefix("/tmp/elsewhere/.local/state/tasks-tui/"))
        #expect(settings.auditLog.hasPrefix("/tmp/elsewhere/.local/state/tasks-tui/"))
    }

    @Test("a base URL with a path keeps it for list, job and cancel; a 404 on the list says the URL is wrong")
    func basePathIsKept() async throws {
        let one = #"{"job_id":"job_1","status":"processing","type":"scraping","progress_data":{"percentage":10}}"#
        try await ScriptedServer.with({ seen, _ in
            switch (seen.method, seen.path) {
            case ("GET", "/prefix/api/v1/jobs"): return jsonResponse(.ok, #"{"jobs":[\#(one)]}"#)
            case ("GET", "/prefix/api/v1/jobs/job_1"): return jsonResponse(.ok, one)
            case ("POST", "/prefix/api/v1/jobs/job_1/cancel"):
                return jsonResponse(.ok, #"{"job_id":"job_1","status":"cancelled","type":"scraping"}"#)
            default: return jsonResponse(.notFound, #"{"error":"no route"}"#)
            }
        }) { server async throws in
            let client = HTTPClientBox()
            defer { Task { await client.shutdown() } }
            for base in ["prefix", "prefix/"] {
                let api = HTTPJobsAPI(
                    configuration: .init(baseURL: server.server.baseURL.appendingPathComponent(base)),
                    client: client.client)
                #expect(try await api.list(status: .all, limit: 5).jobs.map(\.id) == ["job_1"])
                #expect(try await api.job(id: "job_1").id == "job_1")
                _ = try await api.cancel(id: "job_1")
            }
            #expect(
                server.requests.map(\.path).allSatisfy { $0.hasPrefix("/prefix/api/v1/jobs") },
                "\(server.requests.map(\.path))")
            let wrong = HTTPJobsAPI(
                configuration: .init(baseURL: server.server.baseURL.appendingPathComponent("other")),
                client: client.client)
            do {
                _ = try await wrong.list(status: .all, limit: 5)
                Issue.record("expected a 404")
            } catch let error as APIError {
                #expect(error.description.contains("/other/api/v1/jobs"))
                #expect(error.description.contains("check the API URL"))
            }
        }
    }

    @Test("piped list: tab-separated with a header, every value whole, the type and the title each in its own field")
    func tabSeparated() {
        let long = String(repeating: "very long title ", count: 12) + "Unboxing short"
        let jobs = [
            Fixtures.job(
                "job_1", .processing, type: "video_generation_with_a_long_type_name", title: long, minutesAgo: 3,
                percentage: 42, step: "Step\twith a tab"),
            Fixtures.job("job_2", .failed, minutesAgo: 9, error: "boom"),
        ]
        let lines = JobText.tabSeparated(jobs, profile: .utf8, zone: LocalZone.utc, now: Fixtures.now)
        #expect(lines[0] == "ID\tSTATUS\tTYPE\tTITLE\tPCT\tSTEP\tCREATED\tENDED\tELAPSED")
        #expect(lines.count == 3)
        let fields = lines[1].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 9)
        // Running: no end yet, an empty field.
        #expect(fields[7] == "" && fields[6] == "2026-01-01 09:57:00")
        #expect(fields[0] == "job_1" && fields[1] == "processing")
        // `cut -f3` is the type alone.
        #expect(fields[2] == "video_generation_with_a_long_type_name")
        #expect(fields[3] == long)
        #expect(fields[4] == "42%")
        #expect(fields[5] == "Step with a tab")
        // A job without a title: an empty field, the columns still in place.
        let untitled = lines[2].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(untitled.count == 9 && untitled[2] == "scraping" && untitled[3] == "" && untitled[4] == "0%")
        // Failed 9 minutes after it was made, at half time (the fixture's completion): its end, whole.
        #expect(untitled[6] == "2026-01-01 09:51:00" && untitled[7] == "2026-01-01 09:55:30")
    }

    @Test("list on a terminal: the type and title get the width before the step")
    func typeBeforeStep() {
        let jobs = [
            Fixtures.job(
                "job_1", .processing, type: "video_generation", title: "Unboxing short for the spring launch",
                minutesAgo: 3, step: "Generating scene 1 of 5 with a long description of the step")
        ]
        let lines = JobText.table(
            jobs, width: 160, profile: .utf8, zone: LocalZone.utc, now: Fixtures.now)
        #expect(lines[1].contains("video_generation Unboxing short for the spring launch "))
        // 140 columns hold CREATED, ENDED and ELAPSED beside them.
        let narrow = JobText.table(
            jobs, width: 140, profile: .utf8, zone: LocalZone.utc, now: Fixtures.now)
        #expect(narrow[0].hasSuffix("CREATED             ENDED               ELAPSED"))
        #expect(narrow[1].contains("video_generation Unboxing short for the spring launch "))
        #expect(narrow.allSatisfy { TerminalText.width($0) <= 140 })
        // The step is cut, not the type or the title.
        #expect(!narrow[1].contains("with a long description of the step"))
    }
}
