import FoundationEssentials

/// A connection that is failing: what it is doing and why, for the header.
struct ConnectionProblem {
    var symbol: String
    /// What the client is doing about it, longest first: `retrying since 03:41:58 (next in 1s)`, … `retrying`.
    var status: [String]
    /// Why, in the engine's words: `cannot reach server: connection refused`, the 401's hint.
    var reason: String
    /// The reason alone says what happened (a 401): beside the symbol it needs no status.
    var reasonSaysAll: Bool
    var style: Style
}

extension HeaderView {
    /// The connection's trouble, if it has one with a reason.
    func connectionProblem() -> ConnectionProblem? {
        let style = Style(color: .red, bold: true)
        switch state.engine.connection {
        case .connecting, .connected, .paused: return nil
        case .unauthorized(let reason):
            return ConnectionProblem(
                symbol: utf8 ? "✗" : "X", status: ["polling stopped"], reason: reason, reasonSaysAll: true, style: style
            )
        case .retrying(let since, let next, let reason):
            let wait = Int(max(0, next.timeIntervalSince(state.now)).rounded(.up))
            let sinceText = TimeText.clock(since, mode: state.timeMode, zone: state.options.timeZone, now: state.now)
            return ConnectionProblem(
                symbol: utf8 ? "↻" : "!",
                status: ["retrying since \(sinceText) (next in \(wait)s)", "retrying (next in \(wait)s)", "retrying"],
                reason: reason, reasonSaysAll: false, style: style)
        }
    }

    /// The connection's state. With a problem: its status and reason on this line
    /// (`reasonInline`), or its status alone (and `head`, the reason's first words)
    /// while the reason has the second line.
    func connectionSegment(_ problem: ConnectionProblem?, reasonInline: Bool, head: String?) -> HeaderSegment {
        guard let problem else {
            switch state.engine.connection {
            case .paused:
                let resumes = Keymap.key(for: .togglePause, in: .table) + " resumes"
                let symbol = utf8 ? "‖" : "="
                return .init(
                    "connection", .human, separator: .gap, style: Style(color: .yellow, bold: true),
                    ["\(symbol) paused (\(resumes))", "\(symbol) paused"])
            case .connecting:
                return .init(
                    "connection", .counts, separator: .gap, style: Style(color: .yellow),
                    [(utf8 ? "…" : "~") + " connecting"])
            default:
                return .init(
                    "connection", .counts, separator: .gap, style: Style(color: .green),
                    [(utf8 ? "●" : "*") + " connected"])
            }
        }
        let texts: [String]
        if reasonInline {
            texts = [problem.reasonSaysAll ? problem.reason : "\(problem.status[0]): \(problem.reason)"]
        } else {
            // With the reason's head, its shortest form is the head alone: "✗ unauthorized (401)".
            texts = head.map { head in problem.status.map { "\($0): \(head)" } + [head] } ?? problem.status
        }
        return .init(
            "connection", .human, separator: .gap, style: problem.style, texts.map { problem.symbol + " " + $0 })
    }
}
