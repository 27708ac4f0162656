import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// Bracketed paste as data, never keys: the edges a terminal or an attacker
/// can produce (an end marker inside the text, a start with no end, keys in
/// the same read after the end), and a property over random reads.
@Suite("Paste reader: paste is data, never keys")
struct PasteReaderTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Feeds `reads` at `t0` (plus `at` seconds for each); returns what came out
    /// that is not `.consumed`.
    static func feed(_ reads: [PasteReader.Read], reader: inout PasteReader, at seconds: Double = 0)
        -> [PasteReader.Outcome]
    {
        reads.map { reader.feed($0, at: t0 + seconds) }.filter { $0 != .consumed }
    }

    static func text(_ string: String) -> [PasteReader.Read] {
        string.unicodeScalars.map { .character($0.value) }
    }

    @Test("a paste is one piece of text; keys before it pass through")
    func plain() {
        var reader = PasteReader()
        let out = Self.feed(Self.text("q") + [.start] + Self.text("job_a") + [.end, .empty], reader: &reader)
        #expect(out == [.passThrough, .paste("job_a", complete: true)])
    }

    @Test("an end marker inside the pasted text does not end it: ':job_b' Enter never runs")
    func endMarkerInside() {
        var reader = PasteReader()
        let reads: [PasteReader.Read] =
            [.start] + Self.text("abc") + [.end] + Self.text(":job_b\r") + [.end, .empty]
        let out = Self.feed(reads, reader: &reader)
        #expect(out == [.paste("abc:job_b\r", complete: true)])
    }

    @Test("keys after the end in the same read are discarded: '…ESC[201~c' then 'y' sends no c")
    func keysAfterEndInSameRead() {
        var reader = PasteReader()
        let first = Self.feed([.start] + Self.text("x") + [.end] + Self.text("c") + [.empty], reader: &reader)
        #expect(first == [.paste("x", complete: true)])
        // The next read is a key as usual: without the c before it, a y alone answers nothing.
        #expect(Self.feed(Self.text("y") + [.empty], reader: &reader) == [.passThrough, .passThrough])
    }

    @Test("a start with no end takes keys as text for at most a second, then ends and says so")
    func unended() {
        var reader = PasteReader()
        #expect(Self.feed([.start] + Self.text("q\u{3}\u{1B}") + [.empty], reader: &reader) == [.waiting])
        #expect(reader.deadline == Self.t0 + PasteReader.openLimit)
        #expect(Self.feed([.empty], reader: &reader, at: 0.5) == [.waiting])
        #expect(Self.feed([.empty], reader: &reader, at: 1.0) == [.paste("q\u{3}\u{1B}", complete: false)])
        // What still flows in after the cut is discarded, not read as keys…
        #expect(Self.feed(Self.text("cy"), reader: &reader, at: 1.1) == [])
        #expect(Self.feed([.empty], reader: &reader, at: 1.2) == [.waiting])
        // …until input has been quiet for a moment: then q is a key again.
        #expect(Self.feed([.empty], reader: &reader, at: 1.2 + PasteReader.quietAfterCut) == [.waiting])
        #expect(!reader.isActive)
        #expect(Self.feed(Self.text("q"), reader: &reader, at: 2) == [.passThrough])
    }

    @Test("a slow paste cut at one second: its tail, up to its end marker, is never keys")
    func slowPasteTail() {
        var reader = PasteReader()
        _ = Self.feed([.start] + Self.text("cycy") + [.empty], reader: &reader)
        #expect(Self.feed([.empty], reader: &reader, at: 1) == [.paste("cycy", complete: false)])
        #expect(Self.feed(Self.text("cycy"), reader: &reader, at: 1.05) == [])
        #expect(Self.feed(Self.text("y") + [.end], reader: &reader, at: 1.1) == [])
        #expect(Self.feed(Self.text("q"), reader: &reader, at: 1.15) == [.passThrough])
    }

    @Test("an end marker with no paste open passes through (the terminal layer drops it)")
    func strayEnd() {
        var reader = PasteReader()
        #expect(Self.feed([.end], reader: &reader) == [.passThrough])
    }

    /// Property: over random reads, no character between a start marker and
    /// the end of the read that holds its end (or its cut) ever passes through
    /// as a key, and every character outside pastes does.
    @Test("random reads: nothing inside a paste, or after its end in the same read, is ever a key")
    func property() {
        var rng = SeededRandom(seed: 23)
        var leaks = 0
        var unread = 0
        for _ in 0..<3000 {
            var reader = PasteReader()
            var inPaste = false
            var afterEnd = false
            var cut = false
            var seconds = 0.0
            for _ in 0..<Int(rng.next() % 40) {
                let read: PasteReader.Read =
                    switch rng.next() % 8 {
                    case 0: .start
                    case 1: .end
                    case 2: .empty
                    case 3: .functionKey
                    default: .character(UInt32(0x61 + rng.next() % 26))
                    }
                seconds += Double(rng.next() % 3) * 0.4
                let outcome = reader.feed(read, at: Self.t0 + seconds)
                let data: Bool =
                    switch read {
                    case .character, .functionKey: true
                    default: false
                    }
                if data, inPaste || afterEnd || cut, outcome == .passThrough { leaks += 1 }
                if data, !inPaste, !afterEnd, !cut, outcome != .passThrough { unread += 1 }
                // The model: a start opens; an end moves to "after the end" until the read runs dry.
                switch (read, outcome) {
                case (.start, _) where !inPaste && !afterEnd && !cut: inPaste = true
                case (.empty, .paste(_, complete: false)):
                    inPaste = false
                    cut = true
                case (.end, _) where cut: cut = false
                case (.empty, _) where cut && !reader.isActive: cut = false
                case (.end, _) where inPaste || afterEnd:
                    inPaste = false
                    afterEnd = true
                case (.empty, .paste):
                    inPaste = false
                    afterEnd = false
                default: break
                }
            }
        }
        #expect(leaks == 0, "\(leaks) pasted characters became keys")
        #expect(unread == 0, "\(unread) typed characters were not passed through")
    }
}
