import FoundationEssentials

/// The `hyperlinks` setting.
public enum HyperlinkMode: String, Sendable, Hashable, CaseIterable {
    /// Links where the terminal is known to show them (`HyperlinkSupport.enabled`).
    case auto
    case on
    case off
}

/// Whether to write URLs as OSC 8 links. A terminal cannot be asked whether
/// it shows them, and one that does not may print the bytes as garbage, so
/// `auto` turns them on only for terminals known to support them, by what they
/// put in the environment; inside tmux only when tmux says its client
/// terminal has the `hyperlinks` feature (tmux 3.4 and later forward links).
public enum HyperlinkSupport {
    /// `TERM_PROGRAM` values of terminals that show OSC 8 links.
    static let programs: Set<String> = ["iTerm.app", "WezTerm", "vscode", "ghostty"]
    /// `TERM` values (or their prefix before `-`) of terminals that show them.
    static let terms: Set<String> = ["xterm-kitty", "xterm-ghostty", "wezterm", "foot", "foot-extra", "alacritty"]

    /// On or off for `mode` in `environment`; `tmuxFeatures` is tmux's
    /// `#{client_termfeatures}` when running inside tmux (nil when unknown).
    public static func enabled(_ mode: HyperlinkMode, environment: [String: String], tmuxFeatures: String?) -> Bool {
        switch mode {
        case .on: return true
        case .off: return false
        case .auto: break
        }
        if insideTmux(environment) {
            // Only this session's tmux (TMUX set) is asked; GNU screen, or ssh
            // from inside tmux, would get another client's features: off.
            guard asksTmux(environment) else { return false }
            let features = (tmuxFeatures ?? "").split(separator: ",").map {
                $0.trimmingSpaces()
            }
            return features.contains("hyperlinks")
        }
        let term = environment["TERM"] ?? ""
        if let program = environment["TERM_PROGRAM"], programs.contains(program) { return true }
        if let vte = environment["VTE_VERSION"].flatMap(Int.init), vte >= 5000 { return true }  // VTE 0.50
        if !(environment["WT_SESSION"] ?? "").isEmpty { return true }  // Windows Terminal
        if !(environment["KITTY_WINDOW_ID"] ?? "").isEmpty { return true }
        return terms.contains(term) || terms.contains(String(term.prefix { $0 != "-" }))
    }

    /// Inside tmux: its own variable, or its terminal types (GNU screen's
    /// `screen` types too: neither forwards a link unless it says so).
    public static func insideTmux(_ environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return !(environment["TMUX"] ?? "").isEmpty || environment["TERM_PROGRAM"] == "tmux"
            || term.hasPrefix("tmux") || term.hasPrefix("screen")
    }

    /// Whether tmux may be asked for its client's features: only when `TMUX`
    /// is set (this process runs in that tmux server's pane).
    public static func asksTmux(_ environment: [String: String]) -> Bool {
        !(environment["TMUX"] ?? "").isEmpty
    }
}
