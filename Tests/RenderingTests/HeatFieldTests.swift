import Testing
@testable import Rendering

@Suite struct HeatFieldTests {
    /// Each cell gathering from every neighbour within the radius: the definition of the field.
    static func gathered(sum: [Double], count: [Double], w: Int, h: Int, cellWidth: Double, cellHeight: Double, rad: Int)
        -> (weights: [Double], sums: [Double]) {
        var ws = [Double](repeating: 0, count: w * h), vs = ws
        let rx = Int(Double(rad) / cellWidth), ry = Int(Double(rad) / cellHeight)
        for cy in 0..<h {
            for cx in 0..<w {
                for dy in -ry...ry {
                    for dx in -rx...rx {
                        let x = cx + dx, y = cy + dy
                        guard x >= 0, x < w, y >= 0, y < h, count[y * w + x] > 0 else { continue }
                        let ddx = Double(dx) * cellWidth, ddy = Double(dy) * cellHeight
                        let d = (ddx * ddx + ddy * ddy).squareRoot()
                        guard d <= Double(rad) + 0.5 else { continue }
                        ws[cy * w + cx] += 1 / (1 + d) * count[y * w + x]
                        vs[cy * w + cx] += 1 / (1 + d) * sum[y * w + x]
                    }
                }
            }
        }
        return (ws, vs)
    }

    @Test func spreadingFromSourcesEqualsGatheringFromNeighboursBitForBit() {
        var rng = PlotSummaryTests.Rng(state: 41)
        for round in 0..<40 {
            let w = Int.random(in: 1...60, using: &rng), h = Int.random(in: 1...25, using: &rng)
            var sum = [Double](repeating: 0, count: w * h), count = sum
            // From a lone station to data in most cells.
            let sources = round % 4 == 0 ? w * h * 3 / 4 : Int.random(in: 0...12, using: &rng)
            for _ in 0..<sources {
                let i = Int.random(in: 0..<w * h, using: &rng)
                count[i] += Double(Int.random(in: 1...500, using: &rng))
                sum[i] += Double.random(in: -20...400, using: &rng)
            }
            let (cw, ch) = round % 2 == 0 ? (0.5, 1.0) : (1.0, 1.0)
            let rad = Int.random(in: 0...8, using: &rng)
            let fast = HeatField.spread(sum: sum, count: count, columns: w, rows: h, cellWidth: cw, cellHeight: ch, radius: rad)
            let slow = Self.gathered(sum: sum, count: count, w: w, h: h, cellWidth: cw, cellHeight: ch, rad: rad)
            #expect(fast.weights == slow.weights && fast.sums == slow.sums, "\(w)×\(h), radius \(rad), \(sources) sources")
        }
    }
}
