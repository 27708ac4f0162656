import FoundationEssentials

/// The words a failed parse or a bad setting prints: one short message and
/// where to read more, never the whole usage text (which runs to hundreds of
/// characters for the root command).
enum ShortError {
    /// `full` is swift-argument-parser's full message ("Error: …", "Help: …",
    /// "Usage: …" and its "See '… --help'" line); `arguments` the command line
    /// without the program name; `commands` the subcommand names.
    static func text(full: String, arguments: [String], commands: [String]) -> String {
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var message = lines.first ?? ""
        if message.hasPrefix("Error: ") { message = String(message.dropFirst("Error: ".count)) }
        // Six values or more come as a bullet list on the lines below: kept, on the one line.
        let listed = " one of the following:"
        if message.hasSuffix(listed) {
            let values = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
            if !values.isEmpty {
                message =
                    String(message.dropLast(listed.count)) + " one of "
                    + values.map { "'\($0)'" }
                    .joined(separator: ", ") + "."
            }
        }
        // Only the first argument can be a command: "tasks-tui lsit", not "tasks-tui list lsit".
        if let word = unexpectedWords(message).first, arguments.first == word {
            let guess = closest(to: word, in: commands)
            return "tasks-tui: unknown command '\(word)'"
                + (guess.map { "; did you mean '\($0)'?" } ?? ".") + " See tasks-tui --help"
        }
        // "tasks-tui --read-only list", "tasks-tui --profile prod cancel a b": the command came
        // after options, with any number of words after it (the parser, reading the line as the
        // dashboard's, calls them unexpected, or one of the command's options unknown). The same
        // line, the command first.
        if let word = misplacedCommand(message, arguments: arguments, commands: commands),
            let index = arguments.firstIndex(of: word)
        {
            let reordered = [word] + arguments[..<index] + arguments[(index + 1)...]
            return "tasks-tui: the command comes first, then its options: tasks-tui "
                + reordered.map(quoted).joined(separator: " ") + ". See tasks-tui \(word) --help"
        }
        let help = lines.first { $0.hasPrefix("Help: ") }.map {
            "\n" + $0.replacing("Help:  ", with: "  ")
        }
        let see = lines.first { $0.contains("See '") }.map { "\n" + $0.trimmingLeadingSpaces() }
        return "tasks-tui: " + message + (help ?? "") + (see ?? "")
    }

    /// The words of "Unexpected argument 'X'" or "3 unexpected arguments: 'X', 'Y', 'Z'"
    /// (swift-argument-parser's two forms), in order; empty for any other message.
    static func unexpectedWords(_ message: String) -> [String] {
        let single = "Unexpected argument '"
        if message.hasPrefix(single), message.hasSuffix("'") {
            return [String(message.dropFirst(single.count).dropLast())]
        }
        let count = message.prefix(while: { $0.isASCII && $0.isNumber })
        let lead = " unexpected arguments: '"
        let rest = message.dropFirst(count.count)
        guard !count.isEmpty, rest.hasPrefix(lead), rest.count > lead.count, message.hasSuffix("'") else { return [] }
        return rest.dropFirst(lead.count).dropLast()
            .split(separator: "', '", omittingEmptySubsequences: false).map(String.init)
    }

    /// The command named after options, if the parse failed on it or on what followed it.
    private static func misplacedCommand(_ message: String, arguments: [String], commands: [String]) -> String? {
        if let word = unexpectedWords(message).first, commands.contains(word) { return word }
        guard message.hasPrefix("Unknown option '"), arguments.first?.hasPrefix("-") == true else { return nil }
        return arguments.first { commands.contains($0) }
    }

    /// An argument as a shell reads it back: bare when it is plain, else in single quotes.
    private static func quoted(_ argument: String) -> String {
        let plain =
            !argument.isEmpty
            && argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@+,%".contains($0)) }
        return plain ? argument : "'" + argument.replacingScalar("'", with: #"'\''"#) + "'"
    }

    /// The command within two edits of `word`, the nearest first.
    static func closest(to word: String, in commands: [String]) -> String? {
        commands.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    /// Edit distance, a swap of two neighbours counting as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
