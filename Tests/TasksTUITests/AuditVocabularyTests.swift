import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// The dashboard and `tasks-tui cancel` record a cancel in one vocabulary:
/// `AuditLog.record` takes a `CancelOutcome`, and the reasons nothing was sent
/// are named once, in `CancelOutcome`.
@Suite("Audit vocabulary: one set of words for both front ends")
struct AuditVocabularyTests {
    /// The outcome field of the one line `outcome` writes.
    static func outcomeField(_ outcome: CancelOutcome, source: String) throws -> String {
        let dir = NSTemporaryDirectory() + "audit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AuditLog(path: dir + "/audit.log", server: "s").record(
            jobID: "j1", type: "research", outcome: outcome, source: source)
        let line = try String(contentsOfFile: dir + "/audit.log", encoding: .utf8)
        let entry = try #require(AuditEntry(line: line.trimmingCharacters(in: .newlines)))
        #expect(entry.frontEnd == source)
        return entry.outcome
    }

    @Test("a decline, read-only, a finished job, not honoured: the same words from the dashboard and from cancel")
    func sameWords() throws {
        let outcomes: [CancelOutcome] = [
            .declined, .readOnly, .noTerminal, .terminalTooSmall, .notHonoured, .cancelled, .accepted,
            .finishedAs(.completed), CancelRefusal.notActive(.failed).auditOutcome!,
        ]
        for outcome in outcomes {
            let dashboard = try Self.outcomeField(outcome, source: "dashboard")
            #expect(dashboard == outcome.description)
            #expect(try Self.outcomeField(outcome, source: "cli") == dashboard)
        }
        #expect(try Self.outcomeField(.declined, source: "cli") == "aborted at the confirmation")
        #expect(try Self.outcomeField(.notHonoured, source: "cli") == "not honoured")
        #expect(
            try Self.outcomeField(CancelRefusal.notActive(.completed).auditOutcome!, source: "cli")
                == "not sent: already completed")
    }
}
