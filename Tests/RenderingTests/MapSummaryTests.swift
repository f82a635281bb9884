import DataCore
import Testing
import ViewCore
@testable import Rendering

/// A fixed station is drawn from its one position and its value summary; the same data whose
/// positions are not all one (so every point is read) must give the same map, cell for cell.
@Suite struct MapSummaryTests {
    /// Stations that never move, and a twin store that holds one extra row per station with no
    /// position (at the station's first time, so the data's time range is the same): both paths
    /// leave such a row out, so the two must draw alike.
    static func stores(points: Int) -> (fixed: MeasurementStore, read: MeasurementStore) {
        var rng = PlotSummaryTests.Rng(state: 23)
        var fixed = MeasurementStore(sourceName: "stations.csv"), read = fixed
        for k in 0..<7 {
            let name = "S\(k) · PM10"
            let info = SeriesInfo(id: name, name: name, phenomenon: "PM10", station: "S\(k)", unit: "µg/m³")
            let a = fixed.seriesIndex(for: info), b = read.seriesIndex(for: info)
            let lat = Float(52.40 + Double(k % 3) * 0.021), lon = Float(13.30 + Double(k / 3) * 0.034)
            var t: Int64 = 1_790_000_000_000, v = 30.0 + Double(k) * 4
            read.append(series: b, time: t, value: v)
            for _ in 0..<points {
                t += Int64.random(in: 1_000...900_000, using: &rng)
                v += Double(Int.random(in: -250...250, using: &rng)) / 100
                fixed.append(series: a, time: t, value: v, lat: lat, lon: lon)
                read.append(series: b, time: t, value: v, lat: lat, lon: lon)
            }
        }
        fixed.finish()
        read.finish()
        return (fixed, read)
    }

    @Test func fixedStationsDrawnFromTheSummaryEqualEveryPointDrawn() {
        let (fixed, read) = Self.stores(points: 6_000)
        #expect(fixed.columns.allSatisfy { $0.fixedPosition != nil })
        #expect(read.columns.allSatisfy { $0.fixedPosition == nil && $0.hasPositions })
        var cases = 0
        for heat in [false, true] {
            for z in 0..<8 {
                var s = fixtureState(fixed, width: 120, height: 40)
                s.settings.map.heatmap.enabled = heat
                s.settings.map.heatmap.radius = 1 + z % 3
                s.settings.map.zoom = Double(z % 4)
                if z % 2 == 1 { s.settings.series.selected = fixed.series.prefix(4).map(\.id) }
                if z >= 4 { s.settings.series.filter.valueMin = 28; s.settings.series.filter.valueMax = 45 }
                if z % 3 == 2 { s.settings.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: 40, label: "limit")] }
                if z == 6 {
                    let r = s.dataRange!
                    s.settings.plot.span = (r.upperBound - r.lowerBound) / 5
                    s.settings.plot.end = r.lowerBound + (r.upperBound - r.lowerBound) / 2
                }
                let area = Rect(x: 0, y: 0, width: 100, height: 30)
                var a = CellGrid(width: 100, height: 30), b = CellGrid(width: 100, height: 30)
                MapPaneView.draw(&a, s, fixed, area)
                MapPaneView.draw(&b, s, read, area)
                let same = a == b
                #expect(same, "heat \(heat) case \(z):\n\(a.text)\n---\n\(b.text)")
                cases += 1
            }
        }
        #expect(cases == 16)
    }
}
