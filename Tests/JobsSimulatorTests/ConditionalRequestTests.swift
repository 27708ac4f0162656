import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// Weak ETags and 304s from the simulator (as Express answers by default),
/// and the client's conditional requests against it.
@Suite("Conditional requests")
struct ConditionalRequestTests {
    static func get(_ client: HTTPClient, _ url: String, headers: [(String, String)] = []) async throws
        -> (status: Int, etag: String?, body: Int)
    {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), response.headers.first(name: "ETag"), bytes.readableBytes)
    }

    /// A clock that moves only when told to.
    static func stillClock() -> ManualSimClock { ManualSimClock(Date(timeIntervalSince1970: 1_767_225_600)) }

    static func responses(_ client: HTTPClient, _ server: SimulatorServer) async throws -> JSONValue {
        let request = HTTPClientRequest(url: server.baseURL.absoluteString + "/_sim/stats")
        let response = try await client.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 24)
        return try JSONValue.parse(Data(body.readableBytesView))["responses_by_status"] ?? .null
    }

    @Test("the simulator serves a strong ETag of the body and answers a matching If-None-Match with 304, no body")
    func simulatorETags() async throws {
        // The simulation's clock stands still: no job may finish between two reads, however slow the machine.
        try await withSimulator(options: SimulationOptions(seed: 3, initialJobs: 20), clock: Self.stillClock()) {
            server, _, client in
            let url = server.baseURL.absoluteString + "/api/v1/jobs?status=completed&limit=5"
            let first = try await Self.get(client, url)
            let etag = try #require(first.etag)
            #expect(first.status == 200 && first.body > 0)
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let again = try await Self.get(client, url, headers: [("If-None-Match", etag)])
            #expect(again.status == 304 && again.body == 0 && again.etag == etag)
            // Weak comparison, lists and * as Express's `fresh`; no-cache and other tags get the body.
            let weak = "W/" + etag
            #expect(try await Self.get(client, url, headers: [("If-None-Match", weak)]).status == 304)
            #expect(try await Self.get(client, url, headers: [("If-None-Match", "W/\"x\", \(etag)")]).status == 304)
            #expect(try await Self.get(client, url, headers: [("If-None-Match", "*")]).status == 304)
            #expect(try await Self.get(client, url, headers: [("If-None-Match", "W/\"other\"")]).status == 200)
            #expect(
                try await Self.get(client, url, headers: [("If-None-Match", etag), ("Cache-Control", "no-cache")])
                    .status == 200)
        }
    }

    @Test(
        "the client sends If-None-Match for a list after a strong ETag, reads a 304 as the held answer; single reads are never conditional; the setting turns it off"
    )
    func clientConditional() async throws {
        // The simulation's clock stands still: no job may finish between two reads, however slow the machine.
        try await withSimulator(options: SimulationOptions(seed: 3, initialJobs: 20), clock: Self.stillClock()) {
            server, api, client in
            let first = try await api.list(status: .completed, limit: 5)
            let second = try await api.list(status: .completed, limit: 5)
            #expect(second.jobs.map(\.id) == first.jobs.map(\.id))
            #expect(!first.jobs.isEmpty)
            let job = try #require(first.jobs.first)
            let read = try await api.job(id: job.id)
            #expect(try await api.job(id: job.id) == read)
            var counts = try await Self.responses(client, server)
            #expect(counts["304"] == .number(1))
            #expect(api.conditional.count == 1)

            var configuration = api.configuration
            configuration.conditionalRequests = false
            let plain = HTTPJobsAPI(configuration: configuration, client: client)
            _ = try await plain.list(status: .completed, limit: 5)
            _ = try await plain.list(status: .completed, limit: 5)
            counts = try await Self.responses(client, server)
            #expect(counts["304"] == .number(1))
            #expect(plain.conditional.count == 0)
        }
    }

    @Test("the held answers are bounded: large bodies are not held, the least recently used goes first")
    func bounded() {
        let cache = ConditionalCache(maximumBody: 10, capacity: 2)
        cache.store(url: "a", etag: "\"1\"", lastModified: nil, body: Data(count: 11))
        #expect(cache.count == 0)
        cache.store(url: "a", etag: "\"1\"", lastModified: nil, body: Data(count: 5))
        cache.store(url: "b", etag: nil, lastModified: "Sun, 29 Nov 2026 10:00:00 GMT", body: Data(count: 5))
        _ = cache.entry(for: "a")
        cache.store(url: "c", etag: "\"3\"", lastModified: nil, body: Data(count: 5))
        #expect(cache.entry(for: "b") == nil)
        #expect(cache.validators(for: "a").map(\.name) == ["If-None-Match"])
        #expect(cache.validators(for: "c").map(\.value) == ["\"3\""])
        cache.store(url: "c", etag: nil, lastModified: nil, body: Data(count: 5))
        #expect(cache.entry(for: "c") == nil)
    }
}
