import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// `POST /_sim/faults` applies what the README says, and refuses the rest
/// instead of silently clearing every fault.
@Suite("Simulator faults: only known keys, only values in range")
struct FaultsValidationTests {
    @Test("a valid body is applied; {} clears")
    func valid() throws {
        let faults = try Faults(json: ["error_rate": 0.3, "latency_ms": 800, "malformed_list_element": true])
        #expect(faults.errorRate == 0.3)
        #expect(faults.latencyMilliseconds == 800)
        #expect(faults.malformedListElement)
        #expect(try Faults(json: [:]) == Faults())
    }

    static let refusals: [(JSONValue, String)] = [
        (.object(["bogus": .number(1)]), "unknown fault \"bogus\""),
        (.object(["error_rate": .number(5)]), "error_rate must be a number in 0...1"),
        (.object(["error_rate": .number(-0.1)]), "error_rate"),
        (.object(["latency_ms": .number(1e300)]), "latency_ms must be a number in 0...600000"),
        (.object(["hang_rate": .string("half")]), "hang_rate"),
        (.object(["error_status": .number(42)]), "error_status"),
        (.object(["malformed_list_element": .number(1)]), "malformed_list_element"),
        (.array([]), "JSON object"),
    ]

    @Test("refused: unknown keys, rates outside 0...1, huge latencies, wrong kinds", arguments: 0..<refusals.count)
    func refused(index: Int) {
        let (body, expected) = Self.refusals[index]
        #expect {
            _ = try Faults(json: body)
        } throws: { error in
            (error as? Faults.Invalid)?.description.contains(expected) == true
        }
    }
}

@Suite("Simulator addresses")
struct SimulatorAddressTests {
    @Test("an IPv6 host is bracketed in the URL (simulate --host ::1 used to crash)")
    func ipv6() {
        #expect(LoopbackHTTPServer.authority(host: "::1", port: 8080) == "[::1]:8080")
        #expect(LoopbackHTTPServer.authority(host: "127.0.0.1", port: 8080) == "127.0.0.1:8080")
        #expect(URL(string: "http://" + LoopbackHTTPServer.authority(host: "::1", port: 1))?.host != nil)
    }
}
