import DataCore
import Foundation
import Testing
@testable import ViewCore

@Suite struct PlotAxesTests {
    @Test func oneUnitIsOneAxisLabelledWithIt() {
        let a = PlotAxes.assign(units: ["µg/m³", "µg/m³", "µg/m³"])
        #expect(a.layout == .single)
        #expect(a.axes == [PlotAxes.Axis(unit: "µg/m³", series: [0, 1, 2])])
        #expect(a.axisOfSeries == [0, 0, 0])
    }

    @Test func twoUnitsAreALeftAndARightAxisInSelectionOrder() {
        let a = PlotAxes.assign(units: ["%", "µg/m³", "%"])
        #expect(a.layout == .leftRight)
        #expect(a.axes.map(\.unit) == ["%", "µg/m³"])
        #expect(a.axes.map(\.series) == [[0, 2], [1]])
        #expect(a.axisOfSeries == [0, 1, 0])
    }

    @Test func threeOrMoreUnitsAreStackedSubPlots() {
        let a = PlotAxes.assign(units: ["µg/m³", "°C", "%", "°C", "hPa"])
        #expect(a.layout == .stacked)
        #expect(a.axes.map(\.unit) == ["µg/m³", "°C", "%", "hPa"])
        #expect(a.axisOfSeries == [0, 1, 2, 1, 3])
    }

    @Test func aSeriesWithoutAUnitIsItsOwnAxis() {
        let a = PlotAxes.assign(units: [nil, "°C", nil])
        #expect(a.layout == .leftRight)
        #expect(a.axes == [PlotAxes.Axis(unit: nil, series: [0, 2]), PlotAxes.Axis(unit: "°C", series: [1])])
    }

    @Test func nothingPlottedIsNoAxis() {
        #expect(PlotAxes.assign(units: []).axes.isEmpty)
    }

    @Test func theUsersChoiceOverridesTheUnits() {
        let shared = PlotAxes.assign(units: ["%", "µg/m³", "°C"], mode: .shared)
        #expect(shared.layout == .single)
        #expect(shared.axes == [PlotAxes.Axis(unit: nil, series: [0, 1, 2])])
        let stacked = PlotAxes.assign(units: ["%", "µg/m³"], mode: .stacked)
        #expect(stacked.layout == .stacked)
        #expect(stacked.axes.count == 2)
        // One unit stays one plot whatever the choice.
        #expect(PlotAxes.assign(units: ["%", "%"], mode: .stacked).layout == .single)
    }

    @Test func thresholdsDrawAgainstTheirOwnSeriesAxis() {
        let plotted = [SeriesInfoRef(id: "A · humidity", phenomenon: "humidity"), SeriesInfoRef(id: "A · PM10", phenomenon: "PM10"),
                       SeriesInfoRef(id: "B · PM10", phenomenon: "PM10")]
        let a = PlotAxes.assign(units: ["%", "µg/m³", "µg/m³"])
        let pm = Threshold(id: 1, scope: .phenomenon("PM10"), value: 50, label: "EU")
        let one = Threshold(id: 2, scope: .series("A · humidity"), value: 80, label: "damp")
        let none = Threshold(id: 3, scope: .phenomenon("NO2"), value: 40, label: "NO2")
        #expect(a.axes(for: pm, plotted: plotted) == [1])  // the right axis
        #expect(a.axes(for: one, plotted: plotted) == [0])
        #expect(a.axes(for: none, plotted: plotted).isEmpty)
    }

    @Test func aKeyCyclesTheChoiceAndAutomaticIsNotSaved() throws {
        var s = loaded()
        #expect(s.settings.plot.axes == nil)
        #expect(!SettingsDocument.encode(s.settings).contains("\"axes\""))
        s = reduce(s, .plot(.cycleAxes))
        #expect(s.settings.plot.axes == .shared)
        #expect(SettingsDocument.encode(s.settings).contains("\"axes\":\"shared\""))
        #expect(try SettingsDocument.decode(SettingsDocument.encode(s.settings)).plot.axes == .shared)
        s = reduce(s, .plot(.cycleAxes))
        #expect(s.settings.plot.axes == .stacked)
        s = reduce(s, .plot(.cycleAxes))
        #expect(s.settings.plot.axes == nil)
        #expect(!SettingsDocument.encode(s.settings).contains("\"axes\""))
        // Undo goes back through the choices.
        s = reduce(s, .app(.undo))
        #expect(s.settings.plot.axes == .stacked)
    }

    @Test func aDocumentWithoutTheKeyIsAutomatic() throws {
        let s = try SettingsDocument.decode(#"{"version": 1, "plot": {"style": "line", "bucket": "raw", "reduce": "mean", "legend": true}}"#)
        #expect(s.plot.axes == nil)
    }

    @Test func keysForAxesAndExport() {
        let s = loaded()
        #expect(KeyMap.actions(for: .key(.char("A")), in: s) == [.plot(.cycleAxes)])
        #expect(KeyMap.actions(for: .key(.char("e")), in: s) == [.app(.exportView)])
        #expect(reduce(s, .app(.exportView)).outbox == [.exportView])
    }
}
