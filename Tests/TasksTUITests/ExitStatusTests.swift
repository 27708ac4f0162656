import ArgumentParser
import Foundation
import Testing

@testable import TasksModel
@testable import TasksTUI

/// Ours, not Swift Testing's `ExitStatus` (how a child process ended).
typealias ExitStatus = TasksTUI.ExitStatus

/// The README's "Exit status" table: code → meaning.
/// The README's exit-status table: code → its cells after the code (meaning, "Returned by").
func readmeExitRows() throws -> [Int32: [String]] {
    let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")
    let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "Exit status:"))
    var table: [Int32: [String]] = [:]
    for line in lines[(start + 1)...] {
        if table.isEmpty, !line.hasPrefix("|") { continue }
        guard line.hasPrefix("|") else { break }
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count >= 2, let code = Int32(cells[0]) else { continue }
        table[code] = Array(cells.dropFirst())
    }
    return table
}

/// The README's exit table: code → its meaning.
private func readmeExitTable() throws -> [Int32: String] {
    try readmeExitRows().compactMapValues(\.first)
}

/// Every `APIError` case, with the exit status a script must see and a
/// word of the README row that explains that status.
private let apiErrorCases: [(APIError, ExitStatus, String)] = [
    (.notFound("no job j-1"), .notFound, "404"),
    (.unauthorized(status: 401), .unauthorized, "401"),
    (.unauthorized(status: 403), .unauthorized, "403"),
    (.conflict("job j-1 already finished"), .alreadyFinished, "409"),
    (.transport("connection refused"), .unreachable, "unreachable"),
    (.timeout(seconds: 10), .unreachable, "timing out"),
    (.server(status: 500, message: "boom", retryAfter: nil), .unreachable, "5xx"),
    (.server(status: 503, message: "", retryAfter: 2), .unreachable, "5xx"),
    (.server(status: 429, message: "", retryAfter: 1), .unreachable, "429"),
    (.decode("expected an object"), .unreachable, "failing"),
    (.bodyTooLarge(limit: 1024), .unreachable, "failing"),
    (.invalidRequest("bad URL"), .unreachable, "failing"),
]

@Suite struct ExitStatusTests {
    @Test func theREADMETableListsExactlyTheExitStatuses() throws {
        let table = try readmeExitTable()
        #expect(Set(table.keys) == Set(ExitStatus.allCases.map(\.rawValue)))
    }

    @Test(arguments: apiErrorCases)
    func apiErrorsMapToTheREADMECode(error: APIError, status: ExitStatus, readmeWord: String) throws {
        let failure = CLIError(error, doing: "cancelling j-1")
        #expect(failure.code == status)
        let meaning = try #require(try readmeExitTable()[failure.code.rawValue])
        #expect(meaning.contains(readmeWord), "README row \(failure.code.rawValue): \(meaning)")
        #expect(failure.description == "cancelling j-1: \(error.description)")
    }

    /// The table above names every case: adding an `APIError` case without
    /// adding it here fails this test (the mapping itself has no default).
    @Test func everyAPIErrorCaseIsCovered() {
        let kinds = Set(apiErrorCases.map { Mirror(reflecting: $0.0).children.first?.label ?? "\($0.0)" })
        #expect(
            kinds == [
                "notFound", "unauthorized", "conflict", "transport", "timeout", "server", "decode",
                "bodyTooLarge", "invalidRequest",
            ])
    }

    @Test func aCLIErrorExitsWithItsCode() async {
        await #expect(throws: ExitCode(4)) {
            try await runReportingErrors { throw CLIError("no job j-1", code: .notFound) }
        }
        await #expect(throws: ExitCode(64)) {
            try await runReportingErrors { throw CLIError("bad option", code: .usage) }
        }
    }

    @Test func otherErrorsPassThroughAndSuccessThrowsNothing() async throws {
        await #expect(throws: APIError.timeout(seconds: 1)) {
            try await runReportingErrors { throw APIError.timeout(seconds: 1) }
        }
        var ran = false
        try await runReportingErrors { ran = true }
        #expect(ran)
    }
}

@Suite struct CancelSeveralExitStatusTests {
    @Test("cancel with several ids: 0 only if every job was cancelled, else the most severe code")
    func mostSevere() {
        #expect(ExitStatus.mostSevere([0, 0, 0]) == 0)
        #expect(ExitStatus.mostSevere([0, 7, 0]) == 7)
        #expect(ExitStatus.mostSevere([0, 7, 4]) == 4)
        #expect(ExitStatus.mostSevere([9, 8, 7]) == 8)
        #expect(ExitStatus.mostSevere([6, 5, 8]) == 5)
        #expect(ExitStatus.mostSevere([9, 0]) == 9)
        // A code not in the order (an unexpected one) comes first.
        #expect(ExitStatus.mostSevere([5, 64]) == 64)
        #expect(Set(ExitStatus.severity).count == ExitStatus.severity.count)
    }
}
