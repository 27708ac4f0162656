/// The `notify` setting: how the end of a watched job is told.
public enum NotifyMode: String, Sendable, Hashable, CaseIterable {
    /// The bell, and a desktop notification when the terminal is known to show one.
    case auto
    /// The bell and OSC 9 (iTerm2, kitty, WezTerm, ghostty), whatever the terminal.
    case osc9
    /// The bell and OSC 777 (foot, urxvt, VTE with the notify patch, WezTerm, ghostty), whatever the terminal.
    case osc777
    /// The bell only.
    case bell
    /// Nothing: the footer still says how the job ended.
    case off
}

/// How this terminal is told that a watched job ended: the bell, and a
/// desktop notification by OSC 9 or OSC 777 where the terminal shows one.
/// Chosen once from the `notify` setting and the environment; pure, so the
/// bytes are tested without a terminal.
public struct TerminalNotifier: Sendable, Hashable {
    /// The escape sequences of a desktop notification.
    public enum Desktop: String, Sendable, Hashable {
        /// `ESC ] 9 ; text BEL`.
        case osc9
        /// `ESC ] 777 ; notify ; title ; body BEL`.
        case osc777
    }

    /// Ring the bell (BEL).
    public var bell: Bool
    /// The desktop notification's sequence, if any.
    public var desktop: Desktop?
    /// Inside tmux: the desktop sequence is wrapped in tmux's passthrough
    /// (`ESC P tmux; … ESC \`), which tmux 3.3+ hands to the outer terminal
    /// with `set -g allow-passthrough on` and drops, harmlessly, without it.
    /// A bare OSC 9/777 would be swallowed by tmux. The bell goes bare: tmux
    /// passes it on by its `bell-action`.
    public var tmux: Bool

    public init(bell: Bool, desktop: Desktop? = nil, tmux: Bool = false) {
        self.bell = bell
        self.desktop = desktop
        self.tmux = tmux
    }

    /// Says nothing at all (`notify: off`).
    public static let silent = TerminalNotifier(bell: false)

    /// Whether anything is ever sent.
    public var isSilent: Bool { !bell && desktop == nil }

    /// The notifier for `mode` in this environment. `auto` sends a desktop
    /// notification only to terminals known to show one (by TERM,
    /// TERM_PROGRAM, LC_TERMINAL or the variables each terminal sets, which
    /// survive inside tmux): an OSC a terminal does not know may be printed as
    /// text (the Linux console does), so unknown terminals get the bell alone.
    /// Inside GNU screen (STY) only the bell: screen has no passthrough tmux-like enough to rely on.
    public static func choose(_ mode: NotifyMode, environment: [String: String]) -> TerminalNotifier {
        let tmux = !(environment["TMUX"] ?? "").isEmpty
        let screen = !(environment["STY"] ?? "").isEmpty && !tmux
        switch mode {
        case .off: return .silent
        case .bell: return TerminalNotifier(bell: true)
        case .osc9: return TerminalNotifier(bell: true, desktop: .osc9, tmux: tmux)
        case .osc777: return TerminalNotifier(bell: true, desktop: .osc777, tmux: tmux)
        case .auto:
            guard !screen, let desktop = knownDesktop(environment) else { return TerminalNotifier(bell: true) }
            return TerminalNotifier(bell: true, desktop: desktop, tmux: tmux)
        }
    }

    /// The desktop notification the terminal in `environment` is known to show, if any.
    static func knownDesktop(_ environment: [String: String]) -> Desktop? {
        func has(_ name: String) -> Bool { !(environment[name] ?? "").isEmpty }
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        // Both: one notification, with a title (OSC 777).
        if program == "WezTerm" || program == "ghostty" || has("WEZTERM_PANE") || has("GHOSTTY_RESOURCES_DIR")
            || term == "xterm-ghostty"
        {
            return .osc777
        }
        if program == "iTerm.app" || environment["LC_TERMINAL"] == "iTerm2" || has("ITERM_SESSION_ID") {
            return .osc9
        }
        if term == "xterm-kitty" || has("KITTY_WINDOW_ID") { return .osc9 }
        if term.hasPrefix("foot") || term.hasPrefix("rxvt-unicode") { return .osc777 }
        return nil
    }

    /// The most characters of a notification's title or body: a desktop
    /// notification is a line, and a server's 1 MB error message is not.
    public static let textLimit = 200

    /// The bytes to write for a notification: the bell, then the desktop
    /// sequence. The title and body are server text: sanitised (no ESC, BEL,
    /// C1 or other control can end the OSC early or start another), `;`
    /// in the title becomes `,` (OSC 777 separates fields with it).
    public func sequence(title: String, body: String, profile: TextProfile = .utf8) -> String {
        var bytes = bell ? "\u{07}" : ""
        guard let desktop else { return bytes }
        let title = Self.clean(title, profile: profile).replacingScalar(";", with: ",")
        let body = Self.clean(body, profile: profile)
        let osc: String
        switch desktop {
        case .osc9: osc = "\u{1B}]9;" + (title.isEmpty ? body : title + ": " + body) + "\u{07}"
        case .osc777: osc = "\u{1B}]777;notify;" + title + ";" + body + "\u{07}"
        }
        // tmux passthrough: every ESC inside is doubled.
        bytes += tmux ? "\u{1B}Ptmux;" + osc.replacingScalar("\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\" : osc
        return bytes
    }

    /// One line of safe text: sanitised for the terminal, cut to `textLimit` characters.
    static func clean(_ text: String, profile: TextProfile) -> String {
        let safe = TerminalText.sanitize(text, profile: profile, scalarLimit: 4 * textLimit)
        guard safe.count > textLimit else { return safe }
        return String(safe.prefix(textLimit - 1)) + (profile == .utf8 ? "…" : "~")
    }
}

/// One notification: what to write to the terminal, already encoded.
public struct TerminalNotification: Sendable, Hashable {
    public var title: String
    public var body: String
    /// The bytes for the terminal (`TerminalNotifier.sequence`).
    public var bytes: String

    public init(title: String, body: String, via notifier: TerminalNotifier, profile: TextProfile = .utf8) {
        self.title = title
        self.body = body
        bytes = notifier.sequence(title: title, body: body, profile: profile)
    }
}
