import FoundationEssentials

/// A whole audit log, read: its entries in file order, and the lines that
/// could not be read. One bad line (cut short, edited by hand, from a format
/// this version does not know) is skipped and counted, never the end of the
/// reading: the rest of the record still matters.
public struct AuditLogContents: Sendable, Hashable {
    /// Every readable entry, in the order of the file (oldest first, as appended).
    public var entries: [AuditEntry]
    /// 1-based numbers of the non-empty lines that were neither format.
    public var skippedLines: [Int]

    public init(entries: [AuditEntry], skippedLines: [Int]) {
        self.entries = entries
        self.skippedLines = skippedLines
    }

    /// Reads the file's bytes. Invalid UTF-8 is repaired (U+FFFD), so one bad
    /// byte costs at most its own line; blank lines are neither entries nor skipped.
    public init(bytes: some Collection<UInt8>) {
        self.init(text: String(decoding: bytes, as: UTF8.self))
    }

    /// Reads the file's text, line by line.
    public init(text: String) {
        var entries: [AuditEntry] = []
        var skipped: [Int] = []
        // "\r\n" is one Character in Swift: split on either, so a file converted to CRLF still reads.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard !line.allSatisfy({ $0 == " " }) else { continue }
            if let entry = AuditEntry(line: line) {
                entries.append(entry)
            } else {
                skipped.append(index + 1)
            }
        }
        self.init(entries: entries, skippedLines: skipped)
    }

    /// The entries `filter` keeps, newest first; entries of the same time in
    /// reverse file order (the later line was written later).
    public func newestFirst(_ filter: AuditFilter) -> [AuditEntry] {
        entries.enumerated().filter { filter.matches($0.element) }
            .sorted { $0.element.time != $1.element.time ? $0.element.time > $1.element.time : $0.offset > $1.offset }
            .map(\.element)
    }
}
