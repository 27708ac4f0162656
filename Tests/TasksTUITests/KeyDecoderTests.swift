import Testing

@testable import TasksModel
@testable import TasksTUI

/// `wget_wch`'s results as curses.h spells them, written out here rather
/// than taken from the decoder's own constants, so a wrong constant there
/// fails a test instead of agreeing with itself.
private enum Curses {
    static let err: Int32 = -1
    static let ok: Int32 = 0
    static let keyCodeYes: Int32 = 0o400

    static let down: UInt32 = 0o402
    static let up: UInt32 = 0o403
    static let left: UInt32 = 0o404
    static let home: UInt32 = 0o406
    static let backspace: UInt32 = 0o407
    static let f1: UInt32 = 0o411
    static let deleteCharacter: UInt32 = 0o512
    static let pageDown: UInt32 = 0o522
    static let pageUp: UInt32 = 0o523
    static let enter: UInt32 = 0o527
    static let backTab: UInt32 = 0o541
    static let end: UInt32 = 0o550
    static let mouse: UInt32 = 0o631
    static let resize: UInt32 = 0o632
}

private func character(_ code: UInt32) -> Terminal.Input {
    KeyDecoder.decode(result: Curses.ok, code: code)
}

private func functionKey(_ code: UInt32) -> Terminal.Input {
    KeyDecoder.decode(result: Curses.keyCodeYes, code: code)
}

@Suite struct KeyDecoderTests {
    @Test func nothingWaitingIsNoInput() {
        #expect(KeyDecoder.decode(result: Curses.err, code: 0) == .none)
        // ERR wins whatever the character slot holds.
        #expect(KeyDecoder.decode(result: Curses.err, code: 97) == .none)
    }

    @Test(arguments: [
        (Curses.up, Key.up), (Curses.down, .down), (Curses.pageUp, .pageUp), (Curses.pageDown, .pageDown),
        (Curses.home, .home), (Curses.end, .end), (Curses.enter, .enter), (Curses.backspace, .backspace),
    ])
    func namedFunctionKeys(code: UInt32, key: Key) {
        #expect(functionKey(code) == .key(key))
    }

    @Test func resizeIsNotAKey() {
        #expect(functionKey(Curses.resize) == .resize)
    }

    @Test(arguments: [Curses.left, Curses.f1, Curses.deleteCharacter, Curses.backTab, Curses.mouse, 0o777])
    func unknownFunctionKeysAreIgnored(code: UInt32) {
        #expect(functionKey(code) == .none)
    }

    /// The same number is a key code only when curses says so: 0o403 as a
    /// character is U+0103 "ă", not the up arrow.
    @Test func aKeyCodeValueReadAsCharacterIsThatCharacter() {
        #expect(character(Curses.up) == .key(.character("ă")))
        #expect(character(Curses.resize) == .key(.character("\u{19A}")))
    }

    @Test(arguments: [10, 13] as [UInt32])
    func enterFromLineFeedOrReturn(code: UInt32) {
        #expect(character(code) == .key(.enter))
    }

    @Test(arguments: [8, 127] as [UInt32])
    func backspaceFromCtrlHOrDelete(code: UInt32) {
        #expect(character(code) == .key(.backspace))
    }

    @Test func escape() {
        #expect(character(27) == .key(.escape))
    }

    /// Tab has no binding; it must not read as Ctrl-I either.
    @Test func tabDecodesToNothing() {
        #expect(character(9) == .none)
    }

    @Test(
        arguments: [
            (1, "a"), (3, "c"), (4, "d"), (7, "g"), (11, "k"), (12, "l"), (21, "u"), (26, "z"),
        ] as [(UInt32, Character)])
    func controlLetters(code: UInt32, letter: Character) {
        #expect(character(code) == .key(.control(letter)))
    }

    @Test(arguments: [0, 28, 29, 30, 31] as [UInt32])
    func otherC0ControlsAreIgnored(code: UInt32) {
        #expect(character(code) == .none)
    }

    @Test(arguments: [" ", "a", "Z", "0", "/", "?", "~"] as [Character])
    func printableASCII(typed: Character) {
        #expect(character(typed.unicodeScalars.first!.value) == .key(.character(typed)))
    }

    @Test(arguments: ["é", "ß", "\u{A0}", "界", "한", "😀"] as [Character])
    func printableBeyondASCII(typed: Character) {
        #expect(character(typed.unicodeScalars.first!.value) == .key(.character(typed)))
    }

    /// C1 controls (CSI is 0x9B) would be acted on by the terminal if echoed
    /// into a search; they are never typed text.
    @Test(arguments: [0x80, 0x85, 0x8D, 0x9B, 0x9F] as [UInt32])
    func c1ControlsAreIgnored(code: UInt32) {
        #expect(character(code) == .none)
    }

    @Test(arguments: [0xD800, 0xDFFF, 0x11_0000, UInt32.max] as [UInt32])
    func valuesThatAreNotScalarsAreIgnored(code: UInt32) {
        #expect(character(code) == .none)
    }
}

/// Every key the keymap binds must be one a terminal can send: a binding to a
/// key the decoder never produces (Tab, say) would be listed in the help and
/// the README yet do nothing.
@Suite struct KeymapReachabilityTests {
    /// Everything the decoder yields for the key codes curses defines and for
    /// the first 256 characters.
    private static let decodable: Set<Key> = {
        var keys = Set<Key>()
        for code in UInt32(0o400)...UInt32(0o777) {
            if case .key(let key) = functionKey(code) { keys.insert(key) }
        }
        for code in UInt32(0)...UInt32(255) {
            if case .key(let key) = character(code) { keys.insert(key) }
        }
        return keys
    }()

    private static func canBeTyped(_ key: Key) -> Bool {
        if case .character(let typed) = key, typed.unicodeScalars.count == 1 {
            return character(typed.unicodeScalars.first!.value) == .key(key)
        }
        return decodable.contains(key)
    }

    @Test func everyBoundKeyCanBeTyped() {
        let bound = Keymap.bindings.flatMap { $0.keys.keys }
        #expect(!bound.isEmpty)
        for key in bound {
            #expect(Self.canBeTyped(key), "the keymap binds \(key), which no terminal key decodes to")
        }
    }
}

@Suite("KeyDecoder: mouse events")
struct MouseDecoderTests {
    /// getmouse's button states as curses.h (mouse version 2) defines them, written out.
    static let button1Released: UInt32 = 0o1
    static let button1Pressed: UInt32 = 0o2
    static let button2Pressed: UInt32 = 0o2 << 5
    static let button4Pressed: UInt32 = 0o2 << 15
    static let button5Pressed: UInt32 = 0o2 << 20
    static let shift: UInt32 = 0o2 << 25

    @Test("a left press, the wheel up and down; a release, another button or a cell off the screen is nothing")
    func decode() {
        #expect(
            KeyDecoder.mouse(state: Self.button1Pressed, row: 5, column: 7)
                == .mouse(MouseEvent(row: 5, column: 7, kind: .press)))
        #expect(
            KeyDecoder.mouse(state: Self.button4Pressed, row: 0, column: 0)
                == .mouse(MouseEvent(row: 0, column: 0, kind: .wheelUp)))
        #expect(
            KeyDecoder.mouse(state: Self.button5Pressed, row: 300, column: 900)
                == .mouse(MouseEvent(row: 300, column: 900, kind: .wheelDown)))
        // With Shift held (a terminal that passes it on), still a press.
        #expect(
            KeyDecoder.mouse(state: Self.button1Pressed | Self.shift, row: 1, column: 1)
                == .mouse(MouseEvent(row: 1, column: 1, kind: .press)))
        #expect(KeyDecoder.mouse(state: Self.button1Released, row: 1, column: 1) == .none)
        #expect(KeyDecoder.mouse(state: Self.button2Pressed, row: 1, column: 1) == .none)
        #expect(KeyDecoder.mouse(state: 0, row: 1, column: 1) == .none)
        #expect(KeyDecoder.mouse(state: Self.button1Pressed, row: -1, column: 3) == .none)
        #expect(KeyDecoder.mouse(state: Self.button1Pressed, row: 3, column: -1) == .none)
    }
}
