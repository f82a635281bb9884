import DataCore
import Testing
@testable import ViewCore

/// The history part of the sessions dialog, driven by keys through the key map and the reducer.
@Suite struct HistoryDialogTests {
    func version(_ n: Int, _ style: PlotSettings.Style, _ e: SessionVersion.Event = .saved) -> SessionVersion {
        var s = ViewSettings()
        s.plot.style = style
        return SessionVersion(number: n, event: e, author: "ana", at: 1_793_491_200_000 + Int64(n) * 60_000, name: "S", shareable: false, settings: s)
    }

    func press(_ s: AppState, _ keys: Key...) -> AppState {
        keys.reduce(s) { st, k in KeyMap.actions(for: .key(k), in: st).reduce(st, reduce) }
    }

    /// The sessions dialog open on a row named S, its history listed.
    func withHistory() -> AppState {
        var s = reduce(loaded(), .sessions(.open))
        s = reduce(s, .sessions(.listed([SessionRow(name: "S", shareable: false, link: nil, updatedAt: 0)])))
        s = press(s, .char("j"), .char("h"))
        #expect(s.outbox.last == .history(.list(name: "S")))
        s.outbox = []
        return reduce(s, .sessions(.history(.listed(name: "S", versions: [version(1, .line, .created), version(2, .scatter), version(3, .bar)]))))
    }

    @Test func hOpensTheRowsHistoryNewestFirst() throws {
        let s = withHistory()
        guard case .sessionHistory(let h)? = s.topOverlay else { Issue.record("no history open"); return }
        #expect(h.name == "S" && !h.loading)
        #expect(h.rows.map(\.version.number) == [3, 2, 1])
        #expect(h.rows.map { $0.line(in: .utc) } == ["version 3 · 2026-11-01 00:03 UTC · ana · plot style scatter→bar",
                                                    "version 2 · 2026-11-01 00:02 UTC · ana · plot style line→scatter",
                                                    "version 1 · 2026-11-01 00:01 UTC · ana · created"])
        let tokyo = try #require(ZoneTable.named("Asia/Tokyo"))
        #expect(h.rows.last?.line(in: tokyo) == "version 1 · 2026-11-01 09:01 JST · ana · created")
    }

    @Test func hOnNewSessionSaysToChooseOne() {
        var s = reduce(loaded(), .sessions(.open))
        s = press(s, .char("h"))
        #expect(s.topOverlay.map { if case .sessions = $0 { return true } else { return false } } == true)
        #expect(s.ui.message?.contains("choose a session first") == true)
    }

    @Test func enterShowsTheDiffAgainstTheCurrentVersionAndEscGoesBack() throws {
        var s = press(withHistory(), .down, .down, .enter)
        guard case .sessionHistory(let h)? = s.topOverlay, let pane = h.diff else { Issue.record("no diff"); return }
        #expect(pane.title == "S: version 1 → current version 3")
        #expect(pane.lines == ["plot", "  ~ style: line → bar"])
        s = press(s, .escape)
        guard case .sessionHistory(let back)? = s.topOverlay else { Issue.record("history closed"); return }
        #expect(back.diff == nil && back.cursor == 2)
        s = press(s, .escape)
        #expect({ if case .sessions? = s.topOverlay { return true } else { return false } }())
    }

    @Test func enterOnTheCurrentVersionShowsWhatItChanged() {
        let s = press(withHistory(), .enter)
        guard case .sessionHistory(let h)? = s.topOverlay else { return }
        #expect(h.diff?.title == "S: version 2 → current version 3")
    }

    @Test func rAsksWithCancelFocusedAndOnlyYesRestores() throws {
        var s = press(withHistory(), .down, .char("r"))
        guard case .confirm(let c)? = s.topOverlay else { Issue.record("no question"); return }
        #expect(c.message.hasPrefix("Restore version 2 of \"S\"?"))
        #expect(!c.confirmFocused)
        #expect(c.onConfirm == .history(.restore(name: "S", version: 2)))
        let cancelled = press(s, .enter)
        #expect(cancelled.outbox.isEmpty)
        s = press(s, .char("y"))
        #expect(s.outbox == [.history(.restore(name: "S", version: 2))])
        s.outbox = []
        s = reduce(s, .sessions(.history(.restored(name: "S", version: 2, as: 4))))
        #expect(s.ui.message == "restored version 2 of \"S\" as version 4")
        #expect(s.outbox == [.history(.list(name: "S")), .listSessions])
    }

    @Test func rOnTheCurrentVersionRestoresNothing() {
        let s = press(withHistory(), .char("r"))
        #expect({ if case .sessionHistory? = s.topOverlay { return true } else { return false } }())
        #expect(s.ui.message?.contains("already the current version") == true)
    }

    @Test func theLoadMessageGainsWhatChangedInTheData() {
        var s = reduce(loaded(), .sessions(.applied(name: "S", settings: ViewSettings(), missing: ["gone"])))
        s = reduce(s, .sessions(.history(.dataSinceSaved(name: "S", text: "+3 measurements since saved; 1 series missing: gone"))))
        #expect(s.ui.message == "loaded \"S\"; +3 measurements since saved; 1 series missing: gone")
    }

    /// The view with session S open, as saved (plot style line).
    func openSession(_ style: PlotSettings.Style = .line) -> AppState {
        var settings = ViewSettings()
        settings.plot.style = style
        return reduce(loaded(), .sessions(.applied(name: "S", settings: settings, missing: [])))
    }

    @Test func anUnmodifiedViewFollowsARestoreByAnotherProcessAndUndoGoesBack() {
        var s = openSession(.line)
        #expect(s.sessionState == "saved")
        s = reduce(s, .sessions(.history(.changedInLibrary(name: "S", current: version(5, .bar, .restored(version: 2)), here: false))))
        #expect(s.settings.plot.style == .bar)
        #expect(s.sessionState == "saved", "the view is the session's current version")
        #expect(s.ui.message == "\"S\" was restored to version 2 (now version 5) by ana; the view shows it (u goes back)")
        s = reduce(s, .app(.undo))
        #expect(s.settings.plot.style == .line)
        #expect(s.sessionState == "modified", "the old state is not the session any more")
    }

    @Test func unsavedChangesAreKeptWhenAnotherProcessSavesTheSession() {
        var s = reduce(openSession(.line), .plot(.cycleStyle))
        #expect(s.sessionState == "modified")
        s = reduce(s, .sessions(.history(.changedInLibrary(name: "S", current: version(4, .bar), here: false))))
        #expect(s.settings.plot.style == .scatter, "the user's work stays")
        #expect(s.session.savedSettings?.plot.style == .bar, "modified against the new version")
        #expect(s.sessionState == "modified")
        #expect(s.ui.message == "\"S\" was saved as version 4 by ana; your unsaved changes are kept (S, Enter on it loads that version)")
    }

    @Test func aRestoreAskedForHereIsShownEvenOverUnsavedChanges() {
        var s = reduce(openSession(.line), .plot(.cycleStyle))
        s = reduce(s, .sessions(.history(.changedInLibrary(name: "S", current: version(4, .bar, .restored(version: 1)), here: true))))
        s = reduce(s, .sessions(.history(.restored(name: "S", version: 1, as: 4))))
        #expect(s.settings.plot.style == .bar)
        #expect(s.sessionState == "saved")
        #expect(s.ui.message == "restored version 1 of \"S\" as version 4; the view shows it")
        #expect(reduce(s, .app(.undo)).settings.plot.style == .scatter, "u brings the unsaved view back")
    }

    @Test func newsOfAnotherSessionOrOfTheSameSettingsChangesNothingVisible() {
        let s = openSession(.line)
        let other = reduce(s, .sessions(.history(.changedInLibrary(name: "T", current: version(2, .bar), here: false))))
        #expect(other.settings == s.settings && other.session == s.session && other.ui.message == s.ui.message)
        let same = reduce(s, .sessions(.history(.changedInLibrary(name: "S", current: version(2, .line), here: false))))
        #expect(same.settings == s.settings && same.ui.message == s.ui.message && same.history == s.history)
        // A view already showing what another process saved: only the baseline moves, quietly.
        var ahead = reduce(s, .plot(.cycleStyle))
        ahead.ui.message = nil
        ahead = reduce(ahead, .sessions(.history(.changedInLibrary(name: "S", current: version(2, .scatter), here: false))))
        #expect(ahead.sessionState == "saved" && ahead.ui.message == nil)
    }

    @Test func theRestoreQuestionSaysTheOpenViewWillShowIt() {
        var s = reduce(openSession(.bar), .sessions(.open))
        s = reduce(s, .sessions(.listed([SessionRow(name: "S", shareable: false, link: nil, updatedAt: 0)])))
        s = press(s, .char("j"), .char("h"))
        s = reduce(s, .sessions(.history(.listed(name: "S", versions: [version(1, .line, .created), version(2, .bar)]))))
        s = press(s, .down, .char("r"))
        guard case .confirm(let c)? = s.topOverlay else { Issue.record("no question"); return }
        #expect(c.message == "Restore version 1 of \"S\"? It becomes the current version and the view shows it (u goes back); the others are kept.")
    }

    @Test func theHistorysKeysComeFromItsTables() {
        var h = HistoryDialog(name: "S")
        #expect(KeyMap.table(for: .sessionHistory(h)).hints.map(\.key) == ["↑↓", "Enter", "r", "Esc"])
        h.diff = HistoryDialog.DiffPane(title: "t", lines: [])
        #expect(KeyMap.table(for: .sessionHistory(h)).footer == "↑↓ scroll · Esc back to the list")
        #expect(SessionKeys.dialog.hints.contains(Hint("h", "history")))
    }
}
