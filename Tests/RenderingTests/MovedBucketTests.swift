@testable import DataCore
import Testing
import ViewCore
@testable import Rendering

/// Buckets that hold one measurement each are drawn from the raw series with its times moved to
/// the buckets' middles, never made into a column. The picture must be the one the bucket column
/// gives, dot for dot, at every zoom, pan and zone, with thresholds and in every style.
@Suite struct MovedBucketTests {
    /// Two stations of irregular data (steps of 5 to 15 minutes, a gap of days) over four months
    /// that hold both of Berlin's clock changes of 2026.
    static func store() -> MeasurementStore {
        var store = MeasurementStore(sourceName: "irregular.csv")
        var rng = SplitMix(seed: 41)
        for station in ["A", "B"] {
            let i = store.seriesIndex(for: SeriesInfo(id: "\(station) · NO2", name: "\(station) · NO2", phenomenon: "NO2", station: station, unit: "µg/m³"))
            var t: Int64 = 1_772_323_200_000  // 2026-03-01
            var v = 30.0
            while t < 1_794_000_000_000 {  // into November
                v = max(0, v + Double(Int(rng.next() % 21) - 10) / 4)
                store.append(series: i, time: t, value: v)
                t += 300_000 + Int64(rng.next() % 600_001)
                if rng.next() % 5_000 == 0 { t += 3 * 86_400_000 }
            }
        }
        store.finish()
        return store
    }

    /// The plot canvas of a model's traces, with a threshold's exceedances, as text.
    static func drawn(_ m: PlotModel, _ style: PlotSettings.Style) -> String {
        var canvas = BrailleCanvas(columns: 100, rows: 20)
        let th = Threshold(id: 1, scope: .phenomenon("NO2"), value: 40, label: "limit")
        for t in m.traces {
            PlotPaneView.plot(t, into: &canvas, m.visible, m.ranges[0], style)
            PlotPaneView.exceedances(t, [th], into: &canvas, m.visible, m.ranges[0])
        }
        var g = CellGrid(width: 100, height: 20)
        canvas.draw(into: &g, x: 0, y: 0, unicode: true)
        return g.text
    }

    /// The same model read from the bucket columns, as before moving times.
    static func fromColumns(_ m: PlotModel, width: Int64, zone: ZoneTable) throws -> PlotModel {
        var r = m
        for k in r.traces.indices {
            let clock = try #require(r.traces[k].clock)
            #expect(clock.width == width)
            r.traces[k].column = try #require(r.traces[k].column.oneBucketEach(width: width, zone: zone))
            r.traces[k].clock = nil
            r.traces[k].range = r.traces[k].column.indices(in: m.visible)
        }
        return r
    }

    @Test(.enabled(if: ZoneTable.named("Europe/Berlin") != nil, "needs the system's zone files"))
    func minuteMeansDrawnFromMovedTimesEqualTheBucketColumn() throws {
        let store = Self.store()
        var s = fixtureState(store, width: 120, height: 24)
        s.settings.series.selected = ["A · NO2", "B · NO2"]
        s.settings.plot.bucket = .minute
        let first = store.columns.map { $0.times[0] }.min()!, last = store.columns.map { $0.times[$0.count - 1] }.max()!
        var rng = SplitMix(seed: 42)
        var compared = 0, summarised = 0
        for zoneName in ["Europe/Berlin", "UTC", "Asia/Kolkata", "Australia/Lord_Howe"] {
            guard let zone = ZoneTable.named(zoneName) else { continue }
            s.settings.plot.timeZone = .named(zoneName)
            for round in 0..<40 {
                // The whole range, then zooms from a quarter hour to months at random places.
                let span: Int64? = round == 0 ? nil : Int64(900_000) << (rng.next() % 14)
                s.settings.plot.span = span
                s.settings.plot.end = span.map { first + $0 + Int64(rng.next() % UInt64(last - first)) }
                s.settings.plot.reduce = [.mean, .min, .max][round % 3]
                let style = PlotSettings.Style.allCases[round % PlotSettings.Style.allCases.count]
                let moved = try #require(PlotModel.make(s, store))
                let columns = try Self.fromColumns(moved, width: 60_000, zone: zone)
                #expect(moved.ranges == columns.ranges, "\(zoneName) round \(round)")
                #expect(moved.traces.map(\.range) == columns.traces.map(\.range), "\(zoneName) round \(round)")
                #expect(Self.drawn(moved, style) == Self.drawn(columns, style), "\(zoneName) round \(round) \(style)")
                var a: [Int64] = [], b: [Int64] = []
                moved.traces[0].forEach { t, _ in a.append(t) }
                columns.traces[0].forEach { t, _ in b.append(t) }
                #expect(a == b)
                compared += 1
                if moved.traces.contains(where: { $0.usesSummary(pixelWidth: 200) }) { summarised += 1 }
            }
        }
        #expect(compared >= 80)
        #expect(summarised >= 10, "the wide views read the summary")
    }

    /// Where neighbours share a bucket (hour buckets over this data), the bucket column is read.
    @Test func sharedBucketsAreReducedIntoAColumn() throws {
        let store = Self.store()
        var s = fixtureState(store, width: 120, height: 24)
        s.settings.series.selected = ["A · NO2"]
        s.settings.plot.timeZone = .named("UTC")
        s.settings.plot.bucket = .hour
        let m = try #require(PlotModel.make(s, store))
        #expect(m.traces[0].clock == nil)
        #expect(m.traces[0].column.count < store.columns[0].count / 3)
        s.settings.plot.bucket = .minute
        #expect(try #require(PlotModel.make(s, store)).traces[0].clock != nil)
        // A value filter decides what goes into each bucket: the column again.
        s.settings.series.filter.valueMin = 10
        #expect(try #require(PlotModel.make(s, store)).traces[0].clock == nil)
    }
}
