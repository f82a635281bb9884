import Foundation
import PostgresHarness
import Testing

/// A session's history on a team library, driven as alice uses it in the dialog (`h`, `Enter`, `r`)
/// and on the command line; bob, who can open her shared link, cannot read its history.
@Suite("Team library history (E2E)", .enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"),
       .timeLimit(.minutes(3)))
struct TeamHistoryE2ETests {
    private func historyRows(_ s: Screen, _ name: String) -> [String] {
        (E2ELibraryScreen(s).dialog(titled: "History of \"\(name)\"") ?? []).filter { $0.hasPrefix("version ") }
    }

    private func storedPlotStyle(_ team: E2ETeam, _ name: String) async throws -> String? {
        let json = try await team.ok("alice", ["sessions", "export", name])
        let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (doc?["plot"] as? [String: Any])?["style"] as? String
    }

    @Test("save, change, save again: h shows two versions, Enter the diff, r restores after confirming; bob cannot read it")
    func historyInTheDialog() async throws {
        let team = try await E2ETeam()
        let tmux = try await team.viewer("alice", [team.data])
        try await tmux.openSessions(listing: [])
        try tmux.send("n")
        try await tmux.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try tmux.type("Hist")
        try await tmux.waitFor("Name: Hist")
        try tmux.send("Tab")
        try tmux.send("Space")
        try await tmux.waitFor("[x] shareable")
        try tmux.send("Enter")
        try await tmux.waitForSessionList(["Hist"])
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
        #expect(rows[0].hasPrefix("version 2 · ") && rows[0].contains(" · alice · plot style line→scatter"), "\(history.dump)")
        #expect(rows[1].hasPrefix("version 1 · ") && rows[1].hasSuffix("· alice · created"), "\(history.dump)")

        // Enter on version 1: what changed from it to the current version, part by part.
        try tmux.send("j")
        try await tmux.waitUntil("the cursor on version 1") { _ in
            E2EReverse.runs(try tmux.screenWithEscapes()).contains { $0.contains("version 1 · ") }
        }
        try tmux.send("Enter")
        let diff = try await tmux.waitUntil("the diff") { E2ELibraryScreen($0).dialog(titled: "Hist: version 1 → current version 2") != nil }
        let text = E2ELibraryScreen(diff).dialog(titled: "Hist: version 1 → current version 2") ?? []
        #expect(text.contains("plot") && text.contains("~ style: line → scatter"), "\(diff.dump)")
        try tmux.send("Escape")
        try await tmux.waitUntil("back to the list") { historyRows($0, "Hist").count == 2 }

        // r asks with Cancel focused: Enter keeps everything as it is.
        try tmux.send("r")
        let question = try await tmux.waitForQuestion("Restore version")
        #expect(question.contains("Restore version 1 of \"Hist\"?"), "\(question)")
        try tmux.expectFocusedButton("[ Cancel ]")
        try tmux.send("Enter")
        try await tmux.waitUntil("the question to go") { E2ELibraryScreen($0).dialog(titled: "Restore version") == nil }
        #expect(try await storedPlotStyle(team, "Hist") == "scatter")

        // r, y: version 1 becomes current as version 3, on the server.
        try tmux.send("r")
        _ = try await tmux.waitForQuestion("Restore version")
        try tmux.send("y")
        let restored = try await tmux.waitUntil("three versions") { historyRows($0, "Hist").count == 3 }
        #expect(restored.lines.last?.contains("restored version 1 of \"Hist\" as version 3") == true, "\(restored.dump)")
        #expect(try await storedPlotStyle(team, "Hist") == "line")
        let cli = try await team.ok("alice", ["sessions", "history", "Hist", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [3, 2, 1], "\(cli)")
        #expect(versions.map { $0["author"] as? String } == ["alice", "alice", "alice"], "\(cli)")

        // bob may open the shared session (its current version), never its history.
        let link = try await team.ok("alice", ["sessions", "share", "Hist"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await team.ok("bob", ["render", team.data, "--session", link, "--size", "100x30"]).contains("Plot · line"))
        expectOneSentence(try await team.run("bob", ["sessions", "history", "Hist", "--library", team.url]), "there is no session named \"Hist\"")
        expectOneSentence(try await team.run("bob", ["sessions", "restore", "Hist", "--version", "2", "--library", team.url]), "there is no session named \"Hist\"")
        #expect(try team.server.psql(team.database, "SELECT count(*) FROM dataviewer.session_version", user: "bob").contains("0"))
    }

    @Test("a restore by alice's other process reaches her open view within 3 s: the server's notification, not the ten-second check")
    func openViewFollowsARestoreAtOnce() async throws {
        let team = try await E2ETeam()
        for style in ["line", "bar"] {
            let doc = try team.homes["alice"]!.write("\(style).json", E2ELibraryFixture.settingsDocument(style: style))
            try await team.ok("alice", ["sessions", "import", doc, "--name", "Live", "--force"])
        }
        let tmux = try await team.viewer("alice", [team.data, "--session", "Live"])
        try await tmux.waitForPlot("bar")
        try await tmux.waitUntil("the session, saved") { E2ELibraryScreen($0).titleBar.contains("session: Live · saved") }
        #expect(try await team.ok("alice", ["sessions", "restore", "Live", "--version", "1"]).contains("as version 3"))
        let followed = try await tmux.waitUntil("the view to follow the restore", timeout: .seconds(3)) { E2ELibraryScreen($0).plotStyle == "line" }
        #expect(E2ELibraryScreen(followed).statusLine.contains("\"Live\" was restored to version 1 (now version 3)"), "\(followed.dump)")
        try tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test("library init URL --keep-versions 2 trims each session to its last two versions; a member cannot change it")
    func keepVersions() async throws {
        let team = try await E2ETeam()
        let doc = try team.homes["alice"]!.write("s.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        try await team.ok("alice", ["sessions", "import", doc, "--name", "K"])
        for _ in 0..<3 { try await team.ok("alice", ["sessions", "import", doc, "--name", "K", "--force"]) }
        #expect(try await team.ok("admin", ["library", "init", team.url, "--keep-versions", "2"]).contains("keeps its last 2 versions"))
        let cli = try await team.ok("alice", ["sessions", "history", "K", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [4, 3], "\(cli)")
        let refused = try await team.run("alice", ["library", "init", team.url, "--keep-versions", "50"])
        #expect(refused.status != 0, "a member cannot change the library's setting: \(refused.stderrText)")
    }

    @Test("two processes saving into one session at once: every save is a version on the server, each process's in its order")
    func concurrentSaves() async throws {
        let team = try await E2ETeam()
        func document(_ tag: String) -> String {
            E2ELibraryFixture.settingsDocument().replacingOccurrences(of: "[\"humidity\"]", with: "[\"\(tag)\"]")
        }
        try await team.ok("alice", ["sessions", "import", try team.homes["alice"]!.write("start.json", document("start")), "--name", "Busy"])
        let n = 8
        var files: [String: [String]] = [:]
        for who in ["p", "q"] { files[who] = try (0..<n).map { try team.homes["alice"]!.write("\(who)\($0).json", document("\(who)\($0)")) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (binary, env, dir) = (team.binary, team.environment("alice"), team.homes["alice"]!.url)
            for who in ["p", "q"] {
                let mine = files[who]!
                group.addTask {
                    for f in mine {
                        let r = try await ProcessRunner.run(binary, ["sessions", "import", f, "--name", "Busy", "--force"],
                                                            environment: env, currentDirectory: dir, timeout: .seconds(30))
                        if r.status != 0 { throw E2EError("import \(f) failed: \(r.stderrText)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let out = try await team.ok("alice", ["sessions", "history", "Busy", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(versions.compactMap { $0["version"] as? Int } == Array((1...(2 * n + 1)).reversed()), "\(out)")
        // What the server holds, read as alice (her rows only), oldest first.
        let rows = try team.server.psql(team.database, "SELECT settings FROM dataviewer.session_version ORDER BY number", user: "alice")
        let tags = rows.split(separator: "\n").compactMap { line -> String? in
            let doc = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return ((doc?["series"] as? [String: Any])?["selected"] as? [String])?.first
        }
        #expect(tags.count == 2 * n + 1, "\(rows)")
        for who in ["p", "q"] { #expect(tags.filter { $0.hasPrefix(who) } == (0..<n).map { "\(who)\($0)" }, "\(who)'s saves in order: \(tags)") }
    }
}
