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
    return reduce(reduce(AppState(), .data(.start(.fresh))), .data(.dataChanged(data, version: 1)))
}

@Suite struct ReducerTests {
    @Test func firstStartSelectsTheFirstSeries() {
        let s = loaded()
        #expect(s.settings.series.selected == ["A · PM10"])
        #expect(s.dataName == "x.csv")
    }

    @Test func cursorMovesAndClamps() {
        var s = loaded()
        s = reduce(s, .series(.moveCursor(by: 2)))
        #expect(s.ui.cursor == 2)
        s = reduce(s, .series(.moveCursor(by: 10)))
        #expect(s.ui.cursor == 3)
        s = reduce(s, .series(.moveCursor(by: -10)))
        #expect(s.ui.cursor == 0)
    }

    @Test func spaceTogglesTheSeriesUnderTheCursor() {
        var s = loaded()
        s = reduce(s, .series(.moveCursor(by: 2)))
        s = reduce(s, .series(.toggleAtCursor))
        #expect(s.settings.series.selected == ["A · PM10", "B · PM10"])
        s = reduce(s, .series(.toggleAtCursor))
        #expect(s.settings.series.selected == ["A · PM10"])
    }

    @Test func filterNarrowsListAndPlottedSeries() {
        var s = loaded()
        s = reduce(s, .series(.toggle(id: "B · temp")))
        s = reduce(s, .app(.open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: "")))))
        s = reduce(s, .series(.editFilter(TextInput(purpose: .seriesFilter, text: "pm10", original: ""))))
        #expect(s.visibleSeries.map(\.id) == ["A · PM10", "B · PM10"])
        #expect(s.plottedSeries.map(\.id) == ["A · PM10"])
        // Esc restores the filter as it was before editing.
        s = reduce(s, .app(.closeOverlay))
        #expect(s.settings.series.filter.text == "")
        #expect(s.visibleSeries.count == 4)
        #expect(s.ui.overlays.isEmpty)
    }

    @Test func plottedSeriesKeepSelectionOrderAndFollowNewData() {
        var s = loaded()
        s.settings.series.selected = ["B · temp", "gone · PM10", "A · PM10", "B · PM10"]
        #expect(s.plottedSeries.map(\.id) == ["B · temp", "A · PM10", "B · PM10"])
        s.settings.series.filter.station = "B"
        #expect(s.plottedSeries.map(\.id) == ["B · temp", "B · PM10"])
        // New data with other series: the lookups are made again from the new catalog.
        s = reduce(s, .data(.dataChanged(DataSummary(catalog: catalog(["gone · PM10", "B · temp"]), range: 0...1, name: "x.csv"), version: 2)))
        #expect(s.plottedSeries.map(\.id) == ["B · temp"])
        s.settings.series.filter.station = nil
        #expect(s.plottedSeries.map(\.id) == ["B · temp", "gone · PM10"])
        #expect(s.visibleSeries.map(\.id) == ["gone · PM10", "B · temp"])
    }

    @Test func enterKeepsTheFilter() {
        var s = loaded()
        s = reduce(s, .app(.open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: "")))))
        s = reduce(s, .series(.editFilter(TextInput(purpose: .seriesFilter, text: "temp", original: ""))))
        s = reduce(s, .series(.commitFilter))
        #expect(s.settings.series.filter.text == "temp")
        #expect(s.visibleSeries.map(\.id) == ["B · temp"])
        #expect(s.ui.cursor == 0)
    }

    @Test func filterTextMatchesAnyPartOfANameWhateverItsCaseAndScript() {
        var s = loaded(["Köln · PM10", "A · µg NO2", "B · temp", "Bonn · PM2.5"])
        func shown(_ text: String) -> [String] {
            s.settings.series.filter.text = text
            return s.visibleSeries.map(\.id)
        }
        #expect(shown("KÖLN") == ["Köln · PM10"])
        #expect(shown("· pm") == ["Köln · PM10", "Bonn · PM2.5"])
        #expect(shown("µG") == ["A · µg NO2"])
        #expect(shown("2.5") == ["Bonn · PM2.5"])
        #expect(shown("temperature") == [])
        #expect(shown("b") == ["B · temp", "Bonn · PM2.5"])
    }

    @Test func plotOptionsCycle() {
        var s = loaded()
        #expect(s.settings.plot.style == .line)
        for expected in [PlotSettings.Style.scatter, .bar, .step, .line] {
            s = reduce(s, .plot(.cycleStyle))
            #expect(s.settings.plot.style == expected)
        }
        s = reduce(s, .plot(.cycleBucket))
        #expect(s.settings.plot.bucket == .minute)
        s = reduce(s, .plot(.cycleReduce))
        #expect(s.settings.plot.reduce == .min)
    }

    @Test func zoomHalvesTheSpanAndZoomOutRestoresAll() {
        var s = loaded()
        s = reduce(s, .plot(.zoom(factor: 0.5)))
        #expect(s.settings.plot.span == Optional(Int64(432_000_000)))
        let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(vis.upperBound - vis.lowerBound == 86_400_000 * 5)
        s = reduce(s, .plot(.zoom(factor: 2)))
        #expect(s.settings.plot.span == nil)
    }

    @Test func panStaysInsideTheData() {
        var s = loaded()
        s = reduce(s, .plot(.zoom(factor: 0.25)))
        let before = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: .all)!
        s = reduce(s, .plot(.pan(fraction: -0.5)))
        let after = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(after.lowerBound < before.lowerBound)
        for _ in 0..<50 { s = reduce(s, .plot(.pan(fraction: -1))) }
        let left = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: .all)!
        #expect(left.lowerBound == 0)
        for _ in 0..<50 { s = reduce(s, .plot(.pan(fraction: 1))) }
        #expect(s.settings.plot.end == nil)  // back to following the newest data
    }

    @Test func relativeWindowEndsAtTheNewestData() {
        let w = PlotTimeWindow.window(.last(milliseconds: 3_600_000), data: 0...10_000_000)
        #expect(w == 6_400_000...10_000_000)
    }

    @Test func menuMovesWrapsAndChooses() {
        var s = loaded()
        s = reduce(s, .app(.open(.menu(selected: 0))))
        s = reduce(s, .menu(.move(-1)))
        #expect(s.topOverlay == .menu(selected: MenuEntry.allCases.count - 1))
        s = reduce(s, .menu(.choose(MenuEntry.allCases.firstIndex(of: .plot)!)))
        #expect(s.ui.focus == .plot)
        #expect(s.ui.overlays.isEmpty)
        s = reduce(s, .menu(.choose(MenuEntry.allCases.firstIndex(of: .quit)!)))
        #expect(s.ui.quitRequested)
    }

    @Test func tabCyclesPanes() {
        var s = loaded()
        var seen: [Pane] = []
        for _ in 0..<4 { s = reduce(s, .app(.focusNext(forward: true))); seen.append(s.ui.focus) }
        #expect(seen == [.plot, .map, .dashboard, .series])
        s = reduce(s, .app(.focusNext(forward: false)))
        #expect(s.ui.focus == .dashboard)
    }

    @Test func settingsRoundTripThroughJSON() throws {
        var s = loaded()
        s = reduce(s, .series(.toggle(id: "B · temp")))
        s = reduce(s, .plot(.cycleStyle))
        s = reduce(s, .plot(.zoom(factor: 0.5)))
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
        s = reduce(s, .plot(.cycleStyle))
        s = reduce(s, .plot(.cycleStyle))
        #expect(s.settings.plot.style == .bar)
        s = reduce(s, .app(.undo))
        #expect(s.settings.plot.style == .scatter)
        s = reduce(s, .app(.undo))
        #expect(s.settings.plot.style == .line)
        s = reduce(s, .app(.undo))
        #expect(s.ui.message == "nothing to undo")
        s = reduce(s, .app(.redo))
        #expect(s.settings.plot.style == .scatter)
        // A new change forgets the redo branch.
        s = reduce(s, .plot(.toggleLegend))
        s = reduce(s, .app(.redo))
        #expect(s.ui.message == "nothing to redo")
    }

    @Test func onlySettingsChangesAreRecorded() {
        var s = loaded()
        let before = s.history.past.count
        s = reduce(s, .series(.moveCursor(by: 1)))
        s = reduce(s, .app(.focusNext(forward: true)))
        #expect(s.history.past.count == before)
    }

    @Test func historyIsBounded() {
        var s = loaded()
        for _ in 0..<500 { s = reduce(s, .plot(.toggleLegend)) }
        #expect(s.history.past.count <= UndoHistory.limit + 20)
    }
}

@Suite struct UndoRegressionTests {
    /// Space used to record the previous settings twice (the reducer called the public `reduce` again),
    /// so after Space the second `u` changed nothing visible.
    @Test func spaceRecordsOneUndoStep() {
        let s0 = loaded()
        let before = s0.history.past.count
        var s = KeyMap.actions(for: .key(.char("j")), in: s0).reduce(s0, reduce)
        s = KeyMap.actions(for: .key(.char(" ")), in: s).reduce(s, reduce)
        #expect(s.settings.series.selected == ["A · PM10", "A · NO2"])
        #expect(s.history.past.count == before + 1)
        s = reduce(s, .app(.undo))
        #expect(s.settings.series.selected == ["A · PM10"])
        #expect(s.history.past.count == before)
        // The next `u` does not repeat the same step (it used to); the series a fresh view starts
        // with is the data's first look, not a change to undo.
        let again = reduce(s, .app(.undo))
        #expect(again.settings.series.selected == ["A · PM10"])
        #expect(again.ui.message == "nothing to undo")
    }
}
