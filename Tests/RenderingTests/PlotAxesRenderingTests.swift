import DataCore
import Foundation
import Testing
import ViewCore
@testable import Rendering

/// The fixture plus a humidity series (%), for three units.
func threeUnitStore() -> MeasurementStore {
    var csv = "time,station,phenomenon,value,unit,lat,lon\n"
    let t0: Int64 = 1_793_491_200_000
    for h in 0..<48 {
        let t = TimeFormat.iso(t0 + Int64(h) * 3_600_000)
        let cycle = sin(Double(h % 24) / 24 * 2 * .pi)
        csv += "\(t),Centrum,PM10,\(String(format: "%.1f", 30 + 15 * cycle)),µg/m³,52.0907,5.1214\n"
        csv += "\(t),Centrum,temperature,\(String(format: "%.1f", 8 + 4 * cycle)),°C,52.0907,5.1214\n"
        csv += "\(t),Centrum,humidity,\(String(format: "%.0f", 70 - 20 * cycle)),%,52.0907,5.1214\n"
    }
    var store = try! CSVLoader.parse(Array(csv.utf8), fileName: "units.csv")
    store.finish()
    store.sourceName = "units.csv"
    return store
}

@Suite struct PlotAxesRenderingTests {
    func plotRows(_ g: CellGrid, _ w: Int, _ h: Int) -> [String] {
        let r = ScreenLayout(width: w, height: h).panes[.plot]!
        return (r.y..<r.y + r.height).map { y in (r.x..<r.x + r.width).map { g[$0, y].text }.joined() }
    }

    @Test func oneUnitKeepsOneAxisAndTheMainGoldens() {
        // The main goldens plot one PM10 series: unchanged by axes by unit.
        let store = fixtureStore()
        let s = reduce(fixtureState(store, width: 100, height: 30), .series(.toggle(id: "Zuilen · PM10")))
        let rows = plotRows(ViewRenderer.render(s, store), 100, 30)
        #expect(rows[2].contains("µg/m"))
        #expect(!rows.joined().contains("├"), "no right axis for one unit")
    }

    @Test func twoUnitsGetALeftAndARightAxisLabelledWithTheirUnits() {
        let store = fixtureStore()
        var s = fixtureState(store, width: 100, height: 30)
        s = reduce(s, .series(.toggle(id: "Centrum · temperature")))
        let g = ViewRenderer.render(s, store)
        let rows = plotRows(g, 100, 30)
        #expect(rows[2].hasPrefix("│µg/m³"), "left unit: \(rows[2])")
        #expect(rows[2].contains("├°C"), "right unit: \(rows[2])")
        #expect(rows.dropFirst().dropLast(2).allSatisfy { $0.contains("├") }, "right axis on every plot row")
        // Each axis is coloured like its series.
        let plot = ScreenLayout(width: 100, height: 30).panes[.plot]!
        let left = g[plot.x + 1, plot.y + 2], right = g[plot.x + plot.width - 5, plot.y + 2]
        #expect(left.role == .series(0) && right.role == .series(1))
        #expect(matchesGolden(g.text, "axes2-100x30"))
    }

    @Test func aThresholdOnTheRightAxisDrawsAtItsOwnScale() {
        let store = fixtureStore()
        var s = fixtureState(store, width: 100, height: 30)
        s = reduce(s, .series(.toggle(id: "Centrum · temperature")))
        // 10 °C is inside the temperature range (4…12) but far below PM10's (15…45): only the right axis holds it.
        s.settings.thresholds = [Threshold(id: 1, scope: .phenomenon("temperature"), value: 10, label: "warm")]
        let rows = plotRows(ViewRenderer.render(s, store), 100, 30)
        let at = rows.firstIndex { $0.contains(" warm ") }
        #expect(at != nil, "threshold label drawn")
        if let at { #expect((3...8).contains(at), "10 °C sits in the upper part of the 4–12 °C axis, row \(at)") }
    }

    @Test func threeUnitsAreStackedSubPlotsUnderOneTimeAxis() {
        let store = threeUnitStore()
        var s = fixtureState(store, width: 100, height: 30)
        s.settings.series.selected = ["Centrum · PM10", "Centrum · temperature", "Centrum · humidity"]
        let g = ViewRenderer.render(s, store)
        let rows = plotRows(g, 100, 30)
        let units = ["µg/m³", "°C", "%"].map { u in rows.firstIndex { $0.hasPrefix("│" + u) } }
        #expect(units.allSatisfy { $0 != nil }, "each sub-plot labelled with its unit:\n\(rows.joined(separator: "\n"))")
        #expect(units.compactMap { $0 } == units.compactMap { $0 }.sorted(), "top to bottom in selection order")
        #expect(rows.dropLast().filter { $0.contains("└") }.count == 1, "one time axis")
        #expect(!rows.joined().contains("├"))
        #expect(matchesGolden(g.text, "axes3-100x30"))
    }

    @Test func theSharedChoicePutsEverythingOnOneAxis() {
        let store = threeUnitStore()
        var s = fixtureState(store, width: 100, height: 30)
        s.settings.series.selected = ["Centrum · PM10", "Centrum · temperature", "Centrum · humidity"]
        s = reduce(s, .plot(.cycleAxes))
        let rows = plotRows(ViewRenderer.render(s, store), 100, 30)
        #expect(!rows.contains { $0.hasPrefix("│°C") || $0.hasPrefix("│%") })
        #expect(s.ui.message == "one shared y axis")
    }

    @Test func tooManyUnitsForTheHeightSayHowManyAreHidden() {
        let store = threeUnitStore()
        var s = fixtureState(store, width: 60, height: 14)
        s.settings.series.selected = ["Centrum · PM10", "Centrum · temperature", "Centrum · humidity"]
        let t = ViewRenderer.render(s, store).text
        #expect(t.contains("units: enlarge"), "\(t)")
    }
}
