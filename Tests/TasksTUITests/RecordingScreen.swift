import TasksModel

@testable import TasksTUI

/// A fake screen that records every call the painter makes, in order.
final class RecordingScreen: PaintTarget {
    enum Call: Equatable, CustomStringConvertible {
        case clear
        case move(row: Int, column: Int)
        case clearToEndOfLine
        case style(Style)
        case text(String)
        case flush
        /// Rows handed back after a flush to be written again with their links.
        case relink(rows: [Int])

        var description: String {
            switch self {
            case .clear: "clear"
            case .move(let row, let column): "move(\(row),\(column))"
            case .clearToEndOfLine: "clrtoeol"
            case .style(let style): style == .plain ? "style(plain)" : "style(\(style))"
            case .text(let text): "text(\(text))"
            case .flush: "flush"
            case .relink(let rows): "relink(\(rows))"
            }
        }
    }

    private(set) var calls: [Call] = []

    func clear() { calls.append(.clear) }
    func move(row: Int, column: Int) { calls.append(.move(row: row, column: column)) }
    func clearToEndOfLine() { calls.append(.clearToEndOfLine) }
    func setStyle(_ style: Style) { calls.append(.style(style)) }
    func addText(_ text: String) { calls.append(.text(text)) }
    func flush() { calls.append(.flush) }
    func rewriteLinked(_ rows: [(y: Int, row: FrameRow)], width: Int) { calls.append(.relink(rows: rows.map(\.y))) }

    /// Forgets what was recorded, to look at the next frame alone.
    func reset() { calls = [] }

    /// Rows blanked, in order: a move to column 0 followed by clear-to-end.
    var blankedRows: [Int] {
        zip(calls, calls.dropFirst()).compactMap { pair in
            if case .move(let row, 0) = pair.0, pair.1 == .clearToEndOfLine { return row }
            return nil
        }
    }

    /// The text written, in order.
    var texts: [String] {
        calls.compactMap { if case .text(let text) = $0 { text } else { nil } }
    }

    var flushes: Int { calls.filter { $0 == .flush }.count }
    var clears: Int { calls.filter { $0 == .clear }.count }
}
