import Testing
@testable import ViewCore

/// The remembered theme and map layer choice arrive from the library after start, as actions.
@Suite struct StartPreferencesTests {
    @Test func theRememberedThemeAppliesUnlessThePickerIsOpen() {
        var s = reduce(AppState(), .app(.resize(width: 120, height: 40)))
        s.ui.theme = "dark"
        let applied = reduce(s, .themes(.preferred("solarized")))
        #expect(applied.ui.theme == "solarized")
        // The user opened the picker before the library answered: their choice under way wins.
        var picking = reduce(s, .themes(.open))
        picking.outbox = []
        picking = reduce(picking, .themes(.preferred("solarized")))
        #expect(picking.ui.theme == "dark")
    }

    @Test func aThemeFileThatCannotBeReadSaysSoOnlyForTheThemeShown() {
        var s = AppState()
        s.ui.theme = "broken"
        let told = reduce(s, .themes(.loaded(name: "broken", problem: "broken.toml, line 3: bad colour")))
        #expect(told.ui.message == "using the default theme: broken.toml, line 3: bad colour")
        // An older preview's file: the picker has moved on, nothing to say.
        let stale = reduce(s, .themes(.loaded(name: "other", problem: "other.toml: no such theme")))
        #expect(stale.ui.message == nil)
        #expect(reduce(s, .themes(.loaded(name: "broken", problem: nil))).ui.message == nil)
    }

    @Test func theRememberedMapLayerChoiceApplies() {
        let s = AppState()
        #expect(s.ui.mapLayer)
        #expect(reduce(s, .map(.layerPreferred(false))).ui.mapLayer == false)
        #expect(reduce(reduce(s, .map(.layerPreferred(false))), .map(.layerPreferred(true))).ui.mapLayer)
    }
}
