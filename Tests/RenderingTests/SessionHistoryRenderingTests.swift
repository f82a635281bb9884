import DataCore
import Testing
import ViewCore
@testable import Rendering

@Suite struct SessionHistoryRenderingTests {
    @Test func historyRowsAndDiffAreDrawnInTheDialog() {
        let store = fixtureStore()
        var s = fixtureState(store, width: 100, height: 30)
        var a = ViewSettings(), b = ViewSettings()
        a.map.zoom = 3
        b.map.zoom = 5
        let versions = [SessionVersion(number: 1, event: .created, author: "ana", at: 1_793_491_200_000, name: "Smog", shareable: false, settings: a),
                        SessionVersion(number: 2, event: .saved, author: "ana", at: 1_793_494_800_000, name: "Smog", shareable: false, settings: b)]
        var h = HistoryDialog(name: "Smog")
        h.rows = HistoryDialog.rows(versions)
        h.loading = false
        s.ui.overlays = [.sessionHistory(h)]
        let text = ViewRenderer.render(s, store).text
        #expect(text.contains("History of \"Smog\""))
        #expect(text.contains("version 2 · 2026-11-01 01:00 UTC · ana · map zoom 3→5"))
        #expect(text.contains("version 1 · 2026-11-01 00:00 UTC · ana · created"))
        // The viewer's own zone (the display zone `local`): times and abbreviation follow it.
        s.ui.localZone = "Europe/Berlin"
        let berlin = ViewRenderer.render(s, store).text
        #expect(berlin.contains("version 2 · 2026-11-01 02:00 CET · ana · map zoom 3→5"), "\(berlin)")
        s.settings.plot.timeZone = .named("America/New_York")
        let pinned = ViewRenderer.render(s, store).text
        #expect(pinned.contains("version 1 · 2026-10-31 20:00 EDT · ana · created"), "a zone the session pins: \(pinned)")
        #expect(text.contains("Enter diff with current"))
        h.cursor = 1
        h.diff = h.diffPane(for: h.rows[1])
        s.ui.overlays = [.sessionHistory(h)]
        let diff = ViewRenderer.render(s, store).text
        #expect(diff.contains("Smog: version 1 → current version 2"))
        #expect(diff.contains("  ~ zoom: 3 → 5"))
    }
}
