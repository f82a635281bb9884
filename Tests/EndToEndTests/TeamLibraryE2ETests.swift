import Foundation
import PostgresHarness
import Testing

/// A team library on a real PostgreSQL server: alice and bob (SCRAM passwords, no superuser) on
/// their own HOMEs, as two people on two machines would be.
final class E2ETeam {
    let server: PostgresServer
    let database: String
    let url: String
    let data: String
    let binary: String
    let homes: [String: TemporaryDirectory]

    init(server: PostgresServer? = nil) async throws {
        self.server = try server ?? #require(PostgresServer.shared, "the test PostgreSQL server did not start")
        binary = try Dataviewer.requireBinary()
        database = try self.server.makeDatabase(initialised: false) { _ in }
        url = self.server.url(database)
        var h: [String: TemporaryDirectory] = [:]
        for user in ["admin", "alice", "bob"] { h[user] = try TemporaryDirectory(prefix: "dv-team-\(user)") }
        homes = h
        data = try h["alice"]!.write("wide.csv", DataFiles.wideCSV(rows: 50))
        _ = try h["bob"]!.write("wide.csv", DataFiles.wideCSV(rows: 50))
        // alice names the library in her config file; bob keeps his password in ~/.pgpass.
        let config = h["alice"]!.url.appendingPathComponent(".config/dataviewer")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "library = \"\(url)\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let pgpass = h["bob"]!.url.appendingPathComponent(".pgpass")
        try "127.0.0.1:\(self.server.port):*:bob:\(PostgresServer.users["bob"]!)\n".write(to: pgpass, atomically: true, encoding: .utf8)
        chmod(pgpass.path, 0o600)
        let r = try await run("admin", ["library", "init", url])
        guard r.status == 0 else { throw E2EError("library init failed: \(r.stderrText)") }
    }

    func environment(_ user: String) -> [String: String] {
        var env = Dataviewer.environment(home: homes[user]!.url)
        switch user {
        case "admin": env["PGUSER"] = PostgresServer.superuser; env["PGPASSWORD"] = PostgresServer.superPassword
        case "alice": env["PGUSER"] = "alice"; env["PGPASSWORD"] = PostgresServer.users["alice"]!
        default: env["PGUSER"] = user  // the password comes from ~/.pgpass
        }
        env["USER"] = user
        try? FileManager.default.createDirectory(atPath: env["TMPDIR"]!, withIntermediateDirectories: true)
        return env
    }

    func run(_ user: String, _ args: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run(binary, args, environment: environment(user), currentDirectory: homes[user]!.url, timeout: .seconds(30))
    }

    @discardableResult
    func ok(_ user: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let r = try await run(user, args)
        guard r.status == 0 else { throw E2EError("`dataviewer \(args.joined(separator: " "))` as \(user) failed (\(r.status)) at \(sourceLocation): \(r.stderrText)") }
        return r.stdoutText
    }

    func viewer(_ user: String, _ args: [String], width: Int = 130, height: Int = 30) async throws -> TmuxSession {
        let tmux = try TmuxSession(args, width: width, height: height, environment: environment(user), home: homes[user]!)
        try await tmux.waitUntil("the viewer's first screen", timeout: .seconds(30)) {
            $0.lines.first?.contains("dataviewer") == true && $0.contains(" Plot · ")
        }
        return tmux
    }
}

func expectOneSentence(_ r: ProcessResult, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(r.status != 0 && !r.signaled, "exit \(r.status), stderr: \(err)", sourceLocation: sourceLocation)
    #expect(err.contains(needle), "stderr should say \"\(needle)\": \(err)", sourceLocation: sourceLocation)
    #expect(err.split(separator: "\n").count == 1 && err.hasPrefix("dataviewer: "), "one sentence: \(err)", sourceLocation: sourceLocation)
}

@Suite("Team library (E2E)", .enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"),
       .timeLimit(.minutes(3)))
struct TeamLibraryE2ETests {
    @Test("alice shares from the TUI, bob opens the link with his own login, cannot change it; unshare and reshare")
    func shareAcrossUsers() async throws {
        let team = try await E2ETeam()
        let alice = try await team.viewer("alice", [team.data])
        try alice.send("p")
        try await alice.waitForPlot("scatter")
        try await alice.openSessions(listing: [])
        try alice.send("n")
        try await alice.waitUntil("the New session form") { E2ELibraryScreen($0).dialog(titled: "New session") != nil }
        try alice.type("Team smog")
        try alice.send("Tab")
        try alice.send("Space")
        try await alice.waitFor("[x] shareable")
        try alice.send("Enter")
        try await alice.waitForSessionList(["Team smog"])
        try await alice.selectSession("Team smog")
        try alice.send("y")
        try await alice.waitUntil("the copied-link message") { $0.lines.last?.contains("copied link to \"Team smog\"") == true }
        var clip: String? = nil
        for _ in 0..<100 where clip == nil {
            clip = try alice.clipboard().flatMap { $0.isEmpty ? nil : $0 }
            if clip == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let link = try #require(clip, "nothing in tmux's buffer after y")
        #expect(link.hasPrefix("dataviewer://127.0.0.1:\(team.server.port)/\(team.database)/s/"), "the link names its library: \(link)")

        // bob: no --library, no flag; the link says where to go, his ~/.pgpass says who he is.
        let bob = try await team.viewer("bob", ["open", link, team.data])
        try await bob.waitUntil("bob's view of alice's session") {
            E2ELibraryScreen($0).plotStyle == "scatter" && $0.contains("shared by alice")
        }
        bob.kill()
        let rendered = try await team.ok("bob", ["render", team.data, "--session", link, "--size", "100x30"])
        #expect(rendered.contains("Plot · scatter"))

        // bob cannot delete or change it: neither through dataviewer …
        let del = try await team.run("bob", ["sessions", "delete", "Team smog", "--yes", "--library", team.url])
        expectOneSentence(del, "there is no session named \"Team smog\"")
        let asAlice = try await team.run("bob", ["sessions", "list", "--library", team.url, "--user", "alice"])
        expectOneSentence(asAlice, "--user alice cannot be used on a team library")
        // … nor through psql.
        #expect(try team.server.psql(team.database, "DELETE FROM dataviewer.session", user: "bob").isEmpty)
        #expect(try team.server.psql(team.database, "UPDATE dataviewer.session SET shareable = false", user: "bob").isEmpty)
        #expect(try team.server.psql(team.database, "SELECT count(*) FROM dataviewer.session", user: "bob").contains("0"))
        #expect(try await team.ok("alice", ["sessions", "list"]).contains("Team smog"))

        // Unsharing stops the link at once; sharing again brings the same link back.
        try await team.ok("alice", ["sessions", "unshare", "Team smog"])
        expectOneSentence(try await team.run("bob", ["render", team.data, "--session", link]), "no longer shared")
        #expect(try await team.ok("alice", ["sessions", "share", "Team smog"]).trimmingCharacters(in: .whitespacesAndNewlines) == link)
        #expect(try await team.ok("bob", ["render", team.data, "--session", link, "--size", "100x30"]).contains("Plot · scatter"))
    }

    @Test("an open sessions dialog shows a save, rename and delete made elsewhere within a second or so")
    func liveDialog() async throws {
        let team = try await E2ETeam()
        let alice = try await team.viewer("alice", [team.data])
        try await alice.openSessions(listing: [])
        let doc = try team.homes["alice"]!.write("s.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        try await team.ok("alice", ["sessions", "import", doc, "--name", "From elsewhere"])
        try await alice.waitForSessionList(["From elsewhere"])
        try await team.ok("alice", ["sessions", "rename", "From elsewhere", "Renamed"])
        try await alice.waitForSessionList(["Renamed"])
        try await team.ok("alice", ["sessions", "delete", "Renamed", "--yes"])
        try await alice.waitForSessionList([])
    }

    @Test("each bad library or link is one sentence and a non-zero exit")
    func badInput() async throws {
        let team = try await E2ETeam()
        let s = team.server
        let closedPort = PostgresServer.portOfItsOwn()
        expectOneSentence(try await team.run("alice", ["sessions", "list", "--library", "postgres://127.0.0.1:\(closedPort)/x?sslmode=disable"]),
                          "cannot reach the team library")
        var wrong = team.environment("alice")
        wrong["PGPASSWORD"] = "not-her-password"
        let r1 = try await ProcessRunner.run(team.binary, ["sessions", "list"], environment: wrong, currentDirectory: team.homes["alice"]!.url, timeout: .seconds(30))
        expectOneSentence(r1, "refused the password of alice")
        expectOneSentence(try await team.run("alice", ["sessions", "list", "--library", s.url("no_such_database")]), "has no database named no_such_database")
        let bare = try s.makeDatabase(initialised: false) { _ in }
        expectOneSentence(try await team.run("alice", ["sessions", "list", "--library", s.url(bare)]), "dataviewer library init")
        try s.psql(team.database, "INSERT INTO dataviewer.migration (version, name) VALUES (99, 'future')")
        expectOneSentence(try await team.run("alice", ["sessions", "list"]), "newer dataviewer")
        try s.psql(team.database, "DELETE FROM dataviewer.migration WHERE version = 99")
        try s.psql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mallory') THEN CREATE ROLE mallory LOGIN PASSWORD 'm-pw'; END IF; END $$")
        var mallory = team.environment("alice")
        mallory["PGUSER"] = "mallory"; mallory["PGPASSWORD"] = "m-pw"
        let r2 = try await ProcessRunner.run(team.binary, ["sessions", "list"], environment: mallory, currentDirectory: team.homes["alice"]!.url, timeout: .seconds(30))
        expectOneSentence(r2, "no permission")
        expectOneSentence(try await team.run("alice", ["sessions", "list", "--library", "postgres://h:port/db"]), "is not a library URL")
        expectOneSentence(try await team.run("bob", ["render", team.data, "--session", "dataviewer://127.0.0.1:\(closedPort)/x/s/" + String(repeating: "A", count: 22)]),
                          "this link's library cannot be used")
        expectOneSentence(try await team.run("bob", ["open", "dataviewer://127.0.0.1/x/s/short"]), "not a dataviewer link")
        let init2 = try await team.run("alice", ["library", "init", team.url])
        #expect(init2.status != 0, "an ordinary user cannot create the schema")
        // A damaged local journal (the autosaves' first stop) is refused with its path, not used.
        try await team.ok("alice", ["sessions", "list"])
        let state = team.homes["alice"]!.url.appendingPathComponent(".local/state/dataviewer")
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: state.path).first { $0.hasPrefix("journal-") && $0.hasSuffix(".sqlite") })
        for extra in ["-wal", "-shm"] { try? FileManager.default.removeItem(at: state.appendingPathComponent(journal + extra)) }
        try Data(repeating: 0x5A, count: 8192).write(to: state.appendingPathComponent(journal))
        expectOneSentence(try await team.run("alice", ["sessions", "list"]), "local autosave journal cannot be written")
    }
}

/// The server goes away mid-session and comes back: the viewer keeps taking keys, autosaves wait in
/// the local journal, and arrive; a kill -9 while offline loses nothing either.
@Suite("Team library offline (E2E)", .enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries"),
       .timeLimit(.minutes(3)))
struct TeamOfflineE2ETests {
    @Test("stop the server mid-session: keys still work, the title says offline, the view arrives after restart")
    func serverStopsAndReturns() async throws {
        let server = try #require(try PostgresServer.makePrivate())
        let team = try await E2ETeam(server: server)
        let alice = try await team.viewer("alice", [team.data])
        try server.stop()
        try alice.send("p")
        try await alice.waitForPlot("scatter")
        try await alice.waitUntil("the title saying changes wait") { $0.lines.first?.contains("offline · ") == true }
        try alice.send("p")
        try await alice.waitForPlot("bar")
        // A named save is refused with one sentence, nothing half-done.
        try alice.send("S")
        try await alice.waitUntil("the sessions dialog") { E2ELibraryScreen($0).sessionsDialogOpen || $0.contains("unreachable") || $0.contains("cannot reach") }
        try alice.send("Escape")
        try server.start()
        try await alice.waitUntil("the title back to autosaved", timeout: .seconds(20)) {
            $0.lines.first?.contains("autosaved ") == true && $0.lines.first?.contains("offline") == false
        }
        #expect(try server.psql(team.database, "SELECT settings FROM dataviewer.autosave", user: "alice").contains("\"bar\""))

        // Offline again, a change, then kill -9: the next start pushes the journal.
        try server.stop()
        try alice.send("p")
        try await alice.waitUntil("the title saying changes wait") { $0.lines.first?.contains("offline · ") == true }
        let shown = try #require(E2ELibraryScreen(try alice.screen()).plotStyle)
        try alice.signal(SIGKILL)
        try server.start()
        let rendered = try await team.ok("alice", ["render", team.data, "--size", "100x30"])
        #expect(rendered.contains("Plot · \(shown)"))
        #expect(try server.psql(team.database, "SELECT settings FROM dataviewer.autosave", user: "alice").contains("\"\(shown)\""))
        try server.stop()
    }

    @Test("start while the server is down: the last view from the journal, the title says offline, changes arrive when it is back")
    func startOffline() async throws {
        let server = try #require(try PostgresServer.makePrivate())
        let team = try await E2ETeam(server: server)
        let first = try await team.viewer("alice", [team.data])
        try first.send("p")
        try await first.waitForPlot("scatter")
        try await first.waitUntil("the autosave") { $0.lines.first?.contains("autosaved ") == true }
        try first.send("q")
        #expect(try await first.waitForExit() == 0)
        try server.stop()

        let alice = try await team.viewer("alice", [team.data])
        let screen = try await alice.waitUntil("the title saying offline") { $0.lines.first?.contains("offline") == true }
        #expect(E2ELibraryScreen(screen).plotStyle == "scatter", "the last view this machine knows: \(screen.dump)")
        try alice.send("p")
        try await alice.waitForPlot("bar")
        try await alice.waitUntil("the title counting the change") { $0.lines.first?.contains("offline · 1 change waiting") == true }
        // What needs the server says so in one sentence; the keys keep working.
        try alice.send("S")
        try await alice.waitUntil("the sentence") { $0.contains("cannot reach the team library") }
        try alice.send("Escape")
        try alice.send("p")
        try await alice.waitForPlot("step")
        try server.start()
        try await alice.waitUntil("the title back to autosaved", timeout: .seconds(20)) {
            $0.lines.first?.contains("autosaved ") == true && $0.lines.first?.contains("offline") == false
        }
        #expect(try server.psql(team.database, "SELECT settings FROM dataviewer.autosave", user: "alice").contains("\"step\""))
        // The dialog works again, live.
        try await alice.openSessions(listing: [])
        try alice.send("Escape")
        try alice.send("q")
        #expect(try await alice.waitForExit() == 0)
        try server.stop()
    }
}

/// A team library on a server that takes only encrypted connections, through the real binary.
@Suite("Team library over TLS (E2E)", .enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries"),
       .timeLimit(.minutes(2)))
struct TeamTLSE2ETests {
    @Test("a server that takes only TLS: alice works over sslmode=require, bob opens her link with verify-full and ~/.postgresql/root.crt; plain or untrusted is one sentence")
    func overTLS() async throws {
        let server = try #require(try PostgresServer.makePrivate(tls: true))
        defer { try? server.stop() }
        let certificate = try #require(server.certificate)
        let team = try await E2ETeam(server: server)
        #expect(team.url.hasSuffix("?sslmode=require"), "\(team.url)")

        // alice: the viewer autosaves over TLS (the server refuses anything else).
        let alice = try await team.viewer("alice", [team.data])
        try alice.send("p")
        try await alice.waitForPlot("scatter")
        try await alice.waitUntil("the autosave") { $0.lines.first?.contains("autosaved ") == true }
        try alice.send("q")
        #expect(try await alice.waitForExit() == 0)
        #expect(try server.psql(team.database, "SELECT settings FROM dataviewer.autosave", user: "alice").contains("\"scatter\""))
        let doc = try team.homes["alice"]!.write("bar.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        try await team.ok("alice", ["sessions", "import", doc, "--name", "Over TLS"])
        let link = try await team.ok("alice", ["sessions", "share", "Over TLS"]).trimmingCharacters(in: .whitespacesAndNewlines)

        // bob verifies the server against the certificate he was given, where libpq looks for it.
        let bobHome = team.homes["bob"]!.url
        try FileManager.default.createDirectory(at: bobHome.appendingPathComponent(".postgresql"), withIntermediateDirectories: true)
        let root = bobHome.appendingPathComponent(".postgresql/root.crt")
        try FileManager.default.copyItem(atPath: certificate, toPath: root.path)
        var bob = team.environment("bob")
        bob["PGSSLMODE"] = "verify-full"
        func asBob(_ args: [String]) async throws -> ProcessResult {
            try await ProcessRunner.run(team.binary, args, environment: bob, currentDirectory: bobHome, timeout: .seconds(30))
        }
        let opened = try await asBob(["render", team.data, "--session", link, "--size", "100x30"])
        #expect(opened.status == 0, "\(opened.stderrText)")
        #expect(opened.stdoutText.contains("Plot · bar"), "\(opened.stdoutText)")

        // Without the certificate, verify-full trusts nothing it cannot check; without TLS the server says no.
        try FileManager.default.removeItem(at: root)
        expectOneSentence(try await asBob(["render", team.data, "--session", link]), "certificate is not trusted")
        let plainURL = server.url(team.database, sslmode: "disable")
        expectOneSentence(try await team.run("alice", ["sessions", "list", "--library", plainURL]), "takes only encrypted connections")
    }
}
