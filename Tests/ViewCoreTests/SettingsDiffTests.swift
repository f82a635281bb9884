import DataCore
import Testing
@testable import ViewCore

private func base() -> ViewSettings {
    var s = ViewSettings()
    s.series.selected = ["A · PM10"]
    s.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: 50, label: "limit")]
    s.map.zoom = 3
    return s
}

@Suite struct SettingsDiffTests {
    @Test func equalSettingsHaveAnEmptyDiff() {
        let d = SettingsDiff(from: base(), to: base())
        #expect(d.isEmpty)
        #expect(d.lines == ["no differences"])
        #expect(d.summary == "no changes to the view")
    }

    @Test func seriesAddedAndRemovedBothWays() {
        var b = base()
        b.series.selected = ["A · PM10", "B · NO2", "C · O3"]
        let forward = SettingsDiff(from: base(), to: b)
        #expect(forward.changes == [SettingsDiff.Change(.series, .added, "B · NO2"), SettingsDiff.Change(.series, .added, "C · O3")])
        #expect(forward.summary == "+2 series")
        #expect(forward.lines == ["series", "  + B · NO2", "  + C · O3"])
        let back = SettingsDiff(from: b, to: base())
        #expect(back.changes.map(\.kind) == [.removed, .removed])
        #expect(back.summary == "−2 series")
    }

    @Test func seriesOrderAndFilters() {
        var a = base(), b = base()
        a.series.selected = ["x", "y"]
        b.series.selected = ["y", "x"]
        b.series.filter.text = "pm"
        b.series.filter.window = .last(milliseconds: 86_400_000)
        b.series.filter.valueMax = 80
        let d = SettingsDiff(from: a, to: b)
        #expect(d.lines == ["series", "  ~ order: x, y → y, x", "  ~ filter text: none → \"pm\"",
                            "  ~ time window: all → last 1 d", "  ~ maximum value: none → 80"])
        #expect(SettingsDiff(from: b, to: a).lines.contains("  ~ time window: last 1 d → all"))
    }

    @Test func thresholdsChangedAddedRemoved() {
        var b = base()
        b.thresholds[0].value = 40
        b.thresholds[0].applied = false
        b.thresholds.append(Threshold(id: 2, scope: .series("A · NO2"), value: 200, above: false, label: ""))
        let d = SettingsDiff(from: base(), to: b)
        #expect(d.lines == ["thresholds", "  + threshold A · NO2 (< 200)", "  ~ threshold PM10: 50 → 40",
                            "  ~ threshold PM10: applied → not applied"])
        #expect(d.summary == "+threshold A · NO2, threshold PM10 50→40, threshold PM10 applied→not applied")
        let back = SettingsDiff(from: b, to: base())
        #expect(back.lines.contains("  − threshold A · NO2 (< 200)"))
        #expect(back.lines.contains("  ~ threshold PM10: 40 → 50"))
    }

    @Test func dashboardPanelsAddedRemovedReordered() {
        var b = base()
        b.dashboard = [DashboardPanel(kind: .latest), DashboardPanel(kind: .statistics), DashboardPanel(kind: .histogram, seriesID: "A · PM10")]
        let d = SettingsDiff(from: base(), to: b)
        #expect(d.lines == ["dashboard", "  + panel Histogram of A · PM10", "  − panel Sparkline",
                            "  ~ panel order: Statistics, Latest values → Latest values, Statistics"])
        let back = SettingsDiff(from: b, to: base())
        #expect(back.lines.contains("  + panel Sparkline") && back.lines.contains("  − panel Histogram of A · PM10"))
    }

    @Test func plotFieldsInPeoplesWords() {
        var b = base()
        b.plot.style = .scatter
        b.plot.bucket = .hour
        b.plot.span = 6 * 3_600_000
        b.plot.yMin = 0
        b.plot.legend = false
        let d = SettingsDiff(from: base(), to: b)
        #expect(d.lines == ["plot", "  ~ style: line → scatter", "  ~ aggregation: raw → hour", "  ~ visible span: auto → 6 h",
                            "  ~ y min: auto → 0", "  ~ legend: on → off"])
        #expect(SettingsDiff(from: b, to: base()).lines.contains("  ~ style: scatter → line"))
    }

    @Test func mapAndHeatmap() {
        var b = base()
        b.map.zoom = 5
        b.map.heatmap.enabled = true
        b.map.heatmap.ramp = .inferno
        let d = SettingsDiff(from: base(), to: b)
        #expect(d.lines == ["map", "  ~ zoom: 3 → 5", "  ~ heat-map: off → on", "  ~ heat-map ramp: viridis → inferno"])
        #expect(SettingsDiff(from: b, to: base()).summary == "map zoom 5→3, map heat-map on→off, map heat-map ramp inferno→viridis")
    }

    @Test func theIssuesExampleSummary() {
        var b = base()
        b.series.selected += ["B · PM10", "C · PM10"]
        b.thresholds[0].value = 40
        b.map.zoom = 5
        #expect(SettingsDiff(from: base(), to: b).summary == "+2 series, threshold PM10 50→40, map zoom 3→5")
    }

    @Test func versionSummariesNameTheEvent() {
        func v(_ n: Int, _ e: SessionVersion.Event, _ s: ViewSettings, name: String = "S") -> SessionVersion {
            SessionVersion(number: n, event: e, author: "ana", at: 0, name: name, shareable: false, settings: s)
        }
        var changed = base()
        changed.plot.style = .bar
        let list = [v(1, .created, base()), v(2, .saved, changed), v(3, .saved, changed), v(4, .renamed(from: "S"), changed, name: "T"),
                    v(5, .shared, changed), v(6, .restored(version: 1), base())]
        #expect(VersionHistory.summaries(list) == ["created", "plot style line→bar", "saved, no changes to the view",
                                                   "renamed \"S\" → \"T\"", "shared", "restored version 1: plot style bar→line"])
        #expect(VersionHistory.summaries([v(7, .saved, base())]) == ["saved (older versions were trimmed)"])
    }

    @Test func eventsRoundTripThroughTheirStoredForm() {
        for e: SessionVersion.Event in [.created, .saved, .renamed(from: "old"), .shared, .unshared, .newLink, .restored(version: 4)] {
            #expect(SessionVersion.Event(kind: e.kind, detail: e.detail) == e)
        }
        #expect(SessionVersion.Event(kind: "from-the-future", detail: nil) == .saved)
    }
}

@Suite struct DataWatermarkTests {
    private func store(_ rows: [(String, Int64)]) -> MeasurementStore {
        var st = MeasurementStore(sourceName: "t")
        for (id, t) in rows {
            let i = st.seriesIndex(for: SeriesInfo(id: id, name: id, phenomenon: "PM10", station: nil, unit: ""))
            st.append(series: i, time: t, value: 1)
        }
        st.finish()
        return st
    }

    @Test func measurementsAddedNewAndMissingSeries() {
        let before = DataWatermark(selected: ["a", "b", "gone"], store: store([("a", 1), ("b", 2), ("gone", 3)]), sources: [])
        let now = store([("a", 1), ("a", 1_764_511_200_000), ("b", 2), ("c", 5)] + (0..<1203).map { _ in ("b", 9) })
        let since = DataSinceSaved(saved: before, now: DataWatermark(selected: ["a", "b", "gone"], store: now, sources: []))
        #expect(since.added == 1204)
        #expect(since.newSeries == ["c"])
        #expect(since.missing == ["gone"])
        #expect(since.message() == "+1,204 measurements since saved (to 2025-11-30 14:00 UTC); 1 new series; 1 series missing: gone")
        #expect(since.message(in: ZoneTable.named("Europe/Berlin")!).hasPrefix("+1,204 measurements since saved (to 2025-11-30 15:00 CET)"))
    }

    @Test func unchangedAndRewrittenData() {
        let st = store([("a", 1), ("a", 2)])
        let w = DataWatermark(selected: ["a"], store: st, sources: [])
        #expect(DataSinceSaved(saved: w, now: w).isUnchanged)
        #expect(DataSinceSaved(saved: w, now: w).message() == "no new measurements since saved")
        let fewer = DataWatermark(selected: ["a"], store: store([("a", 1)]), sources: [])
        #expect(DataSinceSaved(saved: w, now: fewer).message() == "−1 measurements since saved (the data was rewritten)")
    }

    @Test func thousandsAreGrouped() {
        #expect(DataSinceSaved.grouped(7) == "7")
        #expect(DataSinceSaved.grouped(1204) == "1,204")
        #expect(DataSinceSaved.grouped(12_345_678) == "12,345,678")
    }
}
