import Testing
@testable import Rendering

@Suite struct BrailleTests {
    @Test func dotsMapToBrailleBits() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        c.set(0, 0, role: .text)   // dot 1
        c.set(1, 3, role: .text)   // dot 8
        c.set(2, 1, role: .text)   // second cell, dot 2
        var g = CellGrid(width: 2, height: 1)
        c.draw(into: &g, x: 0, y: 0, unicode: true)
        #expect(g[0, 0].text == "\u{2881}")
        #expect(g[1, 0].text == "\u{2802}")
    }

    @Test func lineConnectsEndpoints() {
        var c = BrailleCanvas(columns: 4, rows: 2)
        c.line(0, 7, 7, 0, role: .text)
        var g = CellGrid(width: 4, height: 2)
        c.draw(into: &g, x: 0, y: 0, unicode: true)
        #expect(g.text == "  ⡠⠊\n⡠⠊")
    }

    @Test func asciiFallbackUsesDots() {
        var c = BrailleCanvas(columns: 1, rows: 1)
        c.set(0, 3, role: .text)
        var g = CellGrid(width: 1, height: 1)
        c.draw(into: &g, x: 0, y: 0, unicode: false)
        #expect(g.text == ".")
    }
}
