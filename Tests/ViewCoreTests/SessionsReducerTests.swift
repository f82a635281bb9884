import DataCore
import Testing
@testable import ViewCore

/// The sessions dialog, its form, rename and questions, and the library's answers: every action.
@Suite struct SessionsReducerTests {
    let rows = [SessionRow(name: "Bars", shareable: false, link: nil, updatedAt: 2),
                SessionRow(name: "Smog", shareable: true, link: "dv://x", updatedAt: 1)]

    func dialog(cursor: Int = 1) -> AppState {
        var s = reduce(loaded(), .sessions(.open))
        s = reduce(s, .sessions(.listed(rows)))
        return reduce(s, .sessions(.moveTo(cursor)))
    }
    func send(_ s: AppState, _ a: SessionAction...) -> AppState { a.reduce(s) { reduce($0, .sessions($1)) } }

    @Test func openAsksForTheListOnceAndCloseClosesIt() {
        var s = reduce(loaded(), .sessions(.open))
        #expect(s.outbox == [.listSessions])
        s = reduce(s, .sessions(.open))
        #expect(s.ui.overlays.count == 1, "a second open does not stack a second dialog")
        #expect(reduce(s, .sessions(.close)).topOverlay == nil)
        #expect(reduce(loaded(), .sessions(.close)).topOverlay == nil, "close with nothing open changes nothing")
    }

    @Test func listedKeepsTheSessionUnderTheCursorAndMovesClamp() {
        var s = dialog(cursor: 2)
        guard case .sessions(let d)? = s.topOverlay else { Issue.record("no dialog"); return }
        #expect(d.current?.name == "Smog" && !d.loading)
        s = send(s, .listed([rows[1]]))
        if case .sessions(let d)? = s.topOverlay { #expect(d.current?.name == "Smog") }
        s = send(s, .move(by: 99))
        if case .sessions(let d)? = s.topOverlay { #expect(d.cursor == 1) }
        s = send(s, .move(by: -99))
        if case .sessions(let d)? = s.topOverlay { #expect(d.cursor == 0 && d.current == nil) }
    }

    @Test func filterSkipsNewSessionWhenTyping() {
        let s = send(dialog(cursor: 0), .filter(text: "sm", active: true))
        guard case .sessions(let d)? = s.topOverlay else { Issue.record("no dialog"); return }
        #expect(d.visibleRows.map(\.name) == ["Smog"] && d.cursor == 1 && d.filtering)
    }

    @Test func activateAsksBeforeLoadingAndOnNewSessionOpensTheForm() {
        let s = send(dialog(cursor: 1), .activate)
        guard case .confirm(let c)? = s.topOverlay else { Issue.record("no question"); return }
        #expect(c.onConfirm == .loadSession(name: "Bars") && c.confirmFocused)
        // No: nothing happens. Yes: the load is asked for.
        #expect(send(s, .answer(false)).outbox == [.listSessions])
        #expect(send(s, .answer(true)).outbox.last == .loadSession(name: "Bars"))
        #expect(send(dialog(cursor: 0), .activate).topOverlay == .sessionForm(SessionForm()))
    }

    @Test func deleteAndNewLinkAskWithCancelFocused() {
        for (a, effect) in [(SessionAction.delete, Effect.deleteSession(name: "Bars")), (.replaceLink, .replaceLink(name: "Bars"))] {
            var s = send(dialog(cursor: 1), a)
            guard case .confirm(let c)? = s.topOverlay else { Issue.record("no question for \(a)"); continue }
            #expect(!c.confirmFocused, "a destructive question starts on Cancel")
            #expect(c.onConfirm == effect)
            s = send(s, .focusConfirm(true))
            if case .confirm(let c)? = s.topOverlay { #expect(c.confirmFocused) }
            // On "New session" there is nothing to delete or relink.
            #expect(send(dialog(cursor: 0), a).topOverlay == dialog(cursor: 0).topOverlay)
        }
    }

    @Test func saveIntoFillsTheFormAndSubmitAsksBeforeOverwriting() {
        var s = send(dialog(cursor: 1), .saveInto)
        #expect(s.topOverlay == .sessionForm(SessionForm(name: "Bars", shareable: false, existing: "Bars")))
        s = send(s, .submitForm)
        guard case .confirm(let c)? = s.topOverlay else { Issue.record("no overwrite question"); return }
        #expect(c.onConfirm == .saveSession(name: "Bars", shareable: false, overwrite: true))
        // A new name saves without a question; an empty one is refused with a sentence.
        var f = SessionForm(name: "  Fresh ")
        var n = send(send(dialog(), .new), .editForm(f))
        n = send(n, .submitForm)
        #expect(n.outbox.last == .saveSession(name: "Fresh", shareable: false, overwrite: false))
        f.name = "   "
        let e = send(send(send(dialog(), .new), .editForm(f)), .submitForm)
        #expect(e.ui.message == "type a name for the session")
        #expect(e.outbox == [.listSessions])
    }

    @Test func savedClosesTheFormAndMarksTheViewSaved() {
        let settings = loaded().settings
        let s = send(send(dialog(), .new), .saved(SessionRow(name: "New", shareable: true, link: "l", updatedAt: 3), settings: settings))
        guard case .sessions(let d)? = s.topOverlay else { Issue.record("the dialog should stay"); return }
        #expect(d.rows.first?.name == "New" && d.cursor == 1)
        #expect(s.session.name == "New" && s.sessionState == "saved")
        #expect(s.ui.message == "saved \"New\" (shareable: y copies its link)")
        #expect(send(s, .exists(name: "New", shareable: true)).topOverlay.map { if case .confirm = $0 { true } else { false } } == true)
    }

    @Test func appliedReplacesTheViewAndNamesMissingSeries() {
        var other = ViewSettings()
        other.series.selected = ["B · temp", "gone 1", "gone 2", "gone 3", "gone 4"]
        let s = send(dialog(), .applied(name: "Bars", settings: other, missing: ["gone 1", "gone 2", "gone 3", "gone 4"]))
        #expect(s.settings == other && s.ui.overlays.isEmpty && s.sessionState == "saved")
        #expect(s.ui.message == "loaded \"Bars\"; 4 series not in the data: gone 1, gone 2, gone 3, …")
        #expect(send(dialog(), .applied(name: "Bars", settings: other, missing: [])).ui.message == "loaded \"Bars\"")
    }

    @Test func deletedRenamedAndShareChanged() {
        var s = send(dialog(), .applied(name: "Bars", settings: loaded().settings, missing: []))
        s = send(s, .open, .listed(rows), .deleted(name: "Bars"))
        #expect(s.session.name == nil && s.session.savedSettings == nil && s.ui.message == "deleted \"Bars\"")
        if case .sessions(let d)? = s.topOverlay { #expect(d.rows.map(\.name) == ["Smog"]) }

        var r = send(dialog(cursor: 2), .rename)
        #expect(r.topOverlay == .rename(RenameForm(from: "Smog")))
        var form = RenameForm(from: "Smog")
        form.text = "Smog"
        #expect(send(r, .editRename(form), .submitRename).topOverlay.map { if case .sessions = $0 { true } else { false } } == true,
                "the same name closes the rename without asking the library")
        form.text = " Haze "
        r = send(r, .editRename(form), .submitRename)
        #expect(r.outbox.last == .renameSession(from: "Smog", to: "Haze"))
        r = send(r, .renamed(from: "Smog", to: "Haze"))
        if case .sessions(let d)? = r.topOverlay { #expect(d.rows.map(\.name) == ["Bars", "Haze"]) }

        let shared = send(dialog(), .shareChanged(SessionRow(name: "Bars", shareable: true, link: "dv://b", updatedAt: 4)))
        #expect(shared.ui.message == "\"Bars\" is shareable: dv://b")
        let unshared = send(dialog(), .shareChanged(SessionRow(name: "Smog", shareable: false, link: nil, updatedAt: 4)))
        #expect(unshared.ui.message == "\"Smog\" is no longer shared: its link stopped working")
    }

    @Test func copyLinkOnlyForShareableAndToggleAsksTheLibrary() {
        #expect(send(dialog(cursor: 2), .copyLink).outbox.last == .copyToClipboard(text: "dv://x", what: "link to \"Smog\""))
        let refused = send(dialog(cursor: 1), .copyLink)
        #expect(refused.ui.message == "\"Bars\" is not shareable: press s and tick shareable to get a link")
        #expect(send(dialog(cursor: 1), .toggleShareable).outbox.last == .setShareable(name: "Bars", on: true))
    }

    @Test func failedShowsTheSentenceAndStopsLoading() {
        let s = send(reduce(loaded(), .sessions(.open)), .failed("the library is locked"))
        #expect(s.ui.message == "the library is locked")
        if case .sessions(let d)? = s.topOverlay { #expect(!d.loading) }
    }

    @Test func answersWithoutAQuestionChangeNothing() {
        let s = dialog()
        #expect(send(s, .answer(true)) == s)
        #expect(send(s, .submitForm) == s)
        #expect(send(s, .submitRename) == s)
    }
}
