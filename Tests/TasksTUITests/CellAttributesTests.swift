import Testing

@testable import TasksModel
@testable import TasksTUI

/// The painter's attribute mapping of the selection bar (issue #16, point 1):
/// every style on the bar gets the same background, whatever its colour, and
/// no style off the bar does.
@Suite struct CellAttributesTests {
    /// Every style the view can produce: no colour or each colour, with each attribute, on the bar or not.
    static let styles: [Style] = [nil, Style.Color.red, .green, .yellow, .blue, .magenta, .cyan].flatMap { color in
        [(false, false), (true, false), (false, true)].flatMap { bold, dim in
            [false, true].map { selected in Style(color: color, bold: bold, dim: dim, selected: selected) }
        }
    }

    @Test(arguments: [CellAttributes.Palette.eight, .sixteen, .many])
    func oneBackgroundForTheWholeBar(palette: CellAttributes.Palette) throws {
        let pairs = CellAttributes.pairs(for: palette)
        #expect(Set(pairs.map(\.number)).count == pairs.count)
        #expect(!pairs.contains { $0.number == 0 })
        let background = palette == .many ? CellAttributes.barGrey : CellAttributes.blue
        for style in Self.styles {
            let cell = CellAttributes(style, palette: palette)
            #expect(!cell.reverse, "\(style)")
            let pair =
                cell.pair == 0
                ? CellAttributes.Pair(number: 0, foreground: -1, background: -1)
                : try #require(pairs.first { $0.number == cell.pair })
            if style.selected {
                #expect(pair.background == background, "\(style) leaves the bar")
                // The text keeps its colour on the bar: the same hue as off it (bright where there are 16 colours).
                let expected = style.color.map(CellAttributes.ansi) ?? CellAttributes.white
                #expect(pair.foreground % 8 == expected % 8, "\(style)")
            } else {
                #expect(pair.background == -1, "\(style) has a background")
                #expect(pair.foreground == style.color.map(CellAttributes.ansi) ?? -1)
            }
            #expect(cell.bold == style.bold && cell.dim == style.dim)
        }
    }

    @Test func withoutColoursTheBarIsReverseVideoInEveryCell() {
        #expect(CellAttributes.pairs(for: .none).isEmpty)
        for style in Self.styles {
            let cell = CellAttributes(style, palette: .none)
            #expect(cell.pair == 0)
            #expect(cell.reverse == style.selected, "\(style)")
        }
        // Explicit reverse (a badge) stays reverse off the bar.
        #expect(CellAttributes(Style(reverse: true), palette: .many).reverse)
    }

    @Test func paletteFromTheTerminal() {
        #expect(CellAttributes.Palette(colors: 256, pairs: 65_536) == .many)
        #expect(CellAttributes.Palette(colors: 16, pairs: 256) == .sixteen)
        #expect(CellAttributes.Palette(colors: 8, pairs: 64) == .eight)
        #expect(CellAttributes.Palette(colors: 0, pairs: 0) == .none)
        // Too few pairs for the bar's own: attributes only, so the bar is still uniform (reverse).
        #expect(CellAttributes.Palette(colors: 8, pairs: 8) == .none)
    }
}
