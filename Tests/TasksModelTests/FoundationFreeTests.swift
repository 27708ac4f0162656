import Foundation
import PropertyBased
import Testing

@testable import TasksModel

/// The client links FoundationEssentials only (no ICU): what it used from full
/// Foundation is now its own code, checked here against Foundation itself
/// (the tests may link it), and the sources are checked never to import it again.
@Suite("Without ICU: our replacements answer as Foundation did")
struct FoundationFreeTests {
    /// Scalars where trimming and decoding differ if the definitions are wrong.
    static let pieces = [
        " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{200B}",
        "\u{301}", "a", "é", "e\u{301}", "[", "]", "%", "%2", "%2F", "%C3%A9", "%FF", "%e2%80%8b", "%g0", "x", ";",
    ]

    static func text(_ seed: UInt64) -> String {
        var generator = SplitMix(seed)
        return (0..<Int(generator.next() % 9)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
            .joined()
    }

    @Test("trimming spaces, whitespace and brackets: as trimmingCharacters(in:), scalar by scalar")
    func trimming() async {
        await propertyCheck(count: 400, input: Gen.uint64()) { seed in
            let text = Self.text(seed)
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(
                text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
            #expect(
                text.trimming(anyOf: "[]") == text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")),
                "\(text.debugDescription)")
            #expect(
                text.droppingTrailingWhitespace()
                    == text.replacingOccurrences(
                        of: "[\\s\\u0085\\u2028\\u2029]+$", with: "", options: .regularExpression),
                "\(text.debugDescription)")
        }
    }

    @Test("percent-decoding: as removingPercentEncoding, nil where it is nil")
    func percentDecoding() async {
        await propertyCheck(count: 400, input: Gen.uint64()) { seed in
            let text = Self.text(seed)
            #expect(PercentDecoding.decode(text) == text.removingPercentEncoding, "\(text.debugDescription)")
        }
        #expect(PercentDecoding.decode("job%2F1") == "job/1")
        #expect(PercentDecoding.decode("%E2%80%8B") == "\u{200B}")
        #expect(PercentDecoding.decode("%FF") == nil)
        #expect(PercentDecoding.decode("50%") == nil)
    }

    @Test("a scalar is replaced even where a combining mark joins it to the next character")
    func replacingScalars() {
        // `String.replacing(";", ...)` compares Characters and would keep this `;`, which
        // separates the fields of a terminal notification.
        #expect(";\u{301}a;".replacingScalar(";", with: ",") == ",\u{301}a,")
        #expect("it's".replacingScalar("'", with: #"'\''"#) == #"it'\''s"#)
        #expect("\u{1B}\u{1B}".replacingScalar("\u{1B}", with: "\u{1B}\u{1B}") == "\u{1B}\u{1B}\u{1B}\u{1B}")
    }

    @Test("numbers to one decimal and zero-padded, as String(format:) wrote them")
    func numbers() {
        // Ties included: printf rounds the binary value (0.25 is "0.2", 0.15 is "0.1"), and -0.04 is "-0.0".
        let values = [
            0, 0.04, 0.06, 1, 2.5, 2.96, 12.34, 999.99, -0.4, -3.26, 1e9 + 0.3, 0.25, 2.25, 0.15, 0.35, -0.04,
            123_456_789_012_345.5, 1e300,
        ]
        for value in values {
            #expect(NumberText.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
        #expect(NumberText.oneDecimal(.nan) == String(format: "%.1f", Double.nan))
        #expect(NumberText.oneDecimal(-.infinity) == "-inf")
        for value in [0, 7, 10, 59, 123, -5] {
            #expect(NumberText.zeroPadded(value, digits: 2) == String(format: "%02d", value))
        }
        #expect("ab".rightPadded(to: 4) == "ab  " && "abcdef".rightPadded(to: 4) == "abcdef")
        #expect("7".leftPadded(to: 3) == "  7")
    }

    @Test("the C library's local offset is Foundation's in this process's zone (other zones: cli.sh under TZ=...)")
    func systemZone() {
        var generator = SplitMix(7)
        let foundation = TimeZone.current
        for _ in 0..<3000 {
            // 1902 to 2037, where both know the rules, plus the moments around this year's changes.
            let seconds = Int(generator.next() % 4_300_000_000) - 2_140_000_000
            let date = Date(timeIntervalSince1970: Double(seconds))
            #expect(LocalZone.system.secondsFromGMT(for: date) == foundation.secondsFromGMT(for: date), "\(date)")
        }
    }

    @Test("the times shown follow a zone's offsets, summer time included (zones read by Foundation)")
    func namedZones() throws {
        let newYork = try #require(LocalZone.named("America/New_York"))
        let kolkata = try #require(LocalZone.named("Asia/Kolkata"))
        let winter = Date(timeIntervalSince1970: 1_705_312_800)  // 2024-01-15 10:00:00Z
        let summer = Date(timeIntervalSince1970: 1_721_037_600)  // 2024-07-15 10:00:00Z
        #expect(TimeText.full(winter, zone: newYork) == "2024-01-15 05:00:00 -05:00")
        #expect(TimeText.full(summer, zone: newYork) == "2024-07-15 06:00:00 -04:00")
        #expect(TimeText.full(winter, zone: kolkata) == "2024-01-15 15:30:00 +05:30")
        #expect(TimeText.clock(summer, mode: .local, zone: kolkata, now: summer) == "15:30:00")
    }

    @Test("no source file of the program imports full Foundation (it links ICU, 34 MB)")
    func noFullFoundation() throws {
        var found: [String] = []
        for module in ["TasksModel", "TasksTUI", "JobsSimulator"] {
            for (path, text) in try KeyLiteralTests.sources(module) {
                let code = ArchitectureClaimTests.code(text)
                for line in code.split(separator: "\n") where Self.importsFoundation(line) { found.append(path) }
            }
        }
        #expect(found.isEmpty, "\(found)")
        for line in [
            "import Foundation", "@preconcurrency import Foundation", "import class Foundation.NSLock",
            "import struct Foundation.Date", "import Foundation.NSString", "import FoundationNetworking",
        ] {
            #expect(Self.importsFoundation(Substring(line)), "\(line)")
        }
        #expect(!Self.importsFoundation("import FoundationEssentials"))
        #expect(!Self.importsFoundation("import struct FoundationEssentials.Date"))
    }

    /// `import Foundation`, `@preconcurrency import Foundation`, `import class Foundation.NSLock`,
    /// `import Foundation.NSString`, and the modules that bring all of it (Networking, XML, ICU).
    static func importsFoundation(_ line: Substring) -> Bool {
        let words = line.split(separator: " ")
        guard var index = words.firstIndex(of: "import") else { return false }
        index += 1
        let kinds: Set<Substring> = ["class", "struct", "enum", "protocol", "func", "var", "let", "typealias"]
        if index < words.count, kinds.contains(words[index]) { index += 1 }
        guard index < words.count else { return false }
        let module = words[index].split(separator: ".", maxSplits: 1).first ?? ""
        return [
            "Foundation", "FoundationNetworking", "FoundationXML", "FoundationInternationalization", "_FoundationICU",
        ]
        .contains(module)
    }
}

/// A small seeded generator, so that a failing text can be made again from its seed.
struct SplitMix {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
