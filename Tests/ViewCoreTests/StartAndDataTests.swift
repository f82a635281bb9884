import DataCore
import Testing
@testable import ViewCore

/// `.start` applies what it can at once; the cursor, the first series and notices wait for the data.
@Suite struct StartAndDataTests {
    let data = DataSummary(catalog: catalog(["A · PM10", "A · NO2", "B · PM10", "B · temp"]), range: 0...1000,
                           name: "x.csv", longestSeries: "B · PM10")

    @Test func aFreshStartShowsTheLongestSeriesOnceTheDataIsThere() {
        var s = reduce(AppState(), .data(.start(.fresh)))
        #expect(s.settings.series.selected.isEmpty && s.data.waiting != nil)
        s = reduce(s, .data(.dataChanged(data, version: 1)))
        #expect(s.settings.series.selected == ["B · PM10"])
        #expect(s.ui.cursor == 2)
        #expect(s.data.waiting == nil && s.data.version == 1)
        #expect(s.history.past.isEmpty)  // data arriving is not a change to undo
    }

    @Test func anAutosavedViewAppliesAtOnceAndItsPlaceWhenTheDataArrives() {
        var settings = ViewSettings()
        settings.series.selected = ["A · NO2", "gone"]
        settings.plot.style = .step
        let history = UndoHistory(past: [ViewSettings()])
        let start = StartView(settings: settings, sessionName: "Smog", savedSettings: settings,
                              place: ViewPlace(focus: .plot, cursor: 3), autosavedLabel: "12:00:00", history: history)
        var s = reduce(AppState(), .data(.start(start)))
        #expect(s.settings.plot.style == .step && s.ui.focus == .plot)
        #expect(s.session.name == "Smog" && s.session.autosaved == "12:00:00")
        #expect(s.history == history)
        #expect(s.ui.cursor == 0)  // no data yet
        s = reduce(s, .data(.dataChanged(data, version: 1)))
        #expect(s.ui.cursor == 3)
        #expect(s.settings == settings && s.history == history)
        #expect(s.ui.message == "1 series of the session are not in the data: gone")
    }

    @Test func aStartAfterTheDataAppliesEverythingAtOnce() {
        var s = reduce(AppState(), .data(.dataChanged(data, version: 1)))
        s = reduce(s, .data(.start(StartView(place: ViewPlace(focus: .series, cursor: 1)))))
        #expect(s.ui.cursor == 1 && s.data.waiting == nil)
    }

    @Test func progressShowsUntilTheDataArrivesAndAFailureSaysWhy() {
        let l = Loading(progress: LoadProgress(bytes: 50, totalBytes: 200, rows: 10), seconds: 1, what: "big.csv")
        var s = reduce(AppState(), .data(.loading(.progress(l))))
        #expect(s.data.loading == l)
        #expect(l.rate == 50 && l.secondsLeft == 3)
        s = reduce(s, .data(.dataChanged(data, version: 1)))
        #expect(s.data.loading == nil)
        s = reduce(s, .data(.loading(.progress(l))))
        s = reduce(s, .data(.loading(.failed("could not read the data again"))))
        #expect(s.data.loading == nil && s.ui.message == "could not read the data again")
        #expect(s.catalog.count == 4)  // what was loaded stays
    }

    @Test func skippedRowsOpenTheirNoticeWithTheFirstData() {
        var report = LoadReport()
        report.skippedRows = 2
        report.issues = [LoadIssue(file: "x.csv", line: 3, column: "value", reason: "\"n/a\" is not a number")]
        var d = data
        d.report = report
        var s = reduce(AppState(), .data(.start(.fresh)))
        s = reduce(s, .data(.dataChanged(d, version: 1)))
        guard case .notice(let title, let lines)? = s.topOverlay else { Issue.record("no notice"); return }
        #expect(title == "Skipped while reading x.csv")
        #expect(lines == ["x.csv:3: column \"value\": \"n/a\" is not a number"])
        // A later change (appended rows) opens no second notice.
        s = reduce(s, .app(.closeOverlay))
        s = reduce(s, .data(.dataChanged(d, version: 2)))
        #expect(s.topOverlay == nil)
    }
}
