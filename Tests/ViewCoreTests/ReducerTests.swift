import DataCore
import Testing
@testable import ViewCore

func catalog(_ names: [String]) -> [SeriesInfo] {
    names.map { n in
        let parts = n.components(separatedBy: " · ")
        return SeriesInfo(id: n, name: n, phenomenon: parts.last!, station: parts.count > 1 ? parts[0] : nil, unit: "u")
    }
}

func loaded(_ names: [String] = ["A · PM10", "A · NO2", "B · PM10", "B · temp"]) -> AppState {
    let data = DataSummary(catalog: catalog(names), range: 0...86_400_000 * 10, name: "x.csv")
    return reduce(reduce(AppState(), .start(.fresh)), .dataChanged(data, version: 1))
}

@Suite struct ReducerTests {
    @Test func firstStartSelectsTheFirstSeries() {
        let s = loaded()
        #expect(s.settings.series.selected == ["A · PM10"])
        #expect(s.dataName == "x.csv")
    }

    @Test func cursorMovesAndClamps() {
        var s = loaded()
        s = reduce(s, .moveCursor(by: 2))
        #expect(s.ui.cursor == 2)
        s = reduce(s, .moveCursor(by: 10))
        #expect(s.ui.cursor == 3)
        s = reduce(s, .moveCursor(by: -10))
        #expect(s.ui.cursor == 0)
    }

    @Test func spaceTogglesTheSeriesUnderTheCursor() {
        var s = loaded()
        s = reduce(s, .moveCursor(by: 2))
        s = reduce(s, .toggleSeriesAtCursor)
        #expect(s.settings.series.selected == ["A · PM10", "B · PM10"])
        s = reduce(s, .toggleSeriesAtCursor)
        #expect(s.settings.series.selected == ["A · PM10"])
    }

    @Test func filterNarrowsListAndPlottedSeries() {
        var s = loaded()
        s = reduce(s, .toggleSeries(id: "B · temp"))
        s = reduce(s, .open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: ""))))
        s = reduce(s, .editInput(TextInput(purpose: .seriesFilter, text: "pm10", original: "")))
        #expect(s.visibleSeries.map(\.id) == ["A · PM10", "B · PM10"])
        #expect(s.plottedSeries.map(\.id) == ["A · PM10"])
        // Esc restores the filter as it was before editing.
        s = reduce(s, .closeOverlay)
        #expect(s.settings.series.filter.text == "")
        #expect(s.visibleSeries.count == 4)
        #expect(s.ui.overlays.isEmpty)
    }

    @Test func enterKeepsTheFilter() {
        var s = loaded()
        s = reduce(s, .open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: ""))))
        s = reduce(s, .editInput(TextInput(purpose: .seriesFilter, text: "temp", original: "")))
        s = reduce(s, .commitInput)
        #expect(s.settings.series.filter.text == "temp")
        #expect(s.visibleSeries.map(\.id) == ["B · temp"])
        #expect(s.ui.cursor == 0)
    }

    @Test func plotOptionsCycle() {
        var s = loaded()
        #expect(s.settings.plot.style == .line)
        for expected in [PlotSettings.Style.scatter, .bar, .step, .line] {
            s = reduce(s, .cyclePlotStyle)
            #expect(s.settings.plot.style == expected)
        }
        s = reduce(s, .cycleBucket)
        #expect(s.settings.plot.bucket == .minute)
        s = reduce(s, .cycleReduce)
        #expect(s.settings.plot.reduce == .min)
    }

    @Test func zoomHalvesTheSpanAndZoomOutRestoresAll() {
        var s = loaded()
        s = reduce(s, .zoomPlot(factor: 0.5))
        #expect(s.settings.plot.span == Optional(Int64(432_000_000)))
        let vis = PlotView.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(vis.upperBound - vis.lowerBound == 86_400_000 * 5)
        s = reduce(s, .zoomPlot(factor: 2))
        #expect(s.settings.plot.span == nil)
    }

    @Test func panStaysInsideTheData() {
        var s = loaded()
        s = reduce(s, .zoomPlot(factor: 0.25))
        let before = PlotView.visible(s.settings.plot, data: s.dataRange, window: .all)!
        s = reduce(s, .panPlot(fraction: -0.5))
        let after = PlotView.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(after.lowerBound < before.lowerBound)
        for _ in 0..<50 { s = reduce(s, .panPlot(fraction: -1)) }
        let left = PlotView.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(left.lowerBound == 0)
        for _ in 0..<50 { s = reduce(s, .panPlot(fraction: 1)) }
        #expect(s.settings.plot.end == nil)  // back to following the newest data
    }

    @Test func relativeWindowEndsAtTheNewestData() {
        let w = PlotView.window(.last(milliseconds: 3_600_000), data: 0...10_000_000)
        #expect(w == 6_400_000...10_000_000)
    }

    @Test func menuMovesWrapsAndChooses() {
        var s = loaded()
        s = reduce(s, .open(.menu(selected: 0)))
        s = reduce(s, .menuMove(-1))
        #expect(s.topOverlay == .menu(selected: MenuEntry.allCases.count - 1))
        s = reduce(s, .menuChoose(MenuEntry.allCases.firstIndex(of: .plot)!))
        #expect(s.ui.focus == .plot)
        #expect(s.ui.overlays.isEmpty)
        s = reduce(s, .menuChoose(MenuEntry.allCases.firstIndex(of: .quit)!))
        #expect(s.ui.quitRequested)
    }

    @Test func tabCyclesPanes() {
        var s = loaded()
        var seen: [Pane] = []
        for _ in 0..<4 { s = reduce(s, .focusNext(forward: true)); seen.append(s.ui.focus) }
        #expect(seen == [.plot, .map, .dashboard, .series])
        s = reduce(s, .focusNext(forward: false))
        #expect(s.ui.focus == .dashboard)
    }

    @Test func settingsRoundTripThroughJSON() throws {
        var s = loaded()
        s = reduce(s, .toggleSeries(id: "B · temp"))
        s = reduce(s, .cyclePlotStyle)
        s = reduce(s, .zoomPlot(factor: 0.5))
        let data = try JSONEncoder().encode(s.settings)
        let back = try JSONDecoder().decode(ViewSettings.self, from: data)
        #expect(back == s.settings)
    }
}

import Foundation

@Suite struct UndoTests {
    @Test func undoAndRedoWalkTheHistory() {
        var s = loaded()
        s.history = UndoHistory()
        s = reduce(s, .cyclePlotStyle)
        s = reduce(s, .cyclePlotStyle)
        #expect(s.settings.plot.style == .bar)
        s = reduce(s, .undo)
        #expect(s.settings.plot.style == .scatter)
        s = reduce(s, .undo)
        #expect(s.settings.plot.style == .line)
        s = reduce(s, .undo)
        #expect(s.ui.message == "nothing to undo")
        s = reduce(s, .redo)
        #expect(s.settings.plot.style == .scatter)
        // A new change forgets the redo branch.
        s = reduce(s, .toggleLegend)
        s = reduce(s, .redo)
        #expect(s.ui.message == "nothing to redo")
    }

    @Test func onlySettingsChangesAreRecorded() {
        var s = loaded()
        let before = s.history.past.count
        s = reduce(s, .moveCursor(by: 1))
        s = reduce(s, .focusNext(forward: true))
        #expect(s.history.past.count == before)
    }

    @Test func historyIsBounded() {
        var s = loaded()
        for _ in 0..<500 { s = reduce(s, .toggleLegend) }
        #expect(s.history.past.count <= UndoHistory.limit + 20)
    }
}
