/// One row of the keymap: the keys, what each does, and how the help screen,
/// the hint line and the README describe them. A row may bind several keys
/// to different actions (Up/Down) when people read them as one entry.
public struct KeyBinding: Sendable {
    /// The contexts this row works in.
    public var contexts: Set<KeyContext>
    /// Each key and its action.
    public var keys: [Key: KeyAction]
    /// The keys in the order the row writes them: a message names the first
    /// that does what it says (`Keymap.key(for:in:)`).
    public var order: [Key]
    /// The keys as the help screen and the README write them: "Up/Down, j/k".
    public var label: String
    /// What the keys do, for the help screen and the README.
    public var help: String
    /// The hint line's entry (key, words; an ASCII key for non-UTF-8
    /// terminals), or nil to leave it off that line. Hints are listed in
    /// keymap order and dropped from the end when the line is full.
    public var hint: Hint?
    /// Changes something on the server: hidden and refused in read-only mode.
    public var mutates: Bool
    /// What every key bound nowhere in these contexts does ("any other key"),
    /// or nil when such keys do nothing.
    public var otherKeys: KeyAction?

    public struct Hint: Sendable, Hashable {
        /// The key as the hint line shows it when it is a symbol ("↑↓", "⏎") or
        /// words ("any key"); nil: the row's first key, by its name (`KeyBinding.hintKey`).
        public var key: String?
        public var asciiKey: String?
        public var text: String
        /// The words while polling is paused, when they differ ("resume" for `p`).
        public var whilePaused: String?
        /// The contexts whose hint line shows it; nil: every context the row works in.
        public var only: Set<KeyContext>?

        /// A hint that shows the key as a symbol or in words.
        public init(_ key: String, ascii: String? = nil, _ text: String, whilePaused: String? = nil) {
            self.key = key
            self.asciiKey = ascii ?? key
            self.text = text
            self.whilePaused = whilePaused
        }

        /// A hint that names the row's first key (`c cancel`): rebinding the key changes the hint.
        public init(_ text: String, whilePaused: String? = nil, only: Set<KeyContext>? = nil) {
            self.text = text
            self.whilePaused = whilePaused
            self.only = only
        }

        /// The words the hint line shows now.
        public func text(paused: Bool) -> String { paused ? whilePaused ?? text : text }
    }

    /// The key the hint line names: the hint's symbol, else the row's first key.
    public func hintKey(ascii: Bool) -> String? {
        guard let hint else { return nil }
        return (ascii ? hint.asciiKey : hint.key) ?? order.first?.name
    }

    /// `keys` is written as a dictionary literal; its order is kept (`order`).
    public init(
        _ contexts: Set<KeyContext>, _ keys: KeyValuePairs<Key, KeyAction>, label: String, help: String,
        hint: Hint? = nil, mutates: Bool = false, otherKeys: KeyAction? = nil
    ) {
        self.contexts = contexts
        self.keys = Dictionary(keys.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        self.order = keys.map(\.key)
        self.label = label
        self.help = help
        self.hint = hint
        self.mutates = mutates
        self.otherKeys = otherKeys
    }
}
