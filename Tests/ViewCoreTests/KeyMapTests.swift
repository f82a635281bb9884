import DataCore
import Testing
@testable import ViewCore

@Suite struct KeyMapTests {
    func apply(_ keys: [Key], to state: AppState) -> AppState {
        keys.reduce(state) { s, k in KeyMap.actions(for: .key(k), in: s).reduce(s, reduce) }
    }

    @Test func jkSpaceSelectInTheSeriesPane() {
        let s = apply([.char("j"), .char("j"), .char(" ")], to: loaded())
        #expect(s.settings.series.selected == ["A · PM10", "B · PM10"])
        #expect(apply([.down, .up, .up], to: loaded()).ui.cursor == 0)
    }

    @Test func slashTypesIntoTheFilterAndEscUndoes() {
        var s = apply([.char("/"), .char("t"), .char("e")], to: loaded())
        #expect(s.settings.series.filter.text == "te")
        #expect(s.visibleSeries.map(\.id) == ["B · temp"])
        s = apply([.backspace, .backspace, .escape], to: s)
        #expect(s.settings.series.filter.text == "")
        #expect(s.topOverlay == nil)
    }

    @Test func typingInTheFilterDoesNotTriggerCommands() {
        // "q" inside the filter is a letter, not quit.
        let s = apply([.char("/"), .char("q")], to: loaded())
        #expect(!s.ui.quitRequested)
        #expect(s.settings.series.filter.text == "q")
    }

    @Test func helpOpensAndClosesWithEsc() {
        var s = apply([.char("?")], to: loaded())
        #expect(s.topOverlay == .help)
        s = apply([.escape], to: s)
        #expect(s.topOverlay == nil)
    }

    @Test func menuOpensWithMAndF10AndChoosesByLetter() {
        #expect(apply([.char("m")], to: loaded()).topOverlay == .menu(selected: 0))
        #expect(apply([.function(10)], to: loaded()).topOverlay == .menu(selected: 0))
        let s = apply([.char("m"), .down, .down, .down, .enter], to: loaded())
        #expect(s.topOverlay == nil)
        #expect(s.ui.focus == .dashboard)
        #expect(apply([.char("m"), .char("q")], to: loaded()).ui.quitRequested)
    }

    @Test func qQuitsAndEscInPaneReturnsToSeries() {
        #expect(apply([.char("q")], to: loaded()).ui.quitRequested)
        let s = apply([.tab, .escape], to: loaded())
        #expect(s.ui.focus == .series)
    }

    @Test func clickOnMenuGlyphOpensMenuAndClickOnRowToggles() {
        var s = loaded()
        s = reduce(s, .app(.resize(width: 100, height: 30)))
        let open = KeyMap.actions(for: .mouse(MouseEvent(x: 1, y: 0, kind: .press)), in: s)
        #expect(open == [.menu(.open)])
        // Row 3 of the series list (y = 1 border + 1 + 2) is "B · PM10".
        let click = KeyMap.actions(for: .mouse(MouseEvent(x: 5, y: 4, kind: .press)), in: s)
        s = click.reduce(s, reduce)
        #expect(s.settings.series.selected == ["A · PM10", "B · PM10"])
        #expect(s.ui.cursor == 2)
    }

    @Test func wheelOverThePlotZooms() {
        var s = reduce(loaded(), .app(.resize(width: 100, height: 30)))
        let plot = ScreenLayout(width: 100, height: 30).panes[.plot]!
        s = KeyMap.actions(for: .mouse(MouseEvent(x: plot.x + 5, y: plot.y + 3, kind: .wheelUp)), in: s).reduce(s, reduce)
        #expect(s.settings.plot.span != nil)
    }

    @Test func layoutFitsEightyByTwentyFour() {
        let l = ScreenLayout(width: 80, height: 24)
        let total = l.panes.values.reduce(0) { $0 + $1.width * $1.height }
        #expect(total == 80 * 22)  // the panes tile the body exactly
        for r in l.panes.values { #expect(r.width >= 10 && r.height >= 5) }
    }
}
