import ArgumentParser
import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

@Suite("--insecure is about certificates; --allow-http-token about plain http")
struct TransportCheckTests {
    let token = BearerToken("tok-secret")

    @Test("plain http with a token to a non-loopback host is refused, --insecure or not")
    func insecureNarrow() throws {
        let remote = URL(string: "http://jobs.corp.example:8080")!
        #expect(throws: ValidationError.self) {
            try Connection.checkTransport(url: remote, token: token, allowHTTPToken: false)
        }
        try Connection.checkTransport(url: remote, token: token, allowHTTPToken: true)
        try Connection.checkTransport(
            url: URL(string: "http://127.0.0.1:8080")!, token: token, allowHTTPToken: false)
        try Connection.checkTransport(
            url: URL(string: "https://jobs.corp.example")!, token: token, allowHTTPToken: false)
        let insecure = try GlobalOptions.parse(["--insecure"]).settings()
        #expect(insecure.insecure && !insecure.allowHTTPToken)
        #expect(Connection.tlsOptions(insecure, environment: [:]).trustDescription.hasPrefix("none"))
    }

    @Test("TLS failures exit 10, proxy failures 11")
    func exitStatuses() {
        #expect(CLIError(.connection(ConnectionFailure(.nameMismatch, "x")), doing: "list").code == .tlsFailure)
        #expect(CLIError(.connection(ConnectionFailure(.handshakeFailed, "x")), doing: "list").code == .tlsFailure)
        #expect(CLIError(.connection(ConnectionFailure(.proxyRefused, "x")), doing: "list").code == .proxyFailure)
        #expect(
            CLIError(.connection(ConnectionFailure(.proxyAuthenticationRequired, "x")), doing: "list").code
                == .proxyFailure)
        #expect(ExitStatus.tlsFailure.rawValue == 10 && ExitStatus.proxyFailure.rawValue == 11)
    }
}
