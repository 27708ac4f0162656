import Foundation
import Testing

/// docs/architecture.md says that in `TasksModel` only the HTTP client reads
/// the wall clock or talks to the network, and that nothing imports curses:
/// checked on the source, so the claim cannot drift from the code.
@Suite("docs/architecture.md's claims about TasksModel hold in its source")
struct ArchitectureClaimTests {
    /// The HTTP client: the one part of the module allowed sockets and the wall clock.
    static let httpClient = [
        "API/HTTPJobsAPI.swift", "API/HTTPJobsAPI+Send.swift", "API/TransportErrorClassifier.swift",
        "Engine/RequestExecutor.swift",
    ]

    static func allowed(_ path: String) -> Bool {
        path.hasPrefix("Sources/TasksModel/Network/") || httpClient.contains { path == "Sources/TasksModel/" + $0 }
    }

    /// The code of a file with its comments left out (a `///` may mention `Date()`).
    static func code(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
    }

    @Test("outside the HTTP client no file reads the wall clock, imports the network or curses")
    func claimsHold() throws {
        let clock = ["Date()", "Date.now", "ContinuousClock", "SuspendingClock", "clock_gettime", "gettimeofday"]
        var found: [String] = []
        for (path, text) in try KeyLiteralTests.sources("TasksModel") {
            let code = Self.code(text)
            if code.contains("import CNcurses") || code.contains("initscr") { found.append("\(path): curses") }
            guard !Self.allowed(path) else { continue }
            for word in clock + ["socket("] where code.contains(word) { found.append("\(path): \(word)") }
            found += Self.networkImports(code).map { "\(path): import \($0)" }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// The modules that speak to the network: AsyncHTTPClient and every NIO
    /// module (`NIO`, `NIOCore`, `NIOHTTP2`, `_NIOFileSystem` ...) except
    /// NIOConcurrencyHelpers, which is a lock.
    static func isNetwork(_ module: String) -> Bool {
        let name = module.drop { $0 == "_" }
        return module == "AsyncHTTPClient" || (name.hasPrefix("NIO") && module != "NIOConcurrencyHelpers")
    }

    /// The network modules `code` imports.
    static func networkImports(_ code: String) -> [String] {
        code.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split { $0.isWhitespace || $0 == ";" }
            // `import NIOCore`, `@testable import NIOSSL`, `import struct NIO.ByteBuffer`.
            guard let at = words.firstIndex(of: "import"), let name = words[(at + 1)...].last else { return nil }
            let module = String(name.split(separator: ".")[0])
            return isNetwork(module) ? module : nil
        }
    }

    /// A stored property that other modules could set: `public var name`
    /// without `internal(set)`/`private(set)` and not computed (no `{` on the line).
    static func publiclySettable(_ code: String) -> [String] {
        code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("public var ") && !$0.contains("{") }
    }

    @Test(
        "update is the only way the dashboard's state changes: no stored property of DashboardState is publicly settable"
    )
    func stateIsReadOnlyOutside() throws {
        var found: [String] = []
        for (path, text) in try KeyLiteralTests.sources("TasksModel")
        where path.hasPrefix("Sources/TasksModel/Dashboard/DashboardState") {
            // Only DashboardState's own body: nested option and watch types are values the caller builds.
            let body = text.components(separatedBy: "public struct Options")[0]
            found += Self.publiclySettable(Self.code(body)).map { "\(path): \($0)" }
        }
        #expect(found.isEmpty, "\(found)")
        #expect(Self.publiclySettable("    public var search = \"\"") == ["public var search = \"\""])
        #expect(Self.publiclySettable("    public internal(set) var search = \"\"").isEmpty)
        #expect(Self.publiclySettable("    public var rows: Int { 3 }").isEmpty)
    }

    @Test("the table and the details pane draw the values update computed: they never ask the engine while drawing")
    func componentsDrawValues() throws {
        var found: [String] = []
        for (path, text) in try KeyLiteralTests.sources("TasksModel")
        where path.hasSuffix("/JobTableView.swift") || path.hasSuffix("/DetailsView.swift") {
            found += Self.asksEngine(Self.code(text)).map { "\(path): \($0)" }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// The engine lookups in `code`, but for the convenience initialiser taking a whole
    /// state (for tests; it is not drawing), which runs up to the first drawing function.
    static func asksEngine(_ code: String) -> [String] {
        let asks = ["state.engine", "engine[", "jobRow(", "stalledFor(", "isStale("]
        let before = code.components(separatedBy: "init(state: DashboardState").first ?? ""
        let drawing = code.components(separatedBy: "func rows(in region").dropFirst().joined()
        return asks.filter { before.contains($0) || drawing.contains($0) }
    }

    @Test("the check sees what it looks for")
    func checkCanFail() {
        #expect(Self.code("let now = Date() // Date.now").contains("Date()"))
        #expect(!Self.code("/// reads Date() here").contains("Date()"))
        #expect(!Self.allowed("Sources/TasksModel/Engine/PollingEngine.swift"))
        #expect(Self.allowed("Sources/TasksModel/Engine/RequestExecutor.swift"))
        #expect(
            Self.networkImports("import NIOCore\n@testable import NIOSSL\nimport struct NIO.ByteBuffer") == [
                "NIOCore", "NIOSSL", "NIO",
            ])
        #expect(Self.networkImports("import NIOConcurrencyHelpers").isEmpty)
        #expect(
            Self.networkImports("\timport NIOHTTP2;\nimport _NIOFileSystem\nimport Foundation") == [
                "NIOHTTP2", "_NIOFileSystem",
            ])
        // The table as it was: a row looked up in the engine while drawing.
        let old = "init(state: DashboardState) { self.state = state }\nfunc rows(in region: R) { state.engine[id] }"
        #expect(Self.asksEngine(old) == ["state.engine", "engine["])
        #expect(
            Self.asksEngine("init(state: DashboardState) { state.engine[id] }\nfunc rows(in region: R) { window }")
                .isEmpty)
    }
}
