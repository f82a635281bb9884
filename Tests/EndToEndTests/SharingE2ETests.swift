import Foundation
import Testing

/// Shareable sessions and their links: copy with OSC 52, open as another user,
/// unshare/share/new-link/delete, and broken links.
@Suite("Sharing (E2E)", .timeLimit(.minutes(1)))
struct SharingE2ETests {
    static func expectLinkError(_ r: ProcessResult, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(r.status != 0 && !r.signaled, "exit \(r.status), stderr: \(err)", sourceLocation: sourceLocation)
        #expect(err.contains(needle), "stderr should say \"\(needle)\": \(err)", sourceLocation: sourceLocation)
        #expect(err.split(separator: " ").count >= 5 && err.split(separator: "\n").count <= 2, "one sentence: \(err)",
                sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty || !r.stdoutText.contains("Plot ·"), "no view drawn: \(r.stdoutText.prefix(200))",
                sourceLocation: sourceLocation)
    }

    @Test("a shareable session made in the form: y copies its link with OSC 52, the same link `sessions share` prints")
    func copyLinkFromDialog() async throws {
        let lib = try E2ELibraryFixture()
        // Wide enough that the status line holds the whole link.
        let tmux = try await lib.viewer(width: 130, height: 30)
        try tmux.send("p")
        try await tmux.waitForPlot("scatter")
        try await tmux.openSessions(listing: [])
        try tmux.send("n")
        try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try tmux.type("Shared smog")
        try tmux.send("Tab")
        try tmux.send("Space")
        try await tmux.waitFor("[x] shareable")
        try tmux.send("Enter")
        let saved = try await tmux.waitForSessionList(["Shared smog"])
        let row = try #require(E2ELibraryScreen(saved).sessionRows.first)
        #expect(row.shareable, "the row should have 📋 and `shared`: \(row.line)")
        #expect(E2ELibraryScreen(saved).titleBar.contains("session: Shared smog · saved"), "\(saved.dump)")
        #expect(try tmux.clipboard() == nil, "nothing copied yet")

        try await tmux.selectSession("Shared smog")
        try tmux.send("y")
        let copied = try await tmux.waitUntil("the copied-link message") { $0.lines.last?.contains("copied link to \"Shared smog\"") == true }
        let status = E2ELibraryScreen(copied).statusLine
        #expect(status.contains("(sent to terminal clipboard)"), "\(copied.dump)")
        let clip = try await waitForClipboard(tmux)
        let link = clip.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link == clip, "the clipboard holds just the link: \(clip.debugDescription)")
        let token = try #require(e2eLinkToken(link), "not a dataviewer link: \(link)")
        #expect(e2eIsToken(token), "the token should be 22 base64url characters (128 bits): \(token)")
        #expect(status.contains(link), "the status line shows the whole link for terminals without OSC 52\(copied.dump)")

        let shared = try await lib.ok(["sessions", "share", "Shared smog"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(shared == link)
        let info = try #require(try await lib.sessions().first)
        #expect(info.shareable && info.link == link, "\(info)")
        // Sharing a shared session again keeps its link.
        #expect(try await lib.ok(["sessions", "share", "Shared smog"]).trimmingCharacters(in: .whitespacesAndNewlines) == link)
    }

    @Test("at the default 100 columns the status line still shows the whole copied link")
    func linkFitsStatusLineAt100Columns() async throws {
        let lib = try E2ELibraryFixture()
        let link = try #require(try await lib.importSession("Smog week", style: "bar", shared: true))
        let tmux = try await lib.viewer(width: 100, height: 30)
        try await tmux.openSessions(listing: ["Smog week"])
        try await tmux.selectSession("Smog week")
        try tmux.send("y")
        let copied = try await tmux.waitUntil("the copied-link message") { $0.lines.last?.contains("copied link to") == true }
        #expect(try await waitForClipboard(tmux) == link)
        #expect(copied.lines.last?.contains(link) == true,
                "the link is shown in the status line for terminals without OSC 52; it is cut off\(copied.dump)")
    }

    @Test("y on a session that is not shareable says how to share it and copies nothing")
    func copyNotShareable() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Private")
        let tmux = try await lib.viewer()
        try await tmux.openSessions(listing: ["Private"])
        try await tmux.selectSession("Private")
        try tmux.send("y")
        try await tmux.waitUntil("the not-shareable message") { $0.lines.last?.contains("\"Private\" is not shareable") == true }
        #expect(try tmux.clipboard() == nil)
    }

    @Test("bob opens ana's link (render and open): her view, her session untouched by his changes, not his to delete")
    func anotherUserOpensTheLink() async throws {
        let lib = try E2ELibraryFixture()
        let link = try #require(try await lib.importSession("Ana's bars", style: "bar", shared: true))
        let before = try await lib.sessions()

        let r = try await lib.render(session: link, user: "bob")
        #expect(r.status == 0, "stderr: \(r.stderrText)")
        let rendered = E2ELibraryScreen(Screen(r.stdoutText))
        #expect(rendered.plotStyle == "bar", "\(rendered.screen.dump)")

        let tmux = try await lib.viewer(["open", link, lib.data], user: "bob", width: 120)
        let opened = try await tmux.waitForPlot("bar")
        #expect(E2ELibraryScreen(opened).statusLine.contains("opened \"Ana's bars\" shared by ana"), "\(opened.dump)")
        try tmux.send("p")
        try await tmux.waitForPlot("step")
        // Bob's dialog lists his own sessions only.
        try await tmux.openSessions(listing: [])
        // He saves his own copy.
        try tmux.send("n")
        try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try tmux.type("Bob's steps")
        try tmux.send("Enter")
        try await tmux.waitForSessionList(["Bob's steps"])

        #expect(try await lib.sessions() == before, "ana's session must not change")
        #expect(try await lib.storedPlotStyle("Ana's bars") == "bar")
        #expect(try await lib.names(user: "bob") == ["Bob's steps"])
        #expect(try await lib.storedPlotStyle("Bob's steps", user: "bob") == "step")

        let del = try await lib.run(["sessions", "delete", "Ana's bars", "--yes"], user: "bob")
        #expect(del.status != 0 && del.stderrText.contains("there is no session named \"Ana's bars\""), "stderr: \(del.stderrText)")
        #expect(try await lib.sessions() == before)
        // The link still works after all this.
        #expect(try await lib.render(session: link, user: "bob").status == 0)
    }

    @Test("--session LINK on the viewer opens the shared view too")
    func viewerSessionLink() async throws {
        let lib = try E2ELibraryFixture()
        let link = try #require(try await lib.importSession("Steps", style: "step", shared: true))
        let tmux = try await lib.viewer([lib.data, "--session", link], user: "bob", width: 120)
        let s = try await tmux.waitForPlot("step")
        #expect(E2ELibraryScreen(s).statusLine.contains("opened \"Steps\" shared by ana"), "\(s.dump)")
    }

    @Test("unshare stops the link at once, share brings the same link back, new-link kills the old, delete ends it")
    func linkLifecycle() async throws {
        let lib = try E2ELibraryFixture()
        let link = try #require(try await lib.importSession("Life", style: "scatter", shared: true))
        #expect(e2eIsToken(e2eLinkToken(link) ?? ""), "\(link)")
        #expect(try await lib.render(session: link, user: "bob").status == 0)

        try await lib.ok(["sessions", "unshare", "Life"])
        #expect(try await lib.sessions().first?.shareable == false)
        Self.expectLinkError(try await lib.render(session: link, user: "bob"), "no longer shared")
        Self.expectLinkError(try await lib.run(["open", link, lib.data], user: "bob"), "no longer shared")

        let again = try await lib.ok(["sessions", "share", "Life"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(again == link, "ticking shareable again brings the same link back")
        let back = try await lib.render(session: link, user: "bob")
        #expect(back.status == 0 && E2ELibraryScreen(Screen(back.stdoutText)).plotStyle == "scatter", "stderr: \(back.stderrText)")

        let fresh = try await lib.ok(["sessions", "new-link", "Life"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fresh != link && e2eIsToken(e2eLinkToken(fresh) ?? ""), "\(fresh)")
        #expect(try await lib.sessions().first?.link == fresh)
        Self.expectLinkError(try await lib.render(session: link, user: "bob"), "replaced")
        Self.expectLinkError(try await lib.run(["open", link, lib.data], user: "bob"), "replaced")
        #expect(try await lib.render(session: fresh, user: "bob").status == 0)

        // Unshare and share again after a new link: the new link comes back, the old one stays dead.
        try await lib.ok(["sessions", "unshare", "Life"])
        #expect(try await lib.ok(["sessions", "share", "Life"]).trimmingCharacters(in: .whitespacesAndNewlines) == fresh)
        Self.expectLinkError(try await lib.render(session: link, user: "bob"), "replaced")

        try await lib.ok(["sessions", "delete", "Life", "--yes"])
        Self.expectLinkError(try await lib.render(session: fresh, user: "bob"), "deleted")
        Self.expectLinkError(try await lib.run(["open", fresh, lib.data], user: "bob"), "deleted")

        // A new session with the same name does not revive the old links.
        try await lib.importSession("Life", style: "bar", shared: true)
        Self.expectLinkError(try await lib.render(session: fresh, user: "bob"), "deleted")
    }

    @Test("t toggles shareable and L gives a new link (after a question with Cancel focused), in the dialog")
    func toggleAndNewLinkInDialog() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Toggle me", style: "bar")
        let tmux = try await lib.viewer(width: 130)
        try await tmux.openSessions(listing: ["Toggle me"])
        try await tmux.selectSession("Toggle me")

        try tmux.send("t")
        let on = try await tmux.waitUntil("shareable on") { E2ELibraryScreen($0).sessionRows.first?.shareable == true }
        let info = try #require(try await lib.sessions().first)
        let link = try #require(info.link)
        #expect(info.shareable)
        #expect(E2ELibraryScreen(on).statusLine.contains("\"Toggle me\" is shareable"), "\(on.dump)")
        #expect(try await lib.render(session: link, user: "bob").status == 0)

        try tmux.send("t")
        let off = try await tmux.waitUntil("shareable off") { E2ELibraryScreen($0).sessionRows.first?.shareable == false }
        #expect(E2ELibraryScreen(off).statusLine.contains("no longer shared"), "\(off.dump)")
        #expect(try await lib.sessions().first?.shareable == false)
        Self.expectLinkError(try await lib.render(session: link, user: "bob"), "no longer shared")

        try tmux.send("t")
        try await tmux.waitUntil("shareable on again") { E2ELibraryScreen($0).sessionRows.first?.shareable == true }
        #expect(try await lib.sessions().first?.link == link, "the same link comes back")

        try tmux.send("L")
        let q = try await tmux.waitForQuestion("New link")
        #expect(q.contains("Give \"Toggle me\" a new link? The old link stops working for good."), "\(q)")
        try tmux.expectFocusedButton("[ Cancel ]")
        try tmux.send("Enter")
        try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "New link") == nil }
        #expect(try await lib.sessions().first?.link == link, "Cancel keeps the link")

        try tmux.send("L")
        _ = try await tmux.waitForQuestion("New link")
        try tmux.send("y")
        try await tmux.waitUntil("the question to go after y") { E2ELibraryScreen($0).dialog(titled: "New link") == nil }
        let newLink = try #require(try await lib.sessions().first?.link)
        #expect(newLink != link)
        Self.expectLinkError(try await lib.render(session: link, user: "bob"), "replaced")
        // y copies the new link.
        try tmux.send("y")
        try await tmux.waitUntil("the copied-link message") { $0.lines.last?.contains("copied link to \"Toggle me\"") == true }
        #expect(try await waitForClipboard(tmux) == newLink)
    }

    @Test("every broken link gets its own sentence", arguments: [
        ("http://x", "this is not a dataviewer link"),
        ("dataviewer://session/short", "this is not a dataviewer link"),
        ("garbage", "this is not a dataviewer link"),
        ("dataviewer://session/", "this is not a dataviewer link"),
        ("dataviewer://session/AAAAAAAAAAAAAAAAAAAAAA", "no shared session has this link"),
        ("dataviewer://session/PwqaEoJYBDRO4hnXeJvYp!", "this is not a dataviewer link"),
    ])
    func brokenLinks(_ link: String, _ sentence: String) async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Real", style: "bar", shared: true)
        Self.expectLinkError(try await lib.run(["open", link, lib.data], user: "bob"), sentence)
        if link.hasPrefix("dataviewer:") {
            Self.expectLinkError(try await lib.render(session: link, user: "bob"), sentence)
        }
    }

    @Test("tokens are unique and random: 20 links in a row (new-link) are 20 different 22-character tokens")
    func tokensAreUnique() async throws {
        let lib = try E2ELibraryFixture()
        let first = try #require(try await lib.importSession("Often relinked", shared: true))
        var tokens: Set<String> = [try #require(e2eLinkToken(first))]
        for _ in 1..<20 {
            let link = try await lib.ok(["sessions", "new-link", "Often relinked"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let token = try #require(e2eLinkToken(link), "\(link)")
            #expect(e2eIsToken(token), "\(token)")
            tokens.insert(token)
        }
        #expect(tokens.count == 20, "\(tokens.sorted())")
        // Nothing shared beyond chance: the first 4 characters differ nearly always.
        #expect(Set(tokens.map { $0.prefix(4) }).count >= 18, "\(tokens.sorted())")
    }

    /// OSC 52 reaches tmux's buffer a moment after the status line changes.
    func waitForClipboard(_ tmux: TmuxSession) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while clock.now < deadline {
            if let c = try tmux.clipboard(), !c.isEmpty { return c }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw E2EError("nothing in the tmux paste buffer after y (OSC 52 not received)\(try tmux.screen())")
    }
}
