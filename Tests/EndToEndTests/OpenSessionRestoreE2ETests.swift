import Foundation
import Testing

/// The session open in a viewer is restored (or saved) by another process: the view follows it when
/// it shows the session as saved, keeps the person's unsaved work when it does not, and neither the
/// autosave nor a restart brings the old state back as the session.
@Suite("Restoring the open session (E2E)", .timeLimit(.minutes(2)))
struct OpenSessionRestoreE2ETests {
    @Test("sessions restore from another process: the open view shows the restored version; unsaved changes are kept")
    func restoreFromAnotherProcess() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Live", style: "line")
        try await lib.ok(["sessions", "import", try lib.home.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar")), "--name", "Live", "--force"])
        let tmux = try await lib.viewer([lib.data, "--session", "Live"])
        try await tmux.waitForPlot("bar")
        try await tmux.waitUntil("the session, saved") { E2ELibraryScreen($0).titleBar.contains("session: Live · saved") }

        #expect(try await lib.ok(["sessions", "restore", "Live", "--version", "1"]).contains("as version 3"))
        let followed = try await tmux.waitUntil("the view to follow the restore", timeout: .seconds(10)) { E2ELibraryScreen($0).plotStyle == "line" }
        #expect(E2ELibraryScreen(followed).statusLine.contains("\"Live\" was restored to version 1 (now version 3) by ana; the view shows it"), "\(followed.dump)")
        #expect(E2ELibraryScreen(followed).titleBar.contains("session: Live · saved"), "\(followed.dump)")

        // Unsaved work here: another restore leaves it on screen, now modified against the new version.
        try tmux.send("p")
        try await tmux.waitForPlot("scatter")
        try await tmux.waitUntil("modified") { E2ELibraryScreen($0).titleBar.contains("session: Live · modified") }
        #expect(try await lib.ok(["sessions", "restore", "Live", "--version", "2"]).contains("as version 4"))
        let kept = try await tmux.waitUntil("the news of version 4", timeout: .seconds(10)) {
            E2ELibraryScreen($0).statusLine.contains("\"Live\" was restored to version 2 (now version 4)")
        }
        #expect(E2ELibraryScreen(kept).statusLine.contains("your unsaved changes are kept"), "\(kept.dump)")
        #expect(E2ELibraryScreen(kept).plotStyle == "scatter" && E2ELibraryScreen(kept).titleBar.contains("· modified"), "\(kept.dump)")
        // u goes back to the version restored before: the view is the session's version 1 settings, not version 4's.
        try tmux.send("u")
        let undone = try await tmux.waitForPlot("line")
        #expect(E2ELibraryScreen(undone).titleBar.contains("· modified"), "line is not the current version (bar): \(undone.dump)")

        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        // The viewer wrote its view only to its autosave: the session's versions are exactly the four made.
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(try await lib.ok(["sessions", "history", "Live", "--json"]).utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [4, 3, 2, 1])
        #expect(try await lib.storedPlotStyle("Live") == "bar")
        // A restart shows the autosaved view, honestly marked modified against the current version.
        let again = try await lib.viewer()
        let restart = try await again.waitForPlot("line")
        #expect(E2ELibraryScreen(restart).titleBar.contains("session: Live · modified"), "\(restart.dump)")
        again.kill()
    }

    @Test("a restart after the session was restored while the viewer was closed shows the restored version as saved")
    func restoreWhileClosed() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Shut", style: "line")
        try await lib.ok(["sessions", "import", try lib.home.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar")), "--name", "Shut", "--force"])
        let tmux = try await lib.viewer([lib.data, "--session", "Shut"])
        try await tmux.waitForPlot("bar")
        // A change and its undo: the autosave now holds the view as the session, saved.
        try tmux.send("p")
        try await tmux.waitForPlot("step")
        try tmux.send("u")
        try await tmux.waitUntil("bar, saved and autosaved") {
            E2ELibraryScreen($0).plotStyle == "bar" && E2ELibraryScreen($0).titleBar.contains("session: Shut · saved · autosaved")
        }
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        try await lib.ok(["sessions", "restore", "Shut", "--version", "1"])
        // The autosave remembers the view as bar, the session as saved: the session is line now.
        let again = try await lib.viewer()
        let shown = try await again.waitUntil("the restored version", timeout: .seconds(10)) {
            E2ELibraryScreen($0).plotStyle == "line" && E2ELibraryScreen($0).titleBar.contains("session: Shut · saved")
        }
        #expect(E2ELibraryScreen(shown).statusLine.contains("\"Shut\" was restored to version 1 (now version 3)"), "\(shown.dump)")
        again.kill()
    }
}
