import Foundation
import Testing

@testable import JobsSimulator
@testable import TasksModel

/// `FaultDescriptor.all` is the one fault table: what `/_sim/faults` takes,
/// what `GET /_sim/faults` shows, the help's ranges and the README's row must
/// all agree with it, whatever value a fault is given.
@Suite("Simulator faults: one table for parsing, JSON, help and README")
struct FaultTableTests {
    /// A value `fault` takes, anywhere in its range.
    static func valid(_ fault: FaultDescriptor, _ random: inout SeededRandom) -> JSONValue {
        switch fault.kind {
        case .number(let range, _): .number(Double.random(in: range, using: &random))
        case .integer(let range, _): .number(Double(Int.random(in: range, using: &random)))
        case .optionalNumber(let range, _):
            Bool.random(using: &random) ? .number(Double.random(in: range, using: &random)) : .null
        case .flag: .bool(Bool.random(using: &random))
        }
    }

    /// Values `fault` must refuse: just outside its range, and of the wrong kind.
    static func invalid(_ fault: FaultDescriptor) -> [JSONValue] {
        let wrongKinds: [JSONValue] = [.string("1"), .array([]), .object([:])]
        guard let range = fault.range else { return wrongKinds + [.number(1), .number(0)] }
        return wrongKinds + [
            .bool(true), .number(range.lowerBound - 1), .number(range.upperBound + 1),
            .number(range.upperBound + 0.5), .number(1e300),
        ]
    }

    @Test("every fault's value, drawn at random, comes back through Faults(json:) and .json", arguments: 1...25)
    func roundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let body = Dictionary(uniqueKeysWithValues: FaultDescriptor.all.map { ($0.key, Self.valid($0, &random)) })
        #expect(try Faults(json: .object(body)).json == .object(body))
        for (key, value) in body {
            // Alone too: the other faults stay as `Faults()` has them.
            guard case .object(var expected) = Faults().json else {
                Issue.record("Faults().json is not an object")
                return
            }
            expected[key] = value
            #expect(try Faults(json: [key: value]).json == .object(expected), "\(key)")
        }
    }

    @Test("every fault refuses a value out of its range or of the wrong kind, naming the key and the range")
    func refused() {
        for fault in FaultDescriptor.all {
            let reason = fault.range.map { "\(fault.key) must be a number in \(FaultDescriptor.text($0))" }
            for value in Self.invalid(fault) {
                #expect(throws: Faults.Invalid(description: reason ?? "\(fault.key) must be true or false")) {
                    _ = try Faults(json: [fault.key: value])
                }
            }
        }
    }

    @Test("the help gives each number's range, and a default that is not its bottom, from the table")
    func help() {
        let help = Dictionary(uniqueKeysWithValues: Faults.catalogue.map { ($0.key, $0.meaning) })
        #expect(help["latency_ms"] == "ms added to every answer (0...600000)")
        #expect(help["error_rate"] == "share answered with error_status (0...1)")
        #expect(help["error_status"] == "the status of those errors (100...599; 500)")
        #expect(help["ignore_status_filter"] == "true: lists answer as if status= were absent")
        for fault in FaultDescriptor.all {
            guard let range = fault.range else { continue }
            #expect(help[fault.key]?.contains("(\(FaultDescriptor.text(range))") == true, "\(fault.key)")
        }
    }

    /// README.md's `POST /_sim/faults` row of the test hooks table.
    static func readmeRow() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("| `POST /_sim/faults` |") })
    }

    @Test("README's POST /_sim/faults row names every fault of the table, and no other")
    func readme() throws {
        let row = try Self.readmeRow()
        for key in Faults.keys {
            #expect(row.contains("`\(key)`"), "README's /_sim/faults row omits `\(key)`")
        }
        // A word in backticks that looks like a key (`snake_case`) must be one.
        let named = row.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            .filter { $0.range(of: "^[a-z]+(_[a-z]+)+$", options: .regularExpression) != nil }
        #expect(!named.isEmpty)
        for key in named {
            #expect(Faults.keys.contains(key), "README's /_sim/faults row names `\(key)`, which is no fault")
        }
    }
}
