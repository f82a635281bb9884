import DataCore
import Testing
import ViewCore
@testable import Rendering

/// The parts of the live view drawn at the smallest and a large size.
@Suite struct LiveViewRenderingTests {
    let store = fixtureStore()

    /// Every part in use: two series, an applied threshold, all panel kinds, a heat-map.
    func busyState(width: Int, height: Int, heat: Bool) -> AppState {
        var s = fixtureState(store, width: width, height: height)
        s = reduce(s, .series(.toggle(id: "Zuilen · PM10")))
        s.settings.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: 40, label: "limit 40", color: "red")]
        s.settings.dashboard = DashboardPanel.Kind.allCases.map { DashboardPanel(kind: $0) }
        if heat { s = reduce(s, .map(.heatmapToggle)) }
        return s
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func everyPartAtSize(size: (Int, Int)) {
        let g = ViewRenderer.render(busyState(width: size.0, height: size.1, heat: false), store)
        #expect(matchesGolden(g.text, "busy-\(size.0)x\(size.1)"))
        #expect(g.text.contains("limit 40"))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func heatmapAtSize(size: (Int, Int)) {
        let s = busyState(width: size.0, height: size.1, heat: true)
        let g = ViewRenderer.render(s, store)
        #expect(matchesGolden(g.text, "heat-\(size.0)x\(size.1)"))
        let map = ScreenLayout(width: size.0, height: size.1).panes[.map]!
        let cells = (map.y..<map.y + map.height).flatMap { y in (map.x..<map.x + map.width).map { g[$0, y] } }
        #expect(cells.contains { if case .heat = $0.role { return true } else { return false } })
        if size.0 >= 120 { #expect(g.text.contains("heat r2 i5 viridis")) }
    }

    @Test func thresholdColoursExceedingPointsAndCountsThem() {
        let s = busyState(width: 120, height: 40, heat: false)
        let g = ViewRenderer.render(s, store)
        let plot = ScreenLayout(width: 120, height: 40).panes[.plot]!
        let roles = (plot.y..<plot.y + plot.height).flatMap { y in (plot.x..<plot.x + plot.width).map { g[$0, y].role } }
        #expect(roles.contains(.named(0)))  // red: the threshold line and points above 40
        // Centrum PM10 = 30 + 15 sin(…): above 40 for part of each day.
        #expect(g.text.contains(#/limit 40: \d+ of 96/#))
    }

    @Test func filtersNarrowWhatIsDrawn() {
        var s = busyState(width: 120, height: 40, heat: false)
        s.settings.series.filter.phenomenon = "temperature"
        let t = ViewRenderer.render(s, store).text
        #expect(t.contains("Series 2/3"))
        #expect(t.contains("select a series with Space"))  // the selected PM10 series are filtered out
    }

    @Test func mapZoomAndPanChangeTheTitle() {
        var s = busyState(width: 120, height: 40, heat: false)
        let before = ViewRenderer.render(s, store).text
        s = reduce(s, .map(.zoom(by: 2)))
        s = reduce(s, .map(.pan(dx: 0.25, dy: 0)))
        let after = ViewRenderer.render(s, store).text
        #expect(before.contains("zoom 0") && after.contains("zoom 2"))
        #expect(before != after)
    }
}

/// A background read in the title bar: bar, bytes, rows, rate and time left; cut to fit.
@Suite struct LoadingBarRenderingTests {
    @Test func theTitleBarShowsTheReadWhileTheSeriesWait() {
        var s = reduce(AppState(), .app(.resize(width: 120, height: 24)))
        s = reduce(s, .data(.start(.fresh)))
        let l = Loading(progress: LoadProgress(bytes: 120_000_000, totalBytes: 480_000_000, rows: 2_500_000), seconds: 2, what: "big.csv")
        s = reduce(s, .data(.loading(.progress(l))))
        let grid = ViewRenderer.render(s, MeasurementStore())
        let title = grid.text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.contains("dataviewer · big.csv"))
        #expect(title.contains("reading [███░░░░░░░░░░] 25% · 120/480 MB · 2.5M rows · 60 MB/s · 6 s left"), "\(title)")
        #expect(title.hasSuffix("no session"))
        #expect(grid.text.contains("reading the data…"))
        // At 80 columns the facts at the end give way first.
        s = reduce(s, .app(.resize(width: 80, height: 24)))
        let narrow = ViewRenderer.render(s, MeasurementStore()).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(narrow.contains("reading [") && narrow.contains("25%") && !narrow.contains("left"), "\(narrow)")
        #expect(narrow.hasSuffix("no session"))
    }
}
