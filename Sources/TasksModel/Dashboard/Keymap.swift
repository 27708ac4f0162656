/// The dashboard's one keymap: key handling, the hint line, the help screen
/// and the README's key table all come from `bindings`, so they cannot disagree.
public enum Keymap {
    public static let bindings: [KeyBinding] = [
        // Everywhere.
        KeyBinding(
            Set(KeyContext.allCases), [.control("c"): .quit], label: "Ctrl-C", help: "quit"),
        KeyBinding(
            Set(KeyContext.allCases), [.control("l"): .redraw], label: "Ctrl-L", help: "redraw the screen"),
        // The table and the details pane.
        KeyBinding(
            [.table, .audit], [.character("k"): .up, .up: .up, .character("j"): .down, .down: .down],
            label: "Up/Down, j/k", help: "move the selection", hint: .init("↑↓", ascii: "j/k", "move")),
        KeyBinding(
            [.details, .help], [.character("k"): .up, .up: .up, .character("j"): .down, .down: .down],
            label: "Up/Down, j/k", help: "scroll", hint: .init("↑↓", ascii: "j/k", "scroll")),
        KeyBinding(
            [.table, .audit], [.pageUp: .pageUp, .pageDown: .pageDown], label: "PgUp/PgDn", help: "a page up / down"),
        KeyBinding(
            [.details, .help], [.pageUp: .pageUp, .pageDown: .pageDown, .character(" "): .pageDown],
            label: "PgUp/PgDn, Space", help: "a page up / down"),
        KeyBinding(
            [.table, .details, .help, .audit],
            [.home: .first, .character("g"): .first, .end: .last, .character("G"): .last],
            label: "g/G, Home/End", help: "first / last"),
        KeyBinding(
            [.table], [.enter: .openDetails], label: "Enter", help: "details of the selected job",
            hint: .init("⏎", ascii: "Enter", "details")),
        KeyBinding(
            [.audit], [.enter: .openAuditJob], label: "Enter", help: "open the job of the selected attempt",
            hint: .init("⏎", ascii: "Enter", "open job")),
        KeyBinding(
            [.details], [.escape: .back, .enter: .back, .backspace: .back], label: "Esc", help: "back to the table",
            hint: .init("back")),
        KeyBinding(
            [.audit], [.escape: .back, .backspace: .back], label: "Esc", help: "back to the table",
            hint: .init("back")),
        KeyBinding(
            [.table, .details], [.character("c"): .cancel], label: "c",
            help: "cancel the selected job (asks first; only y confirms)", hint: .init("cancel"),
            mutates: true),
        KeyBinding(
            [.table], [.character("?"): .showHelp], label: "?", help: "this help", hint: .init("help")),
        KeyBinding([.details], [.character("?"): .showHelp], label: "?", help: "this help", hint: .init("help")),
        // The help screen: any other key goes back.
        KeyBinding(
            [.help], [:], label: "any other key", help: "back", hint: .init("any key", "back"), otherKeys: .back),
        KeyBinding(
            [.table, .details, .help, .audit], [.character("q"): .quit], label: "q", help: "quit",
            hint: .init("quit")),
        KeyBinding(
            [.table], [.character("/"): .beginSearch], label: "/",
            help: "search id, type, title and step (Esc clears)", hint: .init("search")),
        KeyBinding(
            [.table], [.character(":"): .beginOpen], label: ":",
            help: "open a job by id, even one in no list; it stays, pinned (+)"),
        KeyBinding(
            [.table, .details], [.character("Y"): .copyID], label: "Y",
            help: "copy the id (OSC 52)", hint: .init("copy id", only: [.details])),
        KeyBinding(
            [.table], [.character("f"): .cycleFilter, .character("!"): .toggleSupport], label: "f, !",
            help: "filter: all, active, finished, failed, cancelled; ! attention", hint: .init("filter")),
        KeyBinding(
            [.table], [.character("s"): .cycleSort], label: "s",
            help: "sort: " + SortOrder.allCases.map(\.helpName).joined(separator: ", "),
            hint: .init("sort")),
        KeyBinding(
            [.table], [.character("p"): .togglePause], label: "p", help: "pause / resume polling",
            hint: .init("pause", whilePaused: "resume")),
        KeyBinding(
            [.table], [.character("r"): .refresh], label: "r", help: "refresh now (also retries after a 401)",
            hint: .init("refresh")),
        KeyBinding(
            [.table], [.character("t"): .cycleTimes], label: "t", help: "times: local, UTC, relative",
            hint: .init("times")),
        KeyBinding(
            [.table], [.character(" "): .toggleMark, .escape: .clearSearch], label: "Space, Esc",
            help: "mark; Esc clears all"),
        KeyBinding(
            [.table, .details], [.character("w"): .toggleWatch], label: "w",
            help: "watch: alert when done", hint: .init("watch", only: [.details])),
        KeyBinding(
            [.table], [.character("C"): .cancelView], label: "C",
            help: "cancel all active jobs in the view (asks for the count)", mutates: true),
        KeyBinding(
            [.table], [.character("a"): .showAudit], label: "a",
            help: "audit log: this server's cancel attempts, newest first"),
        // The cancel confirmation: any other key keeps the job running.
        KeyBinding(
            [.confirm], [.character("y"): .confirm, .character("Y"): .confirm], label: "y", help: "cancel the job",
            hint: .init("cancel the job")),
        // n, Esc and Enter are "any other key" too; the dialog names them, so they are written here.
        KeyBinding(
            [.confirm], [.character("n"): .declineCancel, .escape: .declineCancel, .enter: .declineCancel],
            label: "any other key", help: "keep it running",
            hint: .init("any other key", "keep it running"), otherKeys: .declineCancel),
        // The cancel of a whole view: what is typed is the answer; Enter checks it.
        KeyBinding(
            [.confirmView], [.enter: .submitCount], label: "Enter", help: "cancel them, if what was typed is the count",
            hint: .init("⏎", ascii: "Enter", "confirm")),
        KeyBinding(
            [.confirmView], [.escape: .declineCancel], label: "Esc", help: "keep them running",
            hint: .init("keep them running")),
        KeyBinding(
            [.confirmView], [:], label: "type", help: "the number of jobs (y for five or fewer)",
            hint: .init("type", "the count"), otherKeys: .typeCharacter),
        // Editing a search: printable characters are typed.
        KeyBinding(
            [.search], [.enter: .keepSearch], label: "Enter", help: "keep the search",
            hint: .init("⏎", ascii: "Enter", "keep")),
        KeyBinding(
            [.search], [.escape: .undoSearch], label: "Esc", help: "undo the search", hint: .init("undo")),
        KeyBinding(
            [.search, .openJob, .confirmView], [.backspace: .deleteCharacter], label: "Backspace",
            help: "delete a character"),
        KeyBinding(
            [.search], [:], label: "type", help: "search id, type, title and step",
            hint: .init("type", "to search id, type, title, step"), otherKeys: .typeCharacter),
        // Typing a job id to open: printable characters are typed (or pasted).
        KeyBinding(
            [.openJob], [:], label: "type", help: "the job's full id", hint: .init("type", "or paste a job id"),
            otherKeys: .typeCharacter),
        KeyBinding(
            [.openJob], [.enter: .submitOpen], label: "Enter", help: "open the job",
            hint: .init("⏎", ascii: "Enter", "open")),
        KeyBinding(
            [.openJob], [.escape: .cancelOpen], label: "Esc", help: "close the prompt", hint: .init("close")),
    ]

    /// The action `key` has in `context`: its own binding's, else the
    /// context's "any other key" action, else nil (the key does nothing).
    public static func action(for key: Key, in context: KeyContext) -> KeyAction? {
        let rows = bindings.filter { $0.contexts.contains(context) }
        for binding in rows {
            if let action = binding.keys[key] { return action }
        }
        return rows.lazy.compactMap(\.otherKeys).first
    }

    /// The keys that do `action` in `context`, as messages name them, the one to
    /// name first: this context's own rows before the rows bound everywhere
    /// (`q` before Ctrl-C), each row's keys in the order it writes them.
    public static func keys(for action: KeyAction, in context: KeyContext) -> [String] {
        let rows = bindings(in: context)
        let everywhere = rows.filter { $0.contexts.count == KeyContext.allCases.count }
        let own = rows.filter { $0.contexts.count != KeyContext.allCases.count }
        return (own + everywhere).flatMap { row in row.order.filter { row.keys[$0] == action }.map(\.name) }
    }

    /// The one key a message names for `action` in `context` ("press p to
    /// resume"): the first of `keys(for:in:)`. Every message names its key
    /// through this, so rebinding a key is one edit of `bindings`.
    public static func key(for action: KeyAction, in context: KeyContext) -> String {
        // Unbound (a test catches it): the action's own name rather than a wrong key.
        keys(for: action, in: context).first ?? action.rawValue
    }

    /// What the keymap calls the keys bound nowhere in `context` that do
    /// `action` ("any other key"), or nil when there are none.
    public static func otherKeys(doing action: KeyAction, in context: KeyContext) -> String? {
        bindings(in: context).first { $0.otherKeys == action }?.label
    }

    /// The rows that apply in `context`, in keymap order; without the ones that
    /// change the server when `readOnly`.
    public static func bindings(in context: KeyContext, readOnly: Bool = false) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) && !(readOnly && $0.mutates) }
    }
}

extension Key {
    /// The key as messages, the dialog and the help name it: "p", "Esc", "Enter", "Space", "Ctrl-C".
    public var name: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let letter): "Ctrl-" + letter.uppercased()
        }
    }
}
