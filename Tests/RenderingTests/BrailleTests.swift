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

    /// Bresenham's line dot by dot: what `line` must set, whatever runs it groups the dots in.
    static func dotByDot(_ c: inout BrailleCanvas, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            c.set(x, y, role: .text)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    static func text(_ c: BrailleCanvas) -> String {
        var g = CellGrid(width: c.columns, height: c.rows)
        c.draw(into: &g, x: 0, y: 0, unicode: true)
        return g.text
    }

    @Test func linesSetTheSameDotsAsBresenhamDotByDot() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // Ends inside, on the edge and far outside the canvas, steep and shallow, both ways.
            let r = { Int.random(in: -30...50, using: &rng) }
            let (x0, y0, x1, y1) = (r(), r(), r(), r())
            var runs = BrailleCanvas(columns: 10, rows: 6), dots = BrailleCanvas(columns: 10, rows: 6)
            runs.line(x0, y0, x1, y1, role: .text)
            Self.dotByDot(&dots, x0, y0, x1, y1)
            #expect(Self.text(runs) == Self.text(dots), "line (\(x0), \(y0)) → (\(x1), \(y1))")
        }
    }

    @Test func verticalRunsSetTheSameDotsAsSingleDots() {
        for x in [-1, 0, 1, 5, 19, 20] {
            for y0 in -2...25 {
                for y1 in [-3, 0, 3, 4, 7, 11, 23, 24, 30] {
                    var run = BrailleCanvas(columns: 10, rows: 6), dots = BrailleCanvas(columns: 10, rows: 6)
                    run.vertical(x, from: y0, to: y1, role: .text)
                    for y in min(y0, y1)...max(y0, y1) { dots.set(x, y, role: .text) }
                    #expect(Self.text(run) == Self.text(dots), "x \(x), \(y0)…\(y1)")
                }
            }
        }
    }
}
