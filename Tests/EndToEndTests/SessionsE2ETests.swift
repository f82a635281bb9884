import Foundation
import Testing

/// The sessions dialog driven like a user would, checked on screen and through
/// `dataviewer sessions list --json` / `export` / `render --session`.
@Suite("Sessions dialog (E2E)", .timeLimit(.minutes(1)))
struct SessionsE2ETests {
    @Test("p, S, n, a name and Enter save the view: listed, title says saved, the CLI sees it, render shows it")
    func createSession() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try await lib.viewer()
        let start = try tmux.libraryScreen
        #expect(start.plotStyle == "line", "\(start.screen.dump)")
        #expect(start.titleBar.contains("no session"), "\(start.screen.dump)")

        try tmux.send("p")
        try await tmux.waitForPlot("scatter")
        try await tmux.openSessions(listing: [])
        #expect(try tmux.sessionsCursor() == "New session")
        try tmux.send("n")
        let form = try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        let formText = E2ELibraryScreen(form).dialogText(titled: "New session") ?? ""
        #expect(formText.contains("Name:") && formText.contains("[ ] shareable"), "\(form.dump)")

        try tmux.type("Smog week")
        try await tmux.waitFor("Name: Smog week")
        try tmux.send("Enter")
        let saved = try await tmux.waitForSessionList(["Smog week"])
        let v = E2ELibraryScreen(saved)
        #expect(v.dialog(titled: "New session") == nil, "the form should close after saving\(saved.dump)")
        #expect(v.titleBar.contains("session: Smog week · saved"), "\(saved.dump)")
        #expect(v.statusLine.contains("saved \"Smog week\""), "\(saved.dump)")
        #expect(v.sessionRows.first?.shareable == false, "not ticked, so no 📋 and no shared mark\(saved.dump)")
        #expect(try tmux.sessionsCursor() == "Smog week", "the new session is selected\(saved.dump)")
        let row = try #require(v.sessionRows.first).line
        #expect(row.range(of: #"\d{4}-\d\d-\d\d \d\d:\d\d"#, options: .regularExpression) != nil, "row shows its updated time: \(row)")

        let list = try await lib.sessions()
        #expect(list.count == 1, "\(list)")
        let info = try #require(list.first)
        #expect(info.name == "Smog week" && info.owner == "ana" && !info.shareable && info.link == nil, "\(info)")
        #expect(try await lib.storedPlotStyle("Smog week") == "scatter")

        let r = try await lib.render(session: "Smog week")
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        let rendered = E2ELibraryScreen(Screen(r.stdoutText))
        #expect(rendered.plotStyle == "scatter", "\(rendered.screen.dump)")
        #expect(rendered.titleBar.contains("session: Smog week"), "\(rendered.screen.dump)")

        // Esc closes the dialog; the view stays.
        try tmux.send("Escape")
        let closed = try await tmux.waitUntil("the dialog to close") { !E2ELibraryScreen($0).sessionsDialogOpen }
        #expect(E2ELibraryScreen(closed).plotStyle == "scatter", "\(closed.dump)")
    }

    @Test("the menu's Sessions entry (m, Enter) opens the same dialog")
    func sessionsFromTheMenu() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("From CLI", style: "bar")
        let tmux = try await lib.viewer()
        try tmux.send("m")
        let menu = try await tmux.waitFor("Series & filters")
        #expect(menu.contains("Sessions"), "\(menu.dump)")
        try tmux.send("Enter")
        try await tmux.waitForSessionList(["From CLI"])
    }

    @Test("s on a row asks to overwrite with Cancel focused; n keeps the stored view, y replaces it")
    func saveOverAsks() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Smog week", style: "line")
        let before = try #require(try await lib.sessions().first)
        let tmux = try await lib.viewer()
        try tmux.send("p")
        try await tmux.waitForPlot("scatter")
        try await tmux.openSessions(listing: ["Smog week"])
        try await tmux.selectSession("Smog week")
        try tmux.send("s")
        let form = try await tmux.waitUntil("the Save into form") { E2ELibraryScreen($0).dialog(titled: "Save into \"Smog week\"") != nil }
        #expect(E2ELibraryScreen(form).dialogText(titled: "Save into \"Smog week\"")?.contains("Name: Smog week") == true, "\(form.dump)")

        try tmux.send("Enter")
        let question = try await tmux.waitForQuestion("Overwrite session")
        #expect(question.contains("Session \"Smog week\" exists. Overwrite it with the current view?"), "\(question)")
        #expect(question.contains("[ Cancel ]") && question.contains("[ Overwrite ]"), "\(question)")
        try tmux.expectFocusedButton("[ Cancel ]")

        // n: nothing changes.
        try tmux.send("n")
        try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "Overwrite session") == nil }
        #expect(try await lib.storedPlotStyle("Smog week") == "line")

        // Enter on the focused Cancel: nothing changes either.
        let formAgain = try await tmux.waitUntil("the Save into form after n") { E2ELibraryScreen($0).dialog(titled: "Save into \"Smog week\"") != nil }
        _ = formAgain
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Overwrite session")
        try tmux.send("Enter")
        try await tmux.waitUntil("the question to go after Enter on Cancel") { E2ELibraryScreen($0).dialog(titled: "Overwrite session") == nil }
        #expect(try await lib.storedPlotStyle("Smog week") == "line")
        #expect(try await lib.sessions().first?.updatedAt == before.updatedAt)

        // y: overwritten.
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Overwrite session")
        try tmux.send("y")
        let saved = try await tmux.waitUntil("saved \"Smog week\"") {
            $0.lines.last?.contains("saved \"Smog week\"") == true && E2ELibraryScreen($0).dialog(titled: "Overwrite session") == nil
        }
        let v = E2ELibraryScreen(saved)
        #expect(v.dialog(titled: "Save into \"Smog week\"") == nil, "the form should close\(saved.dump)")
        #expect(v.titleBar.contains("session: Smog week · saved"), "\(saved.dump)")
        #expect(try await lib.storedPlotStyle("Smog week") == "scatter")
        let after = try await lib.sessions()
        #expect(after.map(\.name) == ["Smog week"], "still one session: \(after)")
        #expect(after.first?.createdAt == before.createdAt, "\(after)")
    }

    @Test("Enter on a row asks to load; Esc keeps the view, y applies the session")
    func loadAsks() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Bars", style: "bar")
        let tmux = try await lib.viewer()
        #expect(try tmux.libraryScreen.plotStyle == "line")
        try await tmux.openSessions(listing: ["Bars"])
        try await tmux.selectSession("Bars")
        try tmux.send("Enter")
        let question = try await tmux.waitForQuestion("Load session")
        #expect(question.hasPrefix("Load session \"Bars\"? The current view will be replaced."), "\(question)")
        #expect(question.contains("[ Cancel ]") && question.contains("[ Load ]"), "\(question)")

        try tmux.send("Escape")
        let cancelled = try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "Load session") == nil }
        #expect(E2ELibraryScreen(cancelled).plotStyle == "line", "Esc must not load\(cancelled.dump)")
        #expect(E2ELibraryScreen(cancelled).titleBar.contains("no session"), "\(cancelled.dump)")

        // The dialog may still be open (Esc closed only the question) or closed: either way, Enter on Bars again.
        if !E2ELibraryScreen(cancelled).sessionsDialogOpen {
            try await tmux.openSessions(listing: ["Bars"])
            try await tmux.selectSession("Bars")
        }
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Load session")
        try tmux.send("y")
        let loaded = try await tmux.waitForPlot("bar")
        let v = E2ELibraryScreen(loaded)
        #expect(!v.sessionsDialogOpen && v.dialog(titled: "Load session") == nil, "\(loaded.dump)")
        #expect(v.titleBar.contains("session: Bars · saved"), "\(loaded.dump)")
        #expect(v.statusLine.contains("loaded \"Bars\""), "\(loaded.dump)")

        // A change after loading marks the session modified; the stored session stays as it was.
        try tmux.send("p")
        let changed = try await tmux.waitForPlot("step")
        #expect(E2ELibraryScreen(changed).titleBar.contains("session: Bars · modified"), "\(changed.dump)")
        #expect(try await lib.storedPlotStyle("Bars") == "bar")
    }

    @Test("loading a session with a series the data lacks reports it and loads the rest")
    func loadWithMissingSeries() async throws {
        let lib = try E2ELibraryFixture()
        let doc = E2ELibraryFixture.settingsDocument(style: "bar")
            .replacingOccurrences(of: #"["humidity"]"#, with: #"["humidity", "ozone"]"#)
        let file = try lib.home.write("ozone.json", doc)
        try await lib.ok(["sessions", "import", file, "--name", "With ozone"])
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: ["With ozone"])
        try await tmux.selectSession("With ozone")
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Load session")
        try tmux.send("y")
        let loaded = try await tmux.waitForPlot("bar")
        let v = E2ELibraryScreen(loaded)
        #expect(v.statusLine.contains("loaded \"With ozone\"; 1 series not in the data: ozone"), "\(loaded.dump)")
        #expect(loaded.legend.count == 1 && loaded.legend.first?.hasPrefix("humidity") == true, "\(loaded.dump)")
        #expect(loaded.seriesRows.filter(\.selected).map(\.name).count == 1, "\(loaded.dump)")
        #expect(loaded.seriesTitle == "Series 1/2", "one of the two series in the data is selected\(loaded.dump)")
    }

    @Test("keys typed ahead (S j Enter y at once) load the session")
    func typeAhead() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Steps", style: "step")
        let tmux = try await lib.viewer()
        try tmux.send("S", "j", "Enter", "y")
        let loaded = try await tmux.waitForPlot("step")
        #expect(E2ELibraryScreen(loaded).titleBar.contains("session: Steps · saved"), "\(loaded.dump)")
    }

    @Test("r, Ctrl-U, a new name and Enter rename the session everywhere")
    func renameInDialog() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Old name", style: "bar")
        try await lib.importSession("Other", style: "line")
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: ["Old name", "Other"])
        try await tmux.selectSession("Old name")
        try tmux.send("r")
        let form = try await tmux.waitUntil("the Rename form") { E2ELibraryScreen($0).dialog(titled: "Rename \"Old name\"") != nil }
        #expect(E2ELibraryScreen(form).dialogText(titled: "Rename \"Old name\"")?.contains("Old name") == true,
                "the name is prefilled\(form.dump)")
        try tmux.send("C-u")
        try tmux.type("New name")
        try await tmux.waitUntil("the new name typed") { E2ELibraryScreen($0).dialogText(titled: "Rename \"Old name\"")?.contains("New name") == true }
        try tmux.send("Enter")
        let renamed = try await tmux.waitForSessionList(["New name", "Other"])
        #expect(E2ELibraryScreen(renamed).statusLine.contains("renamed \"Old name\" to \"New name\""), "\(renamed.dump)")
        #expect(try await lib.names() == ["New name", "Other"])
        #expect(try await lib.storedPlotStyle("New name") == "bar")
        let old = try await lib.render(session: "Old name")
        #expect(old.status != 0 && old.stderrText.contains("there is no session named \"Old name\""), "stderr: \(old.stderrText)")
    }

    @Test("r onto a name that is taken is refused with a sentence; nothing is renamed")
    func renameOntoExisting() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("First", style: "bar")
        try await lib.importSession("Second", style: "line")
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: ["First", "Second"])
        try await tmux.selectSession("First")
        try tmux.send("r")
        try await tmux.waitUntil("the Rename form") { E2ELibraryScreen($0).dialog(titled: "Rename \"First\"") != nil }
        try tmux.send("C-u")
        try tmux.type("Second")
        try tmux.send("Enter")
        let refused = try await tmux.waitUntil("a sentence about the taken name") { $0.lines.last?.contains("already exists") == true }
        _ = refused
        #expect(try await lib.names() == ["First", "Second"])
        #expect(try await lib.storedPlotStyle("First") == "bar")
        #expect(try await lib.storedPlotStyle("Second") == "line")
    }

    @Test("d asks with Cancel focused: Enter keeps the session, d then y deletes it; Delete key asks too")
    func deleteAsks() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Doomed", style: "bar")
        try await lib.importSession("Keeper", style: "line")
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: ["Doomed", "Keeper"])
        try await tmux.selectSession("Doomed")
        try tmux.send("d")
        let question = try await tmux.waitForQuestion("Delete session")
        #expect(question.hasPrefix("Delete session \"Doomed\"?"), "\(question)")
        #expect(question.contains("[ Cancel ]") && question.contains("[ Delete ]"), "\(question)")
        try tmux.expectFocusedButton("[ Cancel ]")

        try tmux.send("Enter")
        try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "Delete session") == nil }
        try await tmux.waitForSessionList(["Doomed", "Keeper"])
        #expect(try await lib.names() == ["Doomed", "Keeper"])

        // Tab moves the focus to Delete; Tab again back to Cancel; n cancels.
        try tmux.send("d")
        _ = try await tmux.waitForQuestion("Delete session")
        try tmux.send("Tab")
        try await tmux.waitUntil("focus on Delete") { _ in try tmux.focusedButton() == "[ Delete ]" }
        try tmux.send("Tab")
        try await tmux.waitUntil("focus back on Cancel") { _ in try tmux.focusedButton() == "[ Cancel ]" }
        try tmux.send("n")
        try await tmux.waitUntil("the question to go after n") { E2ELibraryScreen($0).dialog(titled: "Delete session") == nil }
        #expect(try await lib.names() == ["Doomed", "Keeper"])

        try await tmux.selectSession("Doomed")
        try tmux.send("d")
        _ = try await tmux.waitForQuestion("Delete session")
        try tmux.send("y")
        let gone = try await tmux.waitForSessionList(["Keeper"])
        #expect(E2ELibraryScreen(gone).statusLine.contains("deleted \"Doomed\""), "\(gone.dump)")
        #expect(try await lib.names() == ["Keeper"])

        // The Delete key asks the same question; Esc cancels.
        try await tmux.selectSession("Keeper")
        try tmux.send("DC")
        let q2 = try await tmux.waitForQuestion("Delete session")
        #expect(q2.hasPrefix("Delete session \"Keeper\"?"), "\(q2)")
        try tmux.send("Escape")
        try await tmux.waitUntil("the question to go after Esc") { E2ELibraryScreen($0).dialog(titled: "Delete session") == nil }
        #expect(try await lib.names() == ["Keeper"])
    }

    @Test("/ narrows the list as you type; Esc shows every session again; Enter then loads a match")
    func filterList() async throws {
        let lib = try E2ELibraryFixture()
        let all = ["Smog week", "Smog weekend", "Rain day", "Heat wave", "night smog"]
        for (k, name) in all.enumerated() { try await lib.importSession(name, style: ["line", "scatter", "bar", "step", "bar"][k]) }
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: all)

        try tmux.send("/")
        try tmux.type("smog")
        let smog = try await tmux.waitForSessionList(["Smog week", "Smog weekend", "night smog"])
        #expect(smog.contains("smog"), "the filter text is shown\(smog.dump)")
        try tmux.type(" week")
        try await tmux.waitForSessionList(["Smog week", "Smog weekend"])
        try tmux.type("end")
        try await tmux.waitForSessionList(["Smog weekend"])
        try tmux.send("BSpace", "BSpace", "BSpace")
        try await tmux.waitForSessionList(["Smog week", "Smog weekend"])
        try tmux.send("C-u")
        try tmux.type("zzz")
        let none = try await tmux.waitUntil("no rows for zzz") { E2ELibraryScreen($0).sessionsDialogOpen && E2ELibraryScreen($0).sessionNames.isEmpty }
        _ = none

        try tmux.send("Escape")
        try await tmux.waitForSessionList(all)

        // Filter to one session, Enter ends the filter with the match selected, Enter asks to load it.
        try tmux.send("/")
        try tmux.type("heat")
        try await tmux.waitForSessionList(["Heat wave"])
        try tmux.send("Enter")
        try await tmux.waitUntil("the cursor on Heat wave") { _ in try tmux.sessionsCursor() == "Heat wave" }
        try tmux.send("Enter")
        let q = try await tmux.waitForQuestion("Load session")
        #expect(q.hasPrefix("Load session \"Heat wave\"?"), "\(q)")
        try tmux.send("y")
        try await tmux.waitForPlot("step")
    }
}

@Suite("Sessions and the title bar (E2E)", .timeLimit(.minutes(1)))
struct SessionTitleE2ETests {
    @Test("--session NAME opens it; renaming it renames the title; deleting it leaves no session")
    func loadedSessionRenamedAndDeleted() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Loaded", style: "step")
        try await lib.importSession("Other", style: "bar")
        let tmux = try await lib.viewer([lib.data, "--session", "Loaded"])
        let start = try tmux.libraryScreen
        #expect(start.plotStyle == "step" && start.titleBar.contains("session: Loaded · saved"), "\(start.screen.dump)")

        try await tmux.openSessions(listing: ["Loaded", "Other"])
        try await tmux.selectSession("Loaded")
        try tmux.send("r")
        try await tmux.waitUntil("the Rename form") { E2ELibraryScreen($0).dialog(titled: "Rename \"Loaded\"") != nil }
        try tmux.send("C-u")
        try tmux.type("Renamed")
        try tmux.send("Enter")
        let renamed = try await tmux.waitForSessionList(["Renamed", "Other"])
        #expect(E2ELibraryScreen(renamed).titleBar.contains("session: Renamed · saved"), "\(renamed.dump)")

        // Renaming to nothing is refused with a sentence.
        try await tmux.selectSession("Renamed")
        try tmux.send("r")
        try await tmux.waitUntil("the Rename form") { E2ELibraryScreen($0).dialog(titled: "Rename \"Renamed\"") != nil }
        try tmux.send("C-u", "Enter")
        try await tmux.waitUntil("a sentence about the empty name") { $0.lines.last?.contains("cannot be a session name") == true }
        try tmux.send("Escape")
        try await tmux.waitForSessionList(["Renamed", "Other"])
        #expect(try await lib.names() == ["Other", "Renamed"])

        try tmux.send("d")
        _ = try await tmux.waitForQuestion("Delete session")
        try tmux.send("y")
        let deleted = try await tmux.waitForSessionList(["Other"])
        let v = E2ELibraryScreen(deleted)
        #expect(v.titleBar.contains("no session") && !v.titleBar.contains("Renamed"), "\(deleted.dump)")
        #expect(v.plotStyle == "step", "deleting a session keeps the view\(deleted.dump)")
    }

    @Test("a loaded, then changed session is still named (modified) after quitting and starting again")
    func modifiedSurvivesRestart() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Bars", style: "bar")
        do {
            let tmux = try await lib.viewer([lib.data, "--session", "Bars"])
            try await tmux.waitForPlot("bar")
            try tmux.send("p")
            let changed = try await tmux.waitForPlot("step")
            #expect(E2ELibraryScreen(changed).titleBar.contains("session: Bars · modified"), "\(changed.dump)")
            try tmux.send("q")
            #expect(try await tmux.waitForExit() == 0)
        }
        let tmux = try await lib.viewer()
        let back = try tmux.libraryScreen
        #expect(back.plotStyle == "step", "\(back.screen.dump)")
        #expect(back.titleBar.contains("session: Bars · modified"), "\(back.screen.dump)")
        #expect(try await lib.storedPlotStyle("Bars") == "bar", "autosave must not write into the session")
    }

    @Test("names are unique per owner: ana and bob may both have \"Smog week\"")
    func namesPerOwner() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Smog week", style: "bar", user: "ana")
        try await lib.importSession("Smog week", style: "step", user: "bob")
        #expect(try await lib.names(user: "ana") == ["Smog week"])
        #expect(try await lib.names(user: "bob") == ["Smog week"])
        #expect(try await lib.storedPlotStyle("Smog week", user: "ana") == "bar")
        #expect(try await lib.storedPlotStyle("Smog week", user: "bob") == "step")
        try await lib.ok(["sessions", "delete", "Smog week", "--yes"], user: "bob")
        #expect(try await lib.names(user: "ana") == ["Smog week"])
        #expect(try await lib.names(user: "bob").isEmpty)
    }
}
