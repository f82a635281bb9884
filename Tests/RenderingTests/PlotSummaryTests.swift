import DataCore
import Testing
import ViewCore
@testable import Rendering

/// The plot and dashboard drawn from the value summaries must be the plot and dashboard drawn
/// from raw points, cell for cell (same characters, same colours).
@Suite struct PlotSummaryTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Three series of random walks with spikes, uneven steps, repeated times and gaps.
    static func randomStore(_ rng: inout Rng, points: Int) -> MeasurementStore {
        var store = MeasurementStore(sourceName: "random.csv")
        for (k, name) in ["A · PM10", "B · PM10", "C · NO2"].enumerated() {
            let i = store.seriesIndex(for: SeriesInfo(id: name, name: name, phenomenon: k < 2 ? "PM10" : "NO2", station: nil, unit: "µg/m³"))
            var t: Int64 = 1_790_000_000_000 + Int64(k) * 7_000, v = 40.0 + Double(k) * 5
            for _ in 0..<points {
                let r = Int.random(in: 0..<1000, using: &rng)
                t += r < 20 ? 0 : r < 22 ? Int64.random(in: 1...30_000_000, using: &rng) : Int64.random(in: 1_000...20_000, using: &rng)
                v += Double(Int.random(in: -200...200, using: &rng)) / 100
                let spike = r > 995 ? Double(Int.random(in: -60...60, using: &rng)) : 0
                store.append(series: i, time: t, value: v + spike)
            }
        }
        store.finish()
        return store
    }

    @Test func summaryDrawnScreensEqualRawDrawnScreens() {
        var rng = Rng(state: 17)
        let store = Self.randomStore(&rng, points: 30_000)
        var raw = store
        raw.dropSummaries()
        #expect(store.columns.allSatisfy { $0.summary.covered > 0 })
        #expect(raw.columns.allSatisfy { $0.summary.covered == 0 })
        let full = store.timeRange!
        var cases = 0, summarised = 0
        for (width, height) in [(60, 20), (97, 31), (160, 45), (241, 62)] {
            for style in PlotSettings.Style.allCases {
                for z in 0..<10 {
                    var s = fixtureState(store, width: width, height: height)
                    s.settings.series.selected = store.series.map(\.id)
                    s.settings.plot.style = style
                    s.settings.dashboard = DashboardPanel.Kind.allCases.map { DashboardPanel(kind: $0) }
                    s.settings.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: 55, label: "limit"),
                                             Threshold(id: 2, scope: .series("C · NO2"), value: 38, above: false, label: "low", color: "cyan")]
                    if z > 0 {
                        // Zooms from the whole range down to a few minutes, at random places.
                        let span = max(60_000, (full.upperBound - full.lowerBound) >> Int64.random(in: 0...14, using: &rng))
                        s.settings.plot.span = span
                        s.settings.plot.end = Int64.random(in: full.lowerBound...full.upperBound, using: &rng)
                    }
                    if z % 4 == 3 { s.settings.series.filter.valueMin = 35; s.settings.series.filter.valueMax = 60 }
                    if z % 5 == 4 {
                        s.settings.plot.bucket = [.minute, .hour, .day][z % 3]
                        s.settings.plot.reduce = [.mean, .min, .max][(z / 3) % 3]
                    }
                    if z == 7 { s.settings.plot.yMin = 42; s.settings.plot.yMax = 47 }
                    let a = ViewRenderer.render(s, store), b = ViewRenderer.render(s, raw)
                    // Compared as a Bool, so that a failure names the first differing row, not two whole grids.
                    let same = a == b
                    let rowA = a.text.split(separator: "\n"), rowB = b.text.split(separator: "\n")
                    let firstDiff = rowA.indices.first { $0 >= rowB.count || rowA[$0] != rowB[$0] }.map { "row \($0): \(rowA[$0]) vs \(rowB[$0])" } ?? "colours differ"
                    #expect(same, "\(width)x\(height) \(style) case \(z): \(same ? "" : firstDiff)")
                    cases += 1
                    if let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window),
                       s.settings.plot.bucket == .raw, store.columns[0].indices(in: vis).count > 8 * width {
                        summarised += 1
                    }
                }
            }
        }
        // Most cases must really have read the summary, or the comparison proves nothing.
        #expect(summarised * 3 >= cases, "\(summarised) of \(cases) cases read the summary")
    }
}
