import DataCore
import Testing
import ViewCore
@testable import Rendering

/// An aggregated line joins neighbouring buckets however wide the view draws them, and leaves a
/// gap only where a bucket has no data.
@Suite struct AggregatedLineTests {
    /// Plot columns (of the pane's inner area) holding any braille dot.
    static func dottedColumns(_ g: CellGrid) -> [Int] {
        (0..<g.width).filter { x in
            (0..<g.height).contains { y in g[x, y].text.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
        }
    }

    static func plotted(hoursMissing: Range<Int>, style: PlotSettings.Style) -> [Int] {
        var store = MeasurementStore(sourceName: "hourly.csv")
        let i = store.seriesIndex(for: SeriesInfo(id: "S · PM10", name: "S · PM10", phenomenon: "PM10", station: "S", unit: "µg/m³"))
        let t0: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
        for h in 0..<48 where !hoursMissing.contains(h) {
            // Four values an hour that swing: the hour's mean moves from bucket to bucket.
            for q in 0..<4 { store.append(series: i, time: t0 + Int64(h * 4 + q) * 900_000, value: 20 + Double((h * 7) % 13) + Double(q)) }
        }
        store.finish()
        var s = fixtureState(store, width: 120, height: 24)
        s.settings.series.selected = ["S · PM10"]
        s.settings.plot.bucket = .hour
        s.settings.plot.style = style
        // Twelve hours over about 200 dots: buckets some 17 dots apart.
        s.settings.plot.end = t0 + 24 * 3_600_000
        s.settings.plot.span = 12 * 3_600_000
        var g = CellGrid(width: 110, height: 20)
        PlotPaneView.draw(&g, s, store, Rect(x: 0, y: 0, width: 110, height: 20))
        return dottedColumns(g)
    }

    /// Minute means of minute data through the hour Berlin's clocks go back (2026-10-25 01:00 UTC):
    /// the second 02:xx hour is drawn after the first, so the line runs on unbroken; placed at the
    /// first hour's instants, it doubled back and left an hour blank.
    @Test(.enabled(if: ZoneTable.named("Europe/Berlin") != nil, "needs the system's zone files"))
    func minuteMeansRunOnThroughTheRepeatedHour() {
        var store = MeasurementStore(sourceName: "minutes.csv")
        let i = store.seriesIndex(for: SeriesInfo(id: "S · NO2", name: "S · NO2", phenomenon: "NO2", station: "S", unit: "µg/m³"))
        let change: Int64 = 1_792_890_000_000
        for m in -120..<120 { store.append(series: i, time: change + Int64(m) * 60_000, value: 30 + Double((m * 7 + 240) % 11)) }
        store.finish()
        var s = fixtureState(store, width: 120, height: 24)
        s.settings.series.selected = ["S · NO2"]
        s.settings.plot.bucket = .minute
        s.settings.plot.style = .line
        s.settings.plot.timeZone = .named("Europe/Berlin")
        s.settings.plot.end = change + 2 * 3_600_000
        s.settings.plot.span = 4 * 3_600_000
        var g = CellGrid(width: 110, height: 20)
        PlotPaneView.draw(&g, s, store, Rect(x: 0, y: 0, width: 110, height: 20))
        let dotted = Self.dottedColumns(g)
        #expect(dotted.count > 60)
        #expect(dotted == Array(dotted.first!...dotted.last!), "the line breaks: \(dotted)")
    }

    @Test func neighbouringHoursAreJoinedAndAMissingStretchIsAGap() {
        // Far farther apart than the few dots that join raw points.
        let whole = Self.plotted(hoursMissing: 0..<0, style: .line)
        #expect(!whole.isEmpty)
        #expect(whole == Array(whole.first!...whole.last!), "the line breaks: \(whole)")
        let broken = Self.plotted(hoursMissing: 16..<19, style: .line)
        let holes = Array(broken.first!...broken.last!).filter { !broken.contains($0) }
        #expect(holes.count >= 12, "no gap where three hours are missing: \(broken)")
    }
}
