import TasksModel

/// What a `Style` becomes on the terminal: curses attributes and a colour
/// pair. Pure, so the mapping is tested without a terminal.
///
/// The selection bar (`Style.selected`) is one background across the whole
/// row with the text keeping its colour on it: dark grey with bright text on
/// 256-colour terminals, blue with white text on 8 or 16 colours, and
/// reverse video where there are no colours (`--no-color`, `NO_COLOR`, a
/// monochrome terminal), where every cell of the row is reversed alike.
struct CellAttributes: Equatable {
    var bold = false
    var dim = false
    var reverse = false
    var underline = false
    /// The curses colour pair (0: the terminal's own colours).
    var pair: Int16 = 0

    /// The colours the terminal offers.
    enum Palette: Equatable {
        /// No colours: attributes only.
        case none
        /// The 8 ANSI colours.
        case eight
        /// The 16 ANSI colours (the bright ones too).
        case sixteen
        /// 256 colours or more.
        case many

        init(colors: Int, pairs: Int) {
            // The bar needs its own pairs after the six text colours.
            guard pairs > Int(CellAttributes.barPair) + Style.Color.allCases.count else {
                self = .none
                return
            }
            switch colors {
            case 256...: self = .many
            case 16...: self = .sixteen
            case 8...: self = .eight
            default: self = .none
            }
        }
    }

    /// A colour pair to set up: its number, foreground and background (-1: the terminal's default).
    struct Pair: Equatable {
        var number: Int16
        var foreground: Int16
        var background: Int16
    }

    /// The pair of plain text on the bar; the six colours on the bar follow it.
    static let barPair: Int16 = 7
    /// The curses numbers of the ANSI colours.
    static let white: Int16 = 7
    static let blue: Int16 = 4
    /// Grey 238 (#444444) of the 256-colour cube: a bar that shows on dark and light backgrounds alike.
    static let barGrey: Int16 = 238

    /// The pairs `palette` needs: each colour on the default background, then plain text and each colour on the bar.
    static func pairs(for palette: Palette) -> [Pair] {
        guard palette != .none else { return [] }
        let bright: Int16 = palette == .eight ? 0 : 8
        let background = palette == .many ? barGrey : blue
        var pairs = Style.Color.allCases.map { Pair(number: Int16($0.rawValue), foreground: ansi($0), background: -1) }
        pairs.append(Pair(number: barPair, foreground: white + bright, background: background))
        pairs += Style.Color.allCases.map {
            Pair(number: barPair + Int16($0.rawValue), foreground: ansi($0) + bright, background: background)
        }
        return pairs
    }

    init(_ style: Style, palette: Palette) {
        bold = style.bold
        dim = style.dim
        underline = style.underline
        reverse = style.reverse
        if palette == .none {
            if style.selected { reverse = true }
            return
        }
        let color = Int16(style.color?.rawValue ?? 0)
        pair = style.selected ? Self.barPair + color : color
    }

    /// The ANSI colour number curses uses for `color` (COLOR_RED is 1, ... COLOR_CYAN is 6).
    static func ansi(_ color: Style.Color) -> Int16 {
        switch color {
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        }
    }
}
