import Foundation
import PropertyBased
import Testing

@testable import TasksModel

@Suite("Untrusted text: sanitising and widths")
struct TerminalTextTests {
    init() { #expect(utf8LocaleReady) }

    static let forbidden: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x7F...0x9F, 0x061C...0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF...0xFEFF,
        0xFE00...0xFE0F,
    ]

    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in forbidden.contains { $0.contains(scalar.value) } }
    }

    @Test("escape sequences, C0, DEL, C1, bidi and zero-width never survive")
    func hostile() {
        let clean = TerminalText.sanitize(Fixtures.hostile, profile: .utf8)
        #expect(Self.isClean(clean))
        #expect(!clean.contains("\u{1B}"))
        #expect(clean.contains("␛]52;c;ZXZpbA==␇"))  // visible, inert
        #expect(clean.contains("␍␊␉␈␡"))
        #expect(clean.contains("\u{FFFD}2J"))
        let ascii = TerminalText.sanitize(Fixtures.hostile + "日本", profile: .ascii)
        #expect(ascii.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }

    @Test("widths: CJK and emoji are two columns, combining marks zero; ZWJ and variation selectors are dropped")
    func widths() {
        #expect(TerminalText.width(TerminalText.sanitize("世蓮", profile: .utf8)) == 4)
        #expect(TerminalText.width(TerminalText.sanitize("결제-서비스", profile: .utf8)) == 11)
        let mechanic = TerminalText.sanitize("👩‍🔧", profile: .utf8)
        #expect(mechanic == "👩🔧")
        #expect(TerminalText.width(mechanic) == 4)
        #expect(TerminalText.sanitize("❤️", profile: .utf8) == "❤")
        let zalgo = TerminalText.sanitize("e" + String(repeating: "\u{301}", count: 20), profile: .utf8)
        #expect(zalgo.unicodeScalars.count == 3)
        #expect(TerminalText.width(zalgo) == 1)
        #expect(TerminalText.sanitize("\u{301}abc", profile: .utf8) == "abc")
    }

    @Test("truncation never splits a character and never exceeds the width")
    func truncation() {
        let text = TerminalText.sanitize("ab世蓮cd👩‍🔧e\u{301}f", profile: .utf8)
        for columns in 0...16 {
            let (cut, width) = TerminalText.truncate(text, to: columns, profile: .utf8)
            #expect(width <= columns)
            #expect(TerminalText.width(cut) == width)
            #expect(cut.isEmpty || text.hasPrefix(cut) || cut.hasSuffix("…"))
            if cut.hasSuffix("…") { #expect(text.hasPrefix(String(cut.dropLast()))) }
        }
        #expect(TerminalText.truncate("世蓮世", to: 4, profile: .utf8) == ("世…", 3))
        #expect(TerminalText.fit("日本", 5, profile: .utf8) == "日本 ")
    }

    @Test("a 1 MB string costs one line's worth")
    func huge() {
        let huge = String(repeating: "x\u{1B}", count: 500_000)
        let clean = TerminalText.sanitize(huge, profile: .utf8)
        #expect(clean.unicodeScalars.count == TerminalText.lineScalarLimit)
        #expect(Self.isClean(clean))
    }

    @Test("property: any string, any bytes: clean output, fits any width")
    func propertyScalars() async {
        await propertyCheck(
            count: 300, input: Gen.uint32(in: 0...0x10FFFF).map { Unicode.Scalar($0) ?? "\u{FFFD}" }.array(of: 0...60),
            Gen.int(in: 0...40)
        ) { scalars, columns in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            for profile in [TextProfile.utf8, .ascii] {
                let clean = TerminalText.sanitize(text, profile: profile)
                #expect(Self.isClean(clean))
                let fitted = TerminalText.fit(text, columns, profile: profile)
                #expect(TerminalText.width(fitted) == columns)
            }
        }
    }

    @Test("property: random bytes, including invalid UTF-8 and raw 0x9B")
    func propertyBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...80)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let clean = TerminalText.sanitize(text, profile: .utf8)
            #expect(Self.isClean(clean))
            #expect(!clean.utf8.contains(0x1B))
            #expect(!clean.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x1B })
        }
    }
}
