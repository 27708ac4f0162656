import Foundation
import Testing

@testable import TasksModel

/// The string literals of Swift source as the user reads them: escapes
/// decoded, each interpolation a NUL (so the text on either side of one does
/// not run together), comments skipped, literals inside interpolations found too.
enum SwiftLiterals {
    struct Literal: Equatable {
        var line: Int
        var text: String
    }

    static func scan(_ source: String) -> [Literal] {
        var lexer = Lexer(scalars: Array(source.unicodeScalars))
        lexer.code(untilParen: false)
        return lexer.found.sorted { $0.line < $1.line }
    }

    private struct Lexer {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var found: [Literal] = []

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        func at(_ text: String, _ position: Int) -> Bool {
            var k = position
            for scalar in text.unicodeScalars {
                guard k < scalars.count, scalars[k] == scalar else { return false }
                k += 1
            }
            return true
        }

        /// Code to the end of the file, or (in an interpolation) to its closing `)`.
        mutating func code(untilParen: Bool) {
            var depth = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if at("//", index) {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                    continue
                }
                if at("/*", index) {
                    blockComment()
                    continue
                }
                if scalar == "\n" {
                    line += 1
                    index += 1
                    continue
                }
                if scalar == "#" || scalar == "\"" {
                    var hashes = 0
                    var next = index
                    while next < scalars.count, scalars[next] == "#" {
                        hashes += 1
                        next += 1
                    }
                    index = next
                    if next < scalars.count, scalars[next] == "\"" { string(hashes: hashes) }
                    continue
                }
                if untilParen, scalar == "(" { depth += 1 }
                if untilParen, scalar == ")" {
                    index += 1
                    if depth == 0 { return }
                    depth -= 1
                    continue
                }
                index += 1
            }
        }

        mutating func blockComment() {
            var depth = 0
            repeat {
                if at("/*", index) {
                    depth += 1
                    index += 2
                } else if at("*/", index) {
                    depth -= 1
                    index += 2
                } else {
                    if scalars[index] == "\n" { line += 1 }
                    index += 1
                }
            } while depth > 0 && index < scalars.count
        }

        /// The literal whose opening quote is at `index`, `hashes` #s before it.
        mutating func string(hashes: Int) {
            let multiline = at("\"\"\"", index)
            index += multiline ? 3 : 1
            let pounds = String(repeating: "#", count: hashes)
            let close = (multiline ? "\"\"\"" : "\"") + pounds
            let escape = "\\" + pounds
            let start = line
            var text = String.UnicodeScalarView()
            while index < scalars.count {
                if at(close, index) {
                    index += close.unicodeScalars.count
                    break
                }
                if at(escape, index) {
                    index += escape.unicodeScalars.count
                    guard index < scalars.count else { break }
                    let escaped = scalars[index]
                    index += 1
                    switch escaped {
                    case "(":
                        code(untilParen: true)
                        text.append("\0")
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "u":
                        while index < scalars.count, scalars[index] != "}" { index += 1 }
                        index += 1
                        text.append("\0")
                    case "\n": line += 1
                    default: text.append(escaped)
                    }
                    continue
                }
                if scalars[index] == "\n" { line += 1 }
                text.append(scalars[index])
                index += 1
            }
            found.append(Literal(line: start, text: String(text)))
        }
    }
}

/// Finds a key name typed by hand in a user-facing text: the ways the
/// dashboard's messages name keys ("press p", "y: ", "(Space)", "(or s)",
/// "q quits", "Esc, then Enter", "until p", "j/k"), for every key the keymap binds.
struct HandTypedKeys {
    let patterns: [NSRegularExpression]

    /// Every key name the keymap binds or shows: each key's name, and each
    /// hint's key when it is a key's name or a symbol ("↑↓", "⏎", "j/k").
    static var keymapNames: Set<String> {
        var names = Set(Keymap.bindings.flatMap { $0.order.map(\.name) })
        for hint in Keymap.bindings.compactMap(\.hint) {
            for key in [hint.key, hint.asciiKey].compactMap({ $0 })
            where !key.contains(" ") && (names.contains(key) || !key.allSatisfy(\.isLetter)) {
                names.insert(key)
            }
        }
        return names
    }

    init(keys: Set<String> = Self.keymapNames) {
        func alternation(_ names: [String]) -> String {
            let longestFirst = names.sorted { ($0.count, $0) > ($1.count, $1) }
            return "(?:" + longestFirst.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + ")"
        }
        let key = alternation(Array(keys))
        // `a` is a key (the audit log) and the English article: before a word it is read as the article.
        let keyBeforeWord = alternation(Array(keys.subtracting(["a"])))
        let letter = alternation(keys.filter { $0.count == 1 && $0.first!.isLetter })
        // Names of more than one character, and symbols ("⏎"): a key wherever they stand.
        let words = alternation(keys.filter { $0.count > 1 || !$0.unicodeScalars.allSatisfy(\.isASCII) })
        // A key stands alone: at the start, or after a space or an opening mark; before an end or a mark.
        let before = #"(?:^|(?<=[\s(\[;,]))"#
        let after = #"(?=$|[\s).,;:\]])"#
        let sources = [
            // "press p to resume"
            "[Pp]ress " + key + after,
            // "y: cancel it"
            before + key + ":(?= |$)",
            // "(Space)", "(or s)"; not "job(s)"
            #"(?<![\p{L}\p{N}])\((?:or )?"# + key + #"\)"#,
            // "q quits", "c cancels", "w again stops", "(! leaves)", "the c key"
            before + keyBeforeWord + #" (?:[a-z]+s|again|to|or|key|then)\b"#,
            // "Esc, then Enter"; "until p"
            before + key + #", then\b"#,
            #"\b(?:then|until) "# + key + after,
            // "j/k"; not "://" or "W/"
            before + letter + "/" + letter + after,
            // "Esc", "Enter", "PgDn", "Ctrl-C", "⏎" anywhere, as words
            #"(?<![\p{L}\p{N}-])"# + words + #"(?![\p{L}\p{N}-])"#,
        ]
        patterns = sources.map { try! NSRegularExpression(pattern: $0) }
    }

    /// The first hand-typed key name in `text`, or nil.
    func find(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        for pattern in patterns {
            if let match = pattern.firstMatch(in: text, range: range), let found = Range(match.range, in: text) {
                return String(text[found])
            }
        }
        return nil
    }
}

@Suite("Key names: every key shown comes from the keymap")
struct KeyLiteralTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each Swift file of `Sources/<module>` but the keymap's own, with its text.
    static func sources(_ module: String) throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Sources/\(module)")
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        var files: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") && path != "Dashboard/Keymap.swift" {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            files.append(("Sources/\(module)/" + path, text))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Records an issue for each hand-typed key name in `files` but the `allowed`
    /// (path, found) pairs; returns how many literals were read.
    static func check(_ files: [(path: String, text: String)], allowed: Set<[String]> = []) -> Int {
        let finder = HandTypedKeys()
        var literals = 0
        for (path, text) in files {
            for literal in SwiftLiterals.scan(text) {
                literals += 1
                guard let found = finder.find(in: literal.text), !allowed.contains([path, found]) else { continue }
                Issue.record(
                    "\(path):\(literal.line): \"\(found)\" typed by hand in \(literal.text.debugDescription); use Keymap.key(for:in:)"
                )
            }
        }
        return literals
    }

    @Test("no string literal in Sources/TasksModel names a bound key: it asks the keymap")
    func noHandTypedKeys() throws {
        let files = try Self.sources("TasksModel")
        #expect(files.count > 50)
        // The scan read the sources' literals, not nothing.
        #expect(Self.check(files) > 500)
    }

    @Test("nor in Sources/TasksTUI (the dashboard's keys in --help), but for keys that are not the dashboard's")
    func noHandTypedKeysInTheCommands() throws {
        let allowed: Set<[String]> = [
            // `tasks-tui cancel` asks on the terminal and reads a line: its y is no key of the dashboard's.
            ["Sources/TasksTUI/CancelCommand.swift", "y or"],
            // The simulator runs until interrupted: a signal, not a key.
            ["Sources/TasksTUI/SimulateCommand.swift", "Ctrl-C or"],
        ]
        let files = try Self.sources("TasksTUI")
        #expect(files.count > 10)
        #expect(Self.check(files, allowed: allowed) > 100)
    }

    @Test(
        "the finder catches each way a key was typed by hand",
        arguments: [
            "paused: press p to resume", "y: cancel it", "marked (Space); + pinned", "click STATUS (or s)", "q quits",
            "3 marked: c cancels them (asks first), Esc clears", "; Esc, then Enter, tries again",
            "no requests until p", "more lines: j/k or PgDn", "f cycles", "worst first (! leaves)",
            "polling stopped, r retries", "the dashboard's c key", "Fix the token, then press r to retry",
            "paused (p resumes)", "w again stops", "any key: ⏎", "press a for the audit log", "(or a)",
        ])
    func catches(_ text: String) {
        #expect(HandTypedKeys().find(in: text) != nil, "\(text)")
    }

    @Test(
        "the finder leaves texts that name no key",
        arguments: [
            "Cancel this job?", "id:       ", "exact id: ", "\0 job(s) could not be read: \0", "://", "W/",
            "\0s ago", "no answer from server within \0 s", "filter: all", "type:     \0   title: \0",
            "sort: \0 reversed (click \0 again: back)", "cancel the job", "keep it running", "search cleared",
            "\0 marked ", "w \0 watched", "refreshed <1m", "status:   \0   age: \0", "done/min ",
            "expected a key", "\0 \0 (a status not in the API's five)",
        ])
    func leaves(_ text: String) {
        #expect(HandTypedKeys().find(in: text) == nil, "\(text)")
    }

    @Test("the literal scanner decodes escapes, marks interpolations, finds nested literals and skips comments")
    func scanner() {
        let source = #"""
            // "press p" in a comment is not shown
            let a = "y: \(yes ? "one" : "two")" /* "q quits" */
            let b = #"raw "c" text"#
            let c = """
                line \(x)
                """
            let d = "tab\tquote\"end"
            """#
        let texts = SwiftLiterals.scan(source).map(\.text)
        #expect(texts.contains("y: \0"))
        #expect(texts.contains("one") && texts.contains("two"))
        #expect(texts.contains(#"raw "c" text"#))
        #expect(texts.contains { $0.contains("line \0\n") })
        #expect(texts.contains("tab\tquote\"end"))
        #expect(!texts.contains { $0.contains("press p") || $0.contains("q quits") })
        #expect(SwiftLiterals.scan(source).first { $0.text == "y: \0" }?.line == 2)
    }

    @Test("messages name the key the keymap binds: this context's own before the one bound everywhere")
    func keyNames() {
        #expect(Keymap.key(for: .togglePause, in: .table) == "p")
        #expect(Keymap.key(for: .refresh, in: .table) == "r")
        #expect(Keymap.key(for: .quit, in: .table) == "q")
        #expect(Keymap.keys(for: .quit, in: .table) == ["q", "Ctrl-C"])
        #expect(Keymap.key(for: .confirm, in: .confirm) == "y")
        #expect(Keymap.keys(for: .declineCancel, in: .confirm) == ["n", "Esc", "Enter"])
        #expect(Keymap.otherKeys(doing: .declineCancel, in: .confirm) == "any other key")
        #expect(Keymap.key(for: .toggleMark, in: .table) == "Space")
        #expect(Keymap.key(for: .clearSearch, in: .table) == "Esc")
        #expect(Keymap.key(for: .back, in: .details) == "Esc")
        #expect(Keymap.key(for: .openDetails, in: .table) == "Enter")
        #expect(Keymap.key(for: .down, in: .help) == "j")
        #expect(Keymap.key(for: .pageDown, in: .help) == "PgDn")
        #expect(Keymap.key(for: .redraw, in: .table) == "Ctrl-L")
        // Every action a message names is bound where the message names it.
        let named: [(KeyAction, KeyContext)] = [
            (.togglePause, .table), (.refresh, .table), (.quit, .table), (.confirm, .confirm),
            (.declineCancel, .confirm), (.toggleMark, .table), (.clearSearch, .table), (.back, .details),
            (.openDetails, .table), (.down, .help), (.up, .help), (.pageDown, .help), (.cancel, .table),
            (.cancel, .details), (.cycleFilter, .table), (.cycleSort, .table), (.toggleSupport, .table),
            (.toggleWatch, .table), (.toggleWatch, .details),
        ]
        for (action, context) in named {
            #expect(!Keymap.keys(for: action, in: context).isEmpty, "\(action) in \(context)")
        }
    }

    @Test("the dialog's legend reads the keymap and keeps its words")
    func legend() {
        #expect(
            ConfirmDialogView.legend("cancel it", "keep it running", boxWidth: 72).text
                == "y: cancel it    n, Esc, Enter or any other key: keep it running")
        #expect(
            ConfirmDialogView.legend("cancel it", "keep it running", boxWidth: 40).text
                == "y: cancel it   any other key: keep it running")
    }

    @Test("the hint that reads differently while paused says so in its binding")
    func dynamicHint() throws {
        let pause = try #require(Keymap.bindings.first { $0.keys.values.contains(.togglePause) }?.hint)
        #expect(pause.text(paused: false) == "pause" && pause.text(paused: true) == "resume")
        let others = Keymap.bindings.compactMap(\.hint).filter { $0 != pause }
        #expect(others.allSatisfy { $0.text(paused: true) == $0.text })
    }

    @Test("the engine's notices name no key: the dashboard adds the key from the keymap")
    func engineNamesNoKey() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var engine = PollingEngine(start: start)
        _ = engine.update(.pause(start))
        let output = engine.update(.refresh(start))
        let notice = output.notices.first { $0.kind == .stillPaused }
        #expect(notice?.text == "paused")
        #expect(notice?.shownText == "paused: press \(Keymap.key(for: .togglePause, in: .table)) to resume")
        let finder = HandTypedKeys()
        for notice in output.notices { #expect(finder.find(in: notice.text) == nil, "\(notice.text)") }
    }
}
