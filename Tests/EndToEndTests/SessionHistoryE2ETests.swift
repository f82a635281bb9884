import Foundation
import Testing

/// A session's history, driven as a person uses it: in the sessions dialog (`h`, `Enter`, `r`) and on
/// the command line (`sessions history|diff|restore`), and what loading says about the data since.
@Suite("Session history (E2E)", .timeLimit(.minutes(2)))
struct SessionHistoryE2ETests {
    /// S, n, NAME, Enter: a new session from the current view.
    private func saveNew(_ tmux: TmuxSession, _ name: String) async throws {
        try await tmux.openSessions(listing: [])
        try tmux.send("n")
        try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try tmux.type(name)
        try await tmux.waitFor("Name: \(name)")
        try tmux.send("Enter")
        try await tmux.waitForSessionList([name])
    }

    private func historyRows(_ s: Screen, _ name: String) -> [String] {
        (E2ELibraryScreen(s).dialog(titled: "History of \"\(name)\"") ?? []).filter { $0.hasPrefix("version ") }
    }

    @Test("save, change, save again: h shows two versions newest first, Enter the diff, r restores after confirming")
    func historyInTheDialog() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try await lib.viewer()
        try await saveNew(tmux, "Hist")
        try tmux.send("Escape")
        try await tmux.waitUntil("the dialog to close") { !E2ELibraryScreen($0).sessionsDialogOpen }
        try tmux.send("p")
        try await tmux.waitForPlot("scatter")
        try await tmux.openSessions(listing: ["Hist"])
        try await tmux.selectSession("Hist")
        try tmux.send("s")
        try await tmux.waitUntil("the Save into form") { E2ELibraryScreen($0).dialog(titled: "Save into \"Hist\"") != nil }
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Overwrite session")
        try tmux.send("y")
        try await tmux.waitUntil("saved") { $0.lines.last?.contains("saved \"Hist\"") == true && E2ELibraryScreen($0).dialog(titled: "Overwrite session") == nil }

        try tmux.send("h")
        let history = try await tmux.waitUntil("the history with two versions") { historyRows($0, "Hist").count == 2 }
        let rows = historyRows(history, "Hist")
        #expect(rows[0].hasPrefix("version 2 · ") && rows[0].contains(" · ana · plot style line→scatter"), "\(history.dump)")
        #expect(rows[1].hasPrefix("version 1 · ") && rows[1].hasSuffix("· ana · created"), "\(history.dump)")
        #expect(rows[0].range(of: #"version 2 · \d{4}-\d\d-\d\d \d\d:\d\d [A-Z][A-Za-z0-9+-]* · "#, options: .regularExpression) != nil, "\(rows[0])")
        #expect(history.lines.last?.contains("Enter") == true && history.lines.last?.contains("restore") == true, "status keys: \(history.dump)")

        // Enter on version 1: what changed from it to the current version, part by part.
        try tmux.send("j")
        try await tmux.waitUntil("the cursor on version 1") { _ in
            E2EReverse.runs(try tmux.screenWithEscapes()).contains { $0.contains("version 1 · ") }
        }
        try tmux.send("Enter")
        let diff = try await tmux.waitUntil("the diff") { E2ELibraryScreen($0).dialog(titled: "Hist: version 1 → current version 2") != nil }
        let text = E2ELibraryScreen(diff).dialog(titled: "Hist: version 1 → current version 2") ?? []
        #expect(text.contains("plot") && text.contains("~ style: line → scatter"), "\(diff.dump)")
        #expect(!text.contains { $0.contains("{") }, "a readable diff, not JSON: \(diff.dump)")
        try tmux.send("Escape")
        try await tmux.waitUntil("back to the list") { historyRows($0, "Hist").count == 2 }

        // r asks, Cancel focused: Enter keeps everything as it is.
        try tmux.send("r")
        let question = try await tmux.waitForQuestion("Restore version")
        #expect(question.contains("Restore version 1 of \"Hist\"?"), "\(question)")
        try tmux.expectFocusedButton("[ Cancel ]")
        try tmux.send("Enter")
        try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "Restore version") == nil }
        #expect(try await lib.storedPlotStyle("Hist") == "scatter")

        // r, y: version 1 becomes current as version 3.
        try tmux.send("r")
        _ = try await tmux.waitForQuestion("Restore version")
        try tmux.send("y")
        let restored = try await tmux.waitUntil("three versions") { historyRows($0, "Hist").count == 3 }
        #expect(restored.lines.last?.contains("restored version 1 of \"Hist\" as version 3") == true, "\(restored.dump)")
        #expect(historyRows(restored, "Hist")[0].contains("version 3 · ") && historyRows(restored, "Hist")[0].contains("restored version 1: plot style scatter→line"),
                "\(restored.dump)")
        #expect(try await lib.storedPlotStyle("Hist") == "line")
        let cli = try await lib.ok(["sessions", "history", "Hist", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [3, 2, 1], "\(cli)")
        #expect(versions.map { $0["author"] as? String } == ["ana", "ana", "ana"], "\(cli)")

        // Hist is the open session: the view behind the dialog shows the restored version, as saved.
        #expect(restored.lines.last?.contains("; the view shows it") == true, "\(restored.dump)")
        try tmux.send("Escape", "Escape")
        let view = try await tmux.waitForPlot("line")
        #expect(E2ELibraryScreen(view).titleBar.contains("session: Hist · saved"), "\(view.dump)")
        // Nothing the viewer writes afterwards (its autosave) makes another version.
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try await lib.ok(["sessions", "history", "Hist", "--json"]).contains("\"version\" : 4") == false)
        #expect(try await lib.storedPlotStyle("Hist") == "line")
    }

    @Test("rows appended to the file after saving: loading the session again says how many, and so does sessions show")
    func watermarkAfterAppending() async throws {
        let lib = try E2ELibraryFixture()
        let tmux = try await lib.viewer()
        try await saveNew(tmux, "Week")
        // Ten more hourly rows (2026-11-03 02:00 … 11:00) of both series, appended as a logger would;
        // the session has one of them selected, so ten of its measurements are new.
        let all = DataFiles.wideCSV(rows: 60).split(separator: "\n", omittingEmptySubsequences: false)
        let extra = all[51..<61].joined(separator: "\n")
        let h = try #require(FileHandle(forWritingAtPath: lib.data))
        h.seekToEndOfFile()
        h.write(Data((extra.hasSuffix("\n") ? extra : extra + "\n").utf8))
        try h.close()
        try await tmux.waitUntil("the appended rows", timeout: .seconds(10)) { $0.lines.last?.contains("+20 measurements") == true }

        try await tmux.selectSession("Week")
        try tmux.send("Enter")
        _ = try await tmux.waitForQuestion("Load session")
        try tmux.send("y")
        let loaded = try await tmux.waitUntil("the load message") { $0.lines.last?.contains("loaded \"Week\"") == true }
        #expect(loaded.lines.last?.contains("+10 measurements since saved (to 2026-11-03 11:00 UTC)") == true, "\(loaded.dump)")

        let show = try await lib.ok(["sessions", "show", "Week"])
        #expect(show.contains("data:       +10 measurements since saved (to 2026-11-03 11:00 UTC)"), "\(show)")
        #expect(show.contains("version:    1"), "\(show)")

        // A new start with --session says it too.
        tmux.kill()
        let again = try await lib.viewer([lib.data, "--session", "Week"])
        let first = try await again.waitUntil("the start message") { $0.lines.last?.contains("measurements since saved") == true }
        #expect(first.lines.last?.contains("loaded \"Week\"; +10 measurements since saved (to 2026-11-03 11:00 UTC)") == true, "\(first.dump)")
    }

    @Test("sessions history, diff and restore on the command line; a link opens the current version")
    func commandLine() async throws {
        let lib = try E2ELibraryFixture()
        let link = try #require(try await lib.importSession("CLI", style: "line", shared: true))
        try await lib.ok(["sessions", "import", try lib.home.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar")), "--name", "CLI", "--force"])
        let history = try await lib.ok(["sessions", "history", "CLI"])
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "header and three versions (created, shared, saved): \(history)")
        #expect(lines[1].contains("3") && lines[1].contains("ana") && lines[1].hasSuffix("plot style line→bar"), "\(history)")
        #expect(lines[2].hasSuffix("shared") && lines[3].hasSuffix("created"), "\(history)")

        let diff = try await lib.ok(["sessions", "diff", "CLI"])
        #expect(diff.contains("version 2") && diff.contains("→ version 3") && diff.contains("plot\n  ~ style: line → bar"), "\(diff)")
        let json = try await lib.ok(["sessions", "diff", "CLI", "1", "3", "--json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let changes = try #require(obj["changes"] as? [[String: Any]])
        #expect(obj["from"] as? Int == 1 && obj["to"] as? Int == 3, "\(json)")
        #expect(changes.count == 1 && changes[0]["part"] as? String == "plot" && changes[0]["what"] as? String == "style"
                && changes[0]["from"] as? String == "line" && changes[0]["to"] as? String == "bar", "\(json)")
        #expect(try await lib.ok(["sessions", "diff", "CLI", "2", "1"]).contains("~ style: line → line") == false)

        let r = try await lib.run(["render", lib.data, "--session", link, "--size", "100x30"])
        #expect(E2ELibraryScreen(Screen(r.stdoutText)).plotStyle == "bar", "a link opens the current version: \(r.stdoutText)")
        #expect(try await lib.ok(["sessions", "restore", "CLI", "--version", "1"]).contains("restored version 1 of \"CLI\" as version 4"))
        #expect(try await lib.storedPlotStyle("CLI") == "line")
        let r2 = try await lib.run(["render", lib.data, "--session", link, "--size", "100x30"])
        #expect(E2ELibraryScreen(Screen(r2.stdoutText)).plotStyle == "line", "after a restore the link opens it: \(r2.stdoutText)")
    }

    @Test("bad input: unknown session, bad version numbers, another user's session, a bad limit — one sentence, non-zero exit")
    func badInput() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Mine")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "history", "Nope"]), containing: "there is no session named \"Nope\"")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "diff", "Nope"]), containing: "there is no session named \"Nope\"")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "restore", "Nope", "--version", "1"]), containing: "there is no session named \"Nope\"")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "diff", "Mine"]), containing: "has only one version")
        for bad in ["x", "0", "-2", "1.5"] {
            SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "restore", "Mine", "--version", bad]), containing: "is not a version number")
            SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "diff", "Mine", bad]), containing: "is not a version number")
        }
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "restore", "Mine", "--version", "9"]), containing: "\"Mine\" has no version 9; it has only version 1")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["sessions", "restore", "Mine", "--version", "1"], user: "bob"), containing: "there is no session named \"Mine\"")
        SessionsBadInputE2ETests.expectSentence(try await lib.run(["library", "init", lib.library, "--keep-versions", "0"]), containing: "--keep-versions needs a whole number")
        #expect(try await lib.ok(["sessions", "history", "Mine", "--json"]).contains("\"version\" : 1"))
    }

    @Test("library init --keep-versions 2 trims each session to its last two versions")
    func keepVersions() async throws {
        let lib = try E2ELibraryFixture()
        #expect(try await lib.ok(["library", "init", lib.library, "--keep-versions", "2"]).contains("keeps its last 2 versions"))
        for style in ["line", "bar", "step"] {
            try await lib.ok(["sessions", "import", try lib.home.write("\(style).json", E2ELibraryFixture.settingsDocument(style: style)), "--name", "K", "--force"])
        }
        let out = try await lib.ok(["sessions", "history", "K", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [3, 2], "\(out)")
    }

    @Test("two processes saving into one session at once: every save is a version, each process's in its order")
    func concurrentSaves() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Busy")
        func document(_ tag: String) -> String {
            E2ELibraryFixture.settingsDocument().replacingOccurrences(of: "[\"humidity\"]", with: "[\"\(tag)\"]")
        }
        let n = 8
        var files: [String: [String]] = [:]
        for who in ["p", "q"] { files[who] = try (0..<n).map { try lib.home.write("\(who)\($0).json", document("\(who)\($0)")) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (binary, env, dir, library) = (lib.binary, lib.environment, lib.home.url, lib.library)
            for who in ["p", "q"] {
                let mine = files[who]!
                group.addTask {
                    for f in mine {
                        let r = try await ProcessRunner.run(binary, ["sessions", "import", f, "--name", "Busy", "--force", "--library", library, "--user", "ana"],
                                                            environment: env, currentDirectory: dir, timeout: .seconds(20))
                        if r.status != 0 { throw E2EError("import \(f) failed: \(r.stderrText)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let out = try await lib.ok(["sessions", "history", "Busy", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(versions.compactMap { $0["version"] as? Int } == Array((1...(2 * n + 1)).reversed()), "\(out)")
        for who in ["p", "q"] {
            var seen: [String] = []
            for v in Array(versions.reversed()).dropFirst() {
                let d = try await lib.ok(["sessions", "diff", "Busy", "1", String(v["version"] as! Int), "--json"])
                if let tag = (try JSONSerialization.jsonObject(with: Data(d.utf8)) as? [String: Any]).flatMap({ $0["changes"] as? [[String: Any]] })?
                    .first(where: { $0["kind"] as? String == "added" })?["what"] as? String, tag.hasPrefix(who) { seen.append(tag) }
            }
            #expect(seen == (0..<n).map { "\(who)\($0)" }, "\(who)'s saves in order: \(seen)")
        }
    }
}
