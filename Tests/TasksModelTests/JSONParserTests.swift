import Foundation
import PropertyBased
import Testing

@testable import TasksModel

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    @Test("values, escapes, surrogate pairs and numbers")
    func forms() throws {
        #expect(
            try parse(#" {"a": [1, -2.5, 3e2, 0.125, true, false, null, "x"]} "#)
                == ["a": [1, -2.5, 300, 0.125, true, false, nil, "x"]])
        #expect(
            try parse(#""q\"b\\s\/ \b\f\n\r\t é \u00e9 \ud83d\ude00""#) == .string("q\"b\\s/ \u{8}\u{C}\n\r\t é é 😀"))
        #expect(try parse(#""lone \ud800 high""#) == .string("lone \u{FFFD} high"))
        #expect(try parse(#"{"a":{},"b":[],"c":""}"#) == ["a": [:], "b": [], "c": ""])
        #expect(try parse("12345678901234567890") == .number(1.2345678901234567e19))
        #expect(try parse("-0") == .number(0))
    }

    @Test(
        "malformed input fails cleanly",
        arguments: [
            "", "{", "[1,]", "{\"a\" 1}", "{\"a\":}", "tru", "nul", "01x", "1.", "1e", "\"abc", "\"\\x\"",
            "\"a\u{01}b\"",
            "[1] 2", "{\"a\":1,}", "-", "\"\\u12\"",
        ])
    func malformed(text: String) {
        #expect(throws: (any Error).self) { try parse(text) }
    }

    @Test("hostile nesting is refused, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? parse(fine)) != nil)
    }

    @Test("property: reads back exactly what JSONEncoder wrote, compact and pretty")
    func roundTrips() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let value = DecoderFuzzTests.randomJSON(&random)
            for text in [value.encoded(), value.encoded(pretty: true)] {
                #expect((try? JSONValue.parse(Data(text.utf8))) == value, "\(text)")
            }
        }
    }
}
