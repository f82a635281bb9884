import DataCore
import Testing
import ViewCore
@testable import Rendering

@Suite struct ScreenTests {
    let store = fixtureStore()

    func lines(_ g: CellGrid) -> [String] { g.text.components(separatedBy: "\n") }

    @Test(arguments: [(80, 24), (200, 60)])
    func mainScreenMatchesGolden(size: (Int, Int)) {
        let s = fixtureState(store, width: size.0, height: size.1)
        let g = ViewRenderer.render(s, store)
        #expect(g.width == size.0 && g.height == size.1)
        #expect(matchesGolden(g.text, "main-\(size.0)x\(size.1)"))
    }

    @Test func titleBarNamesDataAndMenu() {
        let g = ViewRenderer.render(fixtureState(store, width: 80, height: 24), store)
        let top = lines(g)[0]
        #expect(top.hasPrefix(" ☰ dataviewer · fixture.csv"))
        #expect(top.hasSuffix("no session"))
    }

    @Test func everyRowIsExactlyTheScreenWidth() {
        var s = fixtureState(store, width: 80, height: 24)
        s = reduce(s, .series(.toggle(id: "Zuilen · PM10")))
        let g = ViewRenderer.render(s, store)
        for y in 0..<g.height {
            let w = (0..<g.width).reduce(0) { $0 + (g[$1, y].isContinuation ? 0 : TextWidth.of(g[$1, y].text)) }
            let continuation = (0..<g.width).filter { g[$0, y].isContinuation }.count
            #expect(w + continuation == 80, "row \(y)")
        }
    }

    @Test func selectingASeriesAddsItToTheLegendAndChangesThePlot() {
        let s0 = fixtureState(store, width: 100, height: 30)
        let s1 = reduce(s0, .series(.toggle(id: "Zuilen · PM10")))
        let a = ViewRenderer.render(s0, store).text, b = ViewRenderer.render(s1, store).text
        #expect(a.contains("━ Centrum · PM10 (µg/m³)"))
        #expect(!a.contains("━ Zuilen · PM10"))
        #expect(b.contains("━ Zuilen · PM10 (µg/m³)"))
        #expect(a != b)
    }

    @Test func plotStylesDrawDifferently() {
        var s = fixtureState(store, width: 100, height: 30)
        var seen = Set<String>()
        for _ in PlotSettings.Style.allCases {
            let plot = ScreenLayout(width: 100, height: 30).panes[.plot]!
            let g = ViewRenderer.render(s, store)
            let text = (plot.y..<plot.y + plot.height).map { y in (plot.x..<plot.x + plot.width).map { g[$0, y].text }.joined() }.joined()
            #expect(text.contains("Plot · \(s.settings.plot.style.rawValue)"))
            seen.insert(text)
            s = reduce(s, .plot(.cycleStyle))
        }
        #expect(seen.count == 4)
    }

    @Test func helpOverlayListsKeys() {
        let s = reduce(fixtureState(store, width: 80, height: 24), .app(.open(.help)))
        let t = ViewRenderer.render(s, store).text
        #expect(t.contains("Help · keys"))
        #expect(t.contains("select or unselect the series"))
        #expect(t.contains("Esc close"))
    }

    @Test func menuShowsAllEntries() {
        let s = reduce(fixtureState(store, width: 80, height: 24), .app(.open(.menu(selected: 2))))
        let t = ViewRenderer.render(s, store).text
        for e in MenuEntry.allCases { #expect(t.contains(e.rawValue)) }
    }

    @Test func asciiFallbackHasNoBrailleOrBoxDrawing() {
        var s = fixtureState(store, width: 80, height: 24)
        s.ui.unicode = false
        let t = ViewRenderer.render(s, store).text
        #expect(t.hasPrefix(" = dataviewer"))
        #expect(!t.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) || (0x2500...0x257F).contains($0.value) })
        #expect(matchesGolden(t, "ascii-80x24"))
    }

    @Test func tooSmallTerminalSaysSo() {
        let t = ViewRenderer.render(fixtureState(store, width: 30, height: 8), store).text
        #expect(t.contains("Terminal too small: 30×8"))
    }

    @Test func hostileNamesCannotWriteEscapes() {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "x", name: "evil\u{1B}]52;c;aGk=\u{07}\u{1B}[2J", phenomenon: "p", station: nil, unit: nil))
        store.append(series: i, time: 0, value: 1)
        store.append(series: i, time: 60_000, value: 2)
        store.finish()
        let t = ViewRenderer.render(fixtureState(store, width: 80, height: 24), store).text
        #expect(!t.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(t.contains("evil␛]52;c;aGk=␇␛[2J"))
    }

    @Test func wideCharactersKeepColumnsAligned() {
        var g = CellGrid(width: 10, height: 1)
        let used = g.put("测试ab", x: 0, y: 0)
        #expect(used == 6)
        #expect(g.text == "测试ab")
        g.put("x", x: 1, y: 0)  // overwrites half of 测: the other half is blanked
        #expect(g.text == " x试ab")
    }

    @Test func truncationEndsWithEllipsis() {
        #expect(TextWidth.truncate("Kanaleneiland · PM10", to: 10) == "Kanalenei…")
        #expect(TextWidth.of("🌡️x") == 3)
    }
}
