import Foundation
import Testing

@testable import TasksModel

@Suite("README: the key table lists the keymap")
struct ReadmeKeyTableTests {
    /// The table the README must hold: one row per binding of the job table, in keymap order.
    static var expectedRows: [String] {
        Keymap.bindings(in: .table).map { "| \($0.label) | \($0.help) |" }
    }

    /// The rows of the `| Key | Action |` table in README.md, without its header.
    static func readmeRows() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| Key | Action |"))
        return Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
    }

    @Test("README's key table has exactly the table's bindings, in keymap order")
    func matches() throws {
        let rows = try Self.readmeRows()
        #expect(rows == Self.expectedRows, "README key table; expected:\n\(Self.expectedRows.joined(separator: "\n"))")
    }
}
