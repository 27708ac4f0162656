/// The bottom line: the keys that work here, from the keymap, in keymap
/// order, dropped from the end when the line is full.
struct HintLineView: DashboardComponent {
    var state: DashboardState

    func rows(in region: DashboardLayout.Region) -> [FrameRow] {
        var builder = RowBuilder(width: region.width, profile: state.options.profile)
        for (key, text) in Self.hints(state) {
            // The key, a space, the words and two spaces before the next hint.
            guard builder.remaining > key.count + text.count + 2 else { break }
            builder.addTrusted(key, style: Style(reverse: true))
            builder.addTrusted(" \(text)  ")
        }
        return fitted([builder.row], to: region)
    }

    /// (key, words) for each binding with a hint in the current context; the
    /// ASCII key on ASCII terminals, and the hint's words for the moment
    /// (a hint that reads differently while paused says so itself).
    static func hints(_ state: DashboardState) -> [(key: String, text: String)] {
        let ascii = state.options.profile != .utf8
        let context = state.keyContext
        return Keymap.bindings(in: context, readOnly: state.options.readOnly).compactMap { binding in
            guard let hint = binding.hint, hint.only?.contains(context) ?? true,
                let key = binding.hintKey(ascii: ascii)
            else { return nil }
            return (key, hint.text(paused: state.engine.paused))
        }
    }
}
