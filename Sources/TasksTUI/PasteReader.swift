import FoundationEssentials

/// Bracketed paste, assembled from what curses reads, with no curses state
/// involved so every edge is testable: paste is data, never keys.
///
/// - An end marker (`ESC[201~`) inside the pasted text does not end it: text
///   after an end marker in the same read is held, and when another end
///   marker follows in that read, the first was part of the paste.
/// - What follows the real end in the same read is discarded, like keys
///   typed ahead of a dialog: `…ESC[201~c` then `y` sends no cancel.
/// - A paste left open (a start marker with no end) ends after `openLimit`
///   and says so; what still flows in after that cut is discarded until its
///   end marker or until input has been quiet for `quietAfterCut` (a slow
///   paste's tail is never read as keys), then `q`, Ctrl-C and Esc work again.
struct PasteReader {
    /// One thing read from curses, as far as a paste is concerned.
    enum Read: Equatable {
        case start
        case end
        /// A character (`wget_wch` said OK).
        case character(UInt32)
        /// A function key or mouse report: nothing inside a paste.
        case functionKey
        /// Nothing more waiting (`ERR`): the end of this read.
        case empty
    }

    /// What the reader makes of a read.
    enum Outcome: Equatable {
        /// Not about a paste: decode it as usual.
        case passThrough
        /// Taken into a paste (or discarded after one); read on.
        case consumed
        /// A whole paste; `complete` is false when it had no end marker and was cut at `openLimit`.
        case paste(String, complete: Bool)
        /// Inside an open paste, nothing more has arrived yet.
        case waiting
    }

    /// How long a paste may stay open without its end marker.
    static let openLimit: TimeInterval = 1
    /// After a cut, input must pause this long before keys count again.
    static let quietAfterCut: TimeInterval = 0.3
    /// The most text one paste keeps; the rest is dropped (a prompt holds far less).
    static let limit = 65_536

    private enum Phase: Equatable {
        case idle
        /// Between a start marker and an end marker.
        case open(text: String, since: Date)
        /// After an end marker, until the read runs dry: `held` is what came after it.
        case ended(text: String, held: String)
        /// Cut at `openLimit`: the rest of the paste is discarded; `last` is when input last came.
        case cut(last: Date)
    }

    private var phase = Phase.idle

    /// True while a paste is open or its end is not yet settled.
    var isActive: Bool { phase != .idle }

    /// When an open paste will be cut if its end never comes (the loop wakes then).
    var deadline: Date? {
        switch phase {
        case .open(_, let since): since.addingTimeInterval(Self.openLimit)
        case .cut(let last): last.addingTimeInterval(Self.quietAfterCut)
        case .idle, .ended: nil
        }
    }

    mutating func feed(_ read: Read, at now: Date) -> Outcome {
        switch (phase, read) {
        case (.idle, .start):
            phase = .open(text: "", since: now)
            return .consumed
        case (.idle, _):
            return .passThrough
        case (.open(let text, let since), .character(let code)):
            phase = .open(text: Self.appending(code, to: text), since: since)
            return .consumed
        case (.open, .start), (.open, .functionKey):
            return .consumed
        case (.open(let text, _), .end):
            phase = .ended(text: text, held: "")
            return .consumed
        case (.open(let text, let since), .empty):
            guard now.timeIntervalSince(since) >= Self.openLimit else { return .waiting }
            phase = .cut(last: now)
            return .paste(text, complete: false)
        case (.cut, .end):
            phase = .idle
            return .consumed
        case (.cut, .character), (.cut, .functionKey), (.cut, .start):
            phase = .cut(last: now)
            return .consumed
        case (.cut(let last), .empty):
            guard now.timeIntervalSince(last) >= Self.quietAfterCut else { return .waiting }
            phase = .idle
            return .waiting
        case (.ended(let text, let held), .character(let code)):
            phase = .ended(text: text, held: Self.appending(code, to: held))
            return .consumed
        case (.ended, .functionKey), (.ended, .start):
            return .consumed
        case (.ended(let text, let held), .end):
            // The earlier end marker was inside the pasted text.
            phase = .ended(text: Self.joined(text, held), held: "")
            return .consumed
        case (.ended(let text, _), .empty):
            // What followed the end in the same read is dropped: typed ahead, never keys.
            phase = .idle
            return .paste(text, complete: true)
        }
    }

    private static func appending(_ code: UInt32, to text: String) -> String {
        guard text.unicodeScalars.count < limit, let scalar = Unicode.Scalar(code) else { return text }
        var longer = text
        longer.unicodeScalars.append(scalar)
        return longer
    }

    private static func joined(_ text: String, _ more: String) -> String {
        var joined = text
        joined.unicodeScalars.append(contentsOf: more.unicodeScalars.prefix(max(0, limit - text.unicodeScalars.count)))
        return joined
    }
}
