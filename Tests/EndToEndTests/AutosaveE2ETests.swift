import Foundation
import Testing

/// Autosave: every change is in the library before the next frame, so that
/// `kill -9` loses nothing and the next start on the same data draws exactly the same screen.
@Suite("Autosave", .timeLimit(.minutes(2)))
struct AutosaveE2ETests {
    /// Changes every part of the view with keys, ending with the map focused; returns the quiet screen.
    private func changeEverything(_ tmux: TmuxSession) async throws -> Screen {
        try await LiveE2E.cursorTo(tmux, series: "Bravo · NO2")
        try await LiveE2E.press(tmux, ["Space"], until: "Bravo · NO2 selected") { $0.legend.contains { $0.hasPrefix("Bravo · NO2") } }
        try await LiveE2E.press(tmux, ["j", "j", "p", "p", "a", "a", "f"], until: "bar, hour min") {
            LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · bar · hour min") == true
        }
        try await LiveE2E.press(tmux, ["Tab", "+", "h"], until: "the plot zoomed") { LiveE2E.paneTitle($0, "Plot")?.contains("(zoomed)") == true }
        try await LiveE2E.press(tmux, ["Tab", "+", "l", "H", "]", "c"], until: "the map zoomed with a heat-map") {
            LiveE2E.mapPlace($0)?.zoom == 1 && LiveE2E.focusedPane($0) == "Map"
        }
        // A new Exceedances-less panel kind; the selection goes back to the first panel.
        try await LiveE2E.press(tmux, ["Tab", "n", "t", "t", "k"], until: "a fourth panel") { LiveE2E.panelCount($0) == 4 }
        return try await LiveE2E.press(tmux, ["BTab"], until: "the map focused again") { LiveE2E.focusedPane($0) == "Map" }
    }

    @Test("kill -9 after a dozen changes: the next start draws exactly the same screen, title bar included")
    func killRestoresExactScreen() async throws {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, fresh) = try await world.viewer([data])
        let before = try await changeEverything(tmux)
        #expect(LiveE2E.same(before, fresh) == false, "the keys should have changed the view")
        try await LiveE2E.killHard(tmux)
        tmux.kill()

        let (again, after) = try await world.viewer([data])
        #expect(LiveE2E.same(after, before), "the restored screen differs:\(LiveE2E.diff(before, after, "before kill", "after start"))\(after.dump)")
        #expect(LiveE2E.paneTitle(after, "Plot")?.hasPrefix("Plot · bar · hour min") == true, "\(after.dump)")
        #expect(after.legend.contains { $0.hasPrefix("Bravo · NO2") }, "\(after.dump)")
        // And it goes on from there: the restored view is live.
        let next = try await LiveE2E.press(again, ["-"], until: "the map zoomed out") { LiveE2E.mapPlace($0)?.zoom == 0 }
        #expect(next.lines[1...] != after.lines[1...])
    }

    @Test("the selected dashboard panel (▶) is restored after kill -9 and after q")
    func dashboardSelectionRestored() async throws {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, _) = try await world.viewer([data])
        let before = try await LiveE2E.press(tmux, ["Tab", "Tab", "Tab", "j", "j"], until: "the third panel selected") {
            LiveE2E.panels($0).firstIndex(where: \.selected) == 2
        }
        try await LiveE2E.killHard(tmux)
        tmux.kill()
        let (again, after) = try await world.viewer([data])
        #expect(LiveE2E.panels(after).firstIndex(where: \.selected) == 2,
                "after kill -9 the ▶ should still be on the third panel:\(LiveE2E.diff(before, after, "before kill", "after start"))")
        #expect(LiveE2E.same(after, before), "\(LiveE2E.diff(before, after, "before kill", "after start"))")

        // The same after a clean quit.
        // The dashboard is still focused (the focus is restored): select the second panel.
        #expect(LiveE2E.focusedPane(after) == "Dashboard", "\(after.dump)")
        let start = LiveE2E.panels(after).firstIndex(where: \.selected) ?? 0
        let index = start == 1 ? 2 : 1
        let chosen = try await LiveE2E.press(again, [index > start ? "j" : "k"], until: "panel \(index) selected") {
            LiveE2E.panels($0).firstIndex(where: \.selected) == index
        }
        try again.send("q")
        #expect(try await again.waitForExit() == 0)
        again.kill()
        let (_, third) = try await world.viewer([data])
        #expect(LiveE2E.panels(third).firstIndex(where: \.selected) == index,
                "after q the ▶ should still be on panel \(index):\(LiveE2E.diff(chosen, third, "before q", "after start"))")
    }

    @Test("undo history survives kill -9: u after the restart undoes the last change before it")
    func undoSurvivesKill() async throws {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, _) = try await world.viewer([data])
        try await LiveE2E.press(tmux, ["p"], until: "scatter") { LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · scatter · 71 h") == true }
        try await LiveE2E.press(tmux, ["a"], until: "minute mean") { LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · scatter · minute mean") == true }
        try await LiveE2E.killHard(tmux)
        tmux.kill()
        let (again, _) = try await world.viewer([data])
        let undone = try await LiveE2E.press(again, ["u"], until: "one change undone") {
            LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · scatter · 71 h") == true
        }
        #expect(undone.lines.last?.contains("undone") == true, "\(undone.dump)")
        try await LiveE2E.press(again, ["u"], until: "two changes undone") { LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · line · 71 h") == true }
        try await LiveE2E.press(again, ["C-r"], until: "one redone") { LiveE2E.paneTitle($0, "Plot")?.hasPrefix("Plot · scatter · 71 h") == true }
    }

    @Test("render after q draws the viewer's last screen: plot title, selection, legend, every line")
    func renderAfterQuit() async throws {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, _) = try await world.viewer([data], width: 120, height: 36)
        let last = try await changeEverything(tmux)
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        tmux.kill()
        try await expectRenderEquals(world, data, last)
    }

    @Test("render after kill -9 draws the autosaved view, the same as the viewer showed")
    func renderAfterKill() async throws {
        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, _) = try await world.viewer([data], width: 120, height: 36)
        try await LiveE2E.cursorTo(tmux, series: "Delta · temperature")
        let last = try await LiveE2E.press(tmux, ["Space", "p", "Tab", "Tab", "H"], until: "a heat-map") {
            LiveE2E.paneTitle($0, "Map")?.contains("heat") == true
        }
        try await LiveE2E.killHard(tmux)
        tmux.kill()
        try await expectRenderEquals(world, data, last)
    }

    /// `render` on the same data and library at the viewer's size prints the viewer's last screen.
    private func expectRenderEquals(_ world: LiveWorld, _ data: String, _ last: Screen,
                                    sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await world.render([data], width: 120, height: 36)
        #expect(r.status == 0, "render failed: \(r.stderrText)", sourceLocation: sourceLocation)
        #expect(!r.stdoutText.contains("\u{1B}"), "render must not write escape sequences", sourceLocation: sourceLocation)
        let rendered = Screen(r.stdoutText)
        #expect(LiveE2E.paneTitle(rendered, "Plot") == LiveE2E.paneTitle(last, "Plot"),
                "plot title: \(LiveE2E.paneTitle(rendered, "Plot") ?? "nil")\(rendered.dump)", sourceLocation: sourceLocation)
        #expect(rendered.seriesRows.map { "\($0.selected) \($0.name)" } == last.seriesRows.map { "\($0.selected) \($0.name)" },
                "\(rendered.dump)", sourceLocation: sourceLocation)
        #expect(rendered.legend == last.legend, "\(rendered.dump)", sourceLocation: sourceLocation)
        #expect(LiveE2E.paneTitle(rendered, "Map") == LiveE2E.paneTitle(last, "Map"), "\(rendered.dump)", sourceLocation: sourceLocation)
        #expect(LiveE2E.rtrim(rendered.lines).elementsEqual(LiveE2E.rtrim(last.lines)),
                "render differs from the viewer's last screen:\(LiveE2E.diff(last, rendered, "viewer", "render"))", sourceLocation: sourceLocation)
    }

    @Test("--fresh starts from the default view, not the autosaved one; render --fresh too")
    func freshIgnoresAutosave() async throws {
        // The default view: the first start in an empty library.
        let empty = try LiveWorld()
        let emptyData = try empty.write("city.csv", LiveE2E.cityCSV())
        let (first, defaultView) = try await empty.viewer([emptyData])
        first.kill()

        let world = try LiveWorld()
        let data = try world.write("city.csv", LiveE2E.cityCSV())
        let (tmux, _) = try await world.viewer([data])
        let changed = try await changeEverything(tmux)
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        tmux.kill()

        let (freshRun, fresh) = try await world.viewer([data], ["--fresh"])
        #expect(LiveE2E.maskClock(fresh).elementsEqual(LiveE2E.maskClock(defaultView)),
                "--fresh should draw the default view:\(LiveE2E.diff(defaultView, fresh, "default", "--fresh"))")
        #expect(!LiveE2E.maskClock(fresh).elementsEqual(LiveE2E.maskClock(changed)), "\(fresh.dump)")

        let r = try await world.render([data], ["--fresh"], width: 120, height: 36)
        #expect(r.status == 0, "\(r.stderrText)")
        let rendered = Screen(r.stdoutText)
        #expect(LiveE2E.rtrim(rendered.lines).dropFirst().elementsEqual(LiveE2E.rtrim(defaultView.lines).dropFirst()),
                "render --fresh should draw the default view:\(LiveE2E.diff(defaultView, rendered, "default", "render --fresh"))")

        // What was on screen last (the fresh view) is what the next start restores.
        try freshRun.send("q")
        #expect(try await freshRun.waitForExit() == 0)
        freshRun.kill()
        let (_, next) = try await world.viewer([data])
        #expect(LiveE2E.same(next, fresh), "the next start should restore the view last on screen:\(LiveE2E.diff(fresh, next, "last on screen", "next start"))")
    }
}
