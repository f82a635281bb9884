import DataCore
import Testing
@testable import ViewCore

func withThresholds(_ n: Int) -> AppState {
    var s = loaded()
    for i in 0..<n { s.settings.thresholds.append(Threshold(id: i + 1, scope: .phenomenon("PM10"), value: Double(10 * (i + 1)), label: "t\(i + 1)")) }
    return reduce(s, .thresholds(.open))
}

@Suite struct ThresholdsReducerTests {
    @Test func moveClampsToTheList() {
        var s = reduce(withThresholds(3), .thresholds(.move(by: 5)))
        #expect(s.topOverlay == .thresholds(cursor: 2))
        s = reduce(s, .thresholds(.move(by: -9)))
        #expect(s.topOverlay == .thresholds(cursor: 0))
    }

    @Test func toggleDeleteAndEditActOnTheThresholdUnderTheCursor() {
        var s = reduce(reduce(withThresholds(2), .thresholds(.move(by: 1))), .thresholds(.toggleApplied))
        #expect(s.settings.thresholds.map(\.applied) == [true, false])
        s = reduce(s, .thresholds(.edit))
        guard case .form(let f)? = s.topOverlay else { Issue.record("no form"); return }
        #expect(f.purpose == .threshold(editing: 2) && f.text("Label") == "t2" && !f.isOn("Applied"))
        s = reduce(reduce(s, .app(.closeOverlay)), .thresholds(.delete))
        #expect(s.settings.thresholds.map(\.id) == [1])
        #expect(s.topOverlay == .thresholds(cursor: 0))
    }

    @Test func onAnEmptyListOnlyAddDoesSomething() {
        let s = withThresholds(0)
        for a in [ThresholdsAction.toggleApplied, .delete, .edit] { #expect(reduce(s, .thresholds(a)) == s, "\(a)") }
        guard case .form(let f)? = reduce(s, .thresholds(.add)).topOverlay else { Issue.record("no form"); return }
        #expect(f.purpose == .threshold(editing: nil) && f.title == "New threshold")
    }

    @Test func keysOfTheListDoNothingWhenItIsNotOnTop() {
        var s = loaded()
        s.settings.thresholds = withThresholds(1).settings.thresholds
        for a in [ThresholdsAction.move(by: 1), .toggleApplied, .delete, .edit] { #expect(reduce(s, .thresholds(a)) == s, "\(a)") }
    }
}

@Suite struct FormReducerTests {
    func submit(_ f: FieldForm, _ edit: (inout FieldForm) -> Void, in s: AppState = loaded()) -> AppState {
        var g = f
        edit(&g)
        return reduce(reduce(reduce(s, .form(.open(f))), .form(.edit(g))), .form(.submit))
    }
    func set(_ f: inout FieldForm, _ label: String, _ v: FieldForm.Value) { f.fields[f.fields.firstIndex { $0.label == label }!].value = v }

    @Test func aNewThresholdIsAddedWithANumberAndRefusedWithout() {
        let s = reduce(loaded(), .thresholds(.add))
        guard case .form(let f)? = s.topOverlay else { Issue.record("no form"); return }
        let bad = submit(f, { set(&$0, "Value", .text("ten")) }, in: s)
        guard case .form(let kept)? = bad.topOverlay else { Issue.record("the form should stay open"); return }
        #expect(kept.error == "Value: type a number")
        let good = submit(f) { set(&$0, "Value", .text("50,5")) }
        #expect(good.settings.thresholds.map(\.value) == [50.5])
        #expect(good.settings.thresholds.first?.label == "> 50.5")
        #expect(good.topOverlay == nil)
    }

    @Test func filtersRefuseBadTimesAndRangesAndApplyGoodOnes() {
        let f = FilterForm.make(loaded())
        let between = FilterForm.windows.count - 1
        #expect(errorOf(submit(f) { set(&$0, "Time window", .choice(options: FilterForm.windows.map(\.0), index: between)); set(&$0, "From", .text("soon")) })
                == "From: \"soon\" is not a time (YYYY-MM-DD HH:MM)")
        #expect(errorOf(submit(f) {
            set(&$0, "Time window", .choice(options: FilterForm.windows.map(\.0), index: between))
            set(&$0, "From", .text("2026-10-15 00:00")); set(&$0, "To", .text("2026-10-14 00:00"))
        }) == "From must be before To")
        #expect(errorOf(submit(f) { set(&$0, "Min value", .text("x")) }) == "Min value: \"x\" is not a number")
        #expect(errorOf(submit(f) { set(&$0, "Min value", .text("5")); set(&$0, "Max value", .text("1")) }) == "Min value must not be above Max value")
        let ok = submit(f) { set(&$0, "Text", .text("PM")); set(&$0, "Max value", .text("80")) }
        #expect(ok.settings.series.filter.text == "PM" && ok.settings.series.filter.valueMax == 80 && ok.topOverlay == nil)
    }

    @Test func yRangeIsAutomaticOrAnOrderedPair() {
        let f = YRangeForm.make(loaded())
        #expect(errorOf(submit(f) { set(&$0, "Automatic", .toggle(false)) }) == "Min: type a number, or tick Automatic")
        #expect(errorOf(submit(f) { set(&$0, "Automatic", .toggle(false)); set(&$0, "Min", .text("3")); set(&$0, "Max", .text("3")) })
                == "Min must be below Max")
        let ok = submit(f) { set(&$0, "Automatic", .toggle(false)); set(&$0, "Min", .text("-1")); set(&$0, "Max", .text("4")) }
        #expect(ok.settings.plot.yMin == -1 && ok.settings.plot.yMax == 4)
        #expect(submit(f) { _ in }.settings.plot.yMin == nil)
    }

    @Test func editAndSubmitWithoutAFormChangeNothing() {
        let s = loaded()
        #expect(reduce(s, .form(.submit)) == s)
        #expect(reduce(s, .form(.edit(YRangeForm.make(s)))) == s)
    }

    func errorOf(_ s: AppState) -> String? { if case .form(let f)? = s.topOverlay { return f.error }; return nil }
}

@Suite struct DashboardReducerTests {
    @Test func addRemoveReorderCycleAndBind() {
        var s = loaded()
        #expect(s.settings.dashboard.map(\.kind) == [.statistics, .sparkline, .latest])
        s = reduce(s, .dashboard(.move(by: 9)))
        #expect(s.ui.panelCursor == 2)
        s = reduce(s, .dashboard(.reorder(by: -1)))
        #expect(s.settings.dashboard.map(\.kind) == [.statistics, .latest, .sparkline] && s.ui.panelCursor == 1)
        #expect(reduce(reduce(s, .dashboard(.move(by: -5))), .dashboard(.reorder(by: -1))).settings.dashboard == s.settings.dashboard,
                "the first panel cannot move up")
        s = reduce(s, .dashboard(.cycleKind))
        #expect(s.settings.dashboard[1].kind == .statistics)
        s = reduce(s, .dashboard(.bindToCursorSeries))
        #expect(s.settings.dashboard[1].seriesID == "A · PM10")
        s = reduce(s, .dashboard(.bindToCursorSeries))
        #expect(s.settings.dashboard[1].seriesID == nil, "binding again unbinds")
        s = reduce(s, .dashboard(.add))
        #expect(s.settings.dashboard.count == 4 && s.ui.panelCursor == 2)
        for _ in 0..<6 { s = reduce(s, .dashboard(.remove)) }
        #expect(s.settings.dashboard.isEmpty && s.ui.panelCursor == 0)
        for a in [DashboardAction.remove, .cycleKind, .bindToCursorSeries, .reorder(by: 1)] { #expect(reduce(s, .dashboard(a)) == s, "\(a)") }
        #expect(reduce(s, .dashboard(.add)).settings.dashboard.count == 1)
    }
}

@Suite struct MapReducerTests {
    @Test func zoomAndHeatmapValuesStayInRange() {
        var s = loaded()
        for _ in 0..<30 { s = reduce(s, .map(.zoom(by: 1))) }
        #expect(s.settings.map.zoom == 16)
        for _ in 0..<40 { s = reduce(s, .map(.zoom(by: -1))) }
        #expect(s.settings.map.zoom == -2)
        for _ in 0..<20 { s = reduce(s, .map(.heatmapRadius(by: 1))); s = reduce(s, .map(.heatmapIntensity(by: -1))) }
        #expect(s.settings.map.heatmap.radius == 10 && s.settings.map.heatmap.intensity == 1)
        s = reduce(s, .map(.heatmapToggle))
        #expect(s.settings.map.heatmap.enabled)
        s = reduce(s, .map(.heatmapCycleRamp))
        #expect(s.settings.map.heatmap.ramp == .inferno)
        s = reduce(s, .map(.heatmapBindToCursorSeries))
        #expect(s.settings.map.heatmap.seriesID == "A · PM10")
        #expect(reduce(s, .map(.heatmapBindToCursorSeries)).settings.map.heatmap.seriesID == nil)
    }

    @Test func panNeedsPositionsAndResetCentresAgain() {
        var s = loaded()
        #expect(reduce(s, .map(.pan(dx: 0.25, dy: 0))) == s, "no positions: nothing to pan")
        var data = DataSummary(catalog: s.catalog, range: s.dataRange, name: s.dataName)
        data.bounds = GeoBounds(minLat: 50, maxLat: 52, minLon: 4, maxLon: 6)
        s = reduce(s, .data(.dataChanged(data, version: 2)))
        s = reduce(s, .map(.pan(dx: 0.25, dy: 0.25)))
        #expect((s.settings.map.centerLon ?? 0) > 5 && (s.settings.map.centerLat ?? 0) > 51)
        s = reduce(s, .map(.reset))
        #expect(s.settings.map.centerLat == nil && s.settings.map.centerLon == nil && s.settings.map.zoom == 0)
    }
}

@Suite struct ThemesReducerTests {
    @Test func movingPreviewsEscGoesBackEnterRemembers() {
        var s = reduce(loaded(), .menu(.choose(MenuEntry.allCases.firstIndex(of: .theme)!)))
        #expect(s.outbox == [.listThemes])
        s = reduce(s, .themes(.listed(["dark", "light", "mono"])))
        s = reduce(s, .themes(.move(by: 1)))
        #expect(s.ui.theme == "light")
        #expect(reduce(s, .app(.closeOverlay)).ui.theme == "dark", "Esc brings the theme before back")
        s = reduce(s, .themes(.move(by: 9)))
        s = reduce(s, .themes(.choose))
        #expect(s.ui.theme == "mono" && s.topOverlay == nil && s.outbox.last == .saveTheme(name: "mono"))
        #expect(s.settings == loaded().settings && s.history == loaded().history, "a theme is not part of the view's history")
    }

    @Test func themeActionsWithoutThePickerChangeNothing() {
        let s = loaded()
        for a in [ThemesAction.listed(["x"]), .move(by: 1), .choose] { #expect(reduce(s, .themes(a)) == s, "\(a)") }
    }
}

@Suite struct MenuReducerTests {
    @Test func everyEntryGoesWhereItSays() {
        func choose(_ e: MenuEntry) -> AppState { reduce(reduce(loaded(), .menu(.open)), .menu(.choose(MenuEntry.allCases.firstIndex(of: e)!))) }
        #expect(choose(.sessions).topOverlay == .sessions(SessionsDialog()))
        #expect(choose(.series).topOverlay.map { if case .form(let f) = $0 { f.purpose == .filters } else { false } } == true)
        #expect(choose(.thresholds).topOverlay == .thresholds(cursor: 0))
        #expect(choose(.dashboard).ui.focus == .dashboard && choose(.dashboard).topOverlay == nil)
        #expect(choose(.plot).ui.focus == .plot)
        #expect(choose(.map).ui.focus == .map)
        #expect(choose(.help).topOverlay == .help)
        #expect(choose(.quit).ui.quitRequested)
        #expect(reduce(loaded(), .menu(.choose(99))).ui.quitRequested, "an index past the end is the last entry")
    }

    @Test func helpScrollStaysInsideTheHelp() {
        var s = reduce(loaded(), .menu(.openHelp))
        s = reduce(s, .menu(.scrollHelp(by: -3)))
        #expect(s.ui.helpScroll == 0)
        s = reduce(s, .menu(.scrollHelp(by: 1000)))
        #expect(s.ui.helpScroll == HelpText.lines.count - 1)
        #expect(reduce(reduce(s, .app(.closeOverlay)), .menu(.openHelp)).ui.helpScroll == 0)
    }
}

@Suite struct SeriesReducerTests {
    @Test func toggleClearAndTheFilterField() {
        var s = reduce(loaded(), .series(.toggle(id: "B · temp")))
        #expect(s.settings.series.selected == ["A · PM10", "B · temp"])
        s = reduce(s, .series(.clearSelection))
        #expect(s.settings.series.selected.isEmpty)
        s = reduce(s, .series(.selectDefault))
        #expect(s.settings.series.selected == ["A · PM10"])
        #expect(reduce(s, .series(.editFilter(TextInput(purpose: .seriesFilter, text: "x", original: "")))) == s,
                "typing without the field open changes nothing")
        s = reduce(s, .app(.open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: "")))))
        s = reduce(s, .series(.editFilter(TextInput(purpose: .seriesFilter, text: "temp", original: ""))))
        #expect(s.visibleSeries.map(\.id) == ["B · temp"] && s.ui.cursor == 0)
        #expect(reduce(s, .series(.commitFilter)).topOverlay == nil)
        #expect(reduce(s, .series(.commitFilter)).settings.series.filter.text == "temp")
    }
}

@Suite struct LibraryChangedTests {
    @Test func anOpenSessionsDialogReadsItsListAgainAndAClosedOneDoesNot() {
        var s = reduce(AppState(), .sessions(.libraryChanged))
        #expect(s.outbox.isEmpty)
        s = reduce(s, .sessions(.open))
        s.outbox = []
        s = reduce(s, .sessions(.libraryChanged))
        #expect(s.outbox == [.listSessions])
        // Under a question the dialog is still there: its list is still worth refreshing, once.
        s = reduce(s, .sessions(.libraryChanged))
        #expect(s.outbox == [.listSessions])
    }
}
