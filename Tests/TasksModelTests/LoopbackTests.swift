import Foundation
import Testing

@testable import TasksModel

@Suite struct LoopbackTests {
    @Test(arguments: [
        "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST",
    ])
    func loopback(host: String) {
        #expect(Loopback.isLoopback(host: host))
    }

    @Test(arguments: [
        "127.evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "evil-localhost", "128.0.0.1",
        "126.255.255.255", "::2", "::", "10.0.0.1", "", "127.0.0.1x", "example.com", "[::1]x",
    ])
    func notLoopback(host: String) {
        #expect(!Loopback.isLoopback(host: host))
    }

    /// What the transport check sees: the host Foundation parses out of the URL.
    @Test func parsedHostsOfURLs() throws {
        let evil = try #require(URL(string: "http://127.evil.example:8080/api"))
        #expect(!Loopback.isLoopback(host: evil.host ?? ""))
        let v6 = try #require(URL(string: "http://[::1]:8080/api"))
        #expect(Loopback.isLoopback(host: v6.host ?? ""))
        let v4 = try #require(URL(string: "http://127.0.0.1:8080/api"))
        #expect(Loopback.isLoopback(host: v4.host ?? ""))
    }
}
