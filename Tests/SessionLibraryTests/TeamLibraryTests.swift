import Foundation
import LibraryViews
import PostgresHarness
import Testing
import ViewCore
@testable import SessionLibrary
@testable import TeamLibrary

@Suite struct TeamAddressTests {
    @Test func urlPartsAndLibpqDefaults() throws {
        let a = try TeamAddress.parse("postgres://ana@db.example.org:6543/team?sslmode=require", environment: [:])
        #expect(a.host == "db.example.org" && a.port == 6543 && a.database == "team" && a.user == "ana" && a.tls == .require)
        #expect(a.display == "postgres://db.example.org:6543/team")
        #expect(a.linkPrefix == "dataviewer://db.example.org:6543/team/s/")
        let e = try TeamAddress.parse("postgres:///", environment: ["PGHOST": "h", "PGPORT": "7000", "PGDATABASE": "d",
                                                                    "PGUSER": "u", "PGPASSWORD": "p", "PGSSLMODE": "verify-full"])
        #expect(e.host == "h" && e.port == 7000 && e.database == "d" && e.user == "u" && e.password == "p" && e.tls == .verifyFull)
        let d = try TeamAddress.parse("postgresql://h/db", environment: ["USER": "me"])
        #expect(d.port == 5432 && d.user == "me" && d.tls == .prefer && d.linkPrefix == "dataviewer://h/db/s/")
        let v6 = try TeamAddress.parse("postgres://[::1]:5433/db", environment: [:])
        #expect(v6.host == "::1" && v6.port == 5433)
    }

    @Test(arguments: ["postgres://h:99999/db", "postgres://h:port/db", "postgres://h/", "postgres://h/db?sslmode=sometimes",
                      "postgres://h/db?colour=blue", "postgres://h/a/b", "mysql://h/db"])
    func malformedURLsAreOneSentence(_ url: String) {
        #expect(throws: LibraryError.self) { try TeamAddress.parse(url, environment: [:]) }
        do { _ = try TeamAddress.parse(url, environment: [:]) } catch {
            #expect(error.description.contains("is not a library URL") && !error.description.contains("\n"))
        }
    }

    @Test func passwordsNeverAppearInSentences() {
        do { _ = try TeamAddress.parse("postgres://ana:hunter2@h:x/db", environment: [:]) } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func pgpassIsReadWithWildcardsAndEscapes() throws {
        let file = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        try "# comment\nother:5432:*:ana:nope\ndb.example.org:*:team:ana:s\\:cret\n*:*:*:*:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        let a = try TeamAddress.parse("postgres://ana@db.example.org/team", environment: ["PGPASSFILE": file])
        #expect(a.password == "s:cret")
        let b = try TeamAddress.parse("postgres://bob@x/y", environment: ["PGPASSFILE": file])
        #expect(b.password == "fallback")
        let c = try TeamAddress.parse("postgres://bob@x/y", environment: ["PGPASSFILE": file, "PGPASSWORD": "env"])
        #expect(c.password == "env")
    }

    @Test func linksNameTheirLibrary() {
        let t = String(repeating: "A", count: 22)
        #expect(ShareLink.target(of: "dataviewer://session/\(t)") == .local(token: t))
        #expect(ShareLink.target(of: "dataviewer://db.example.org/team/s/\(t)") == .team(host: "db.example.org", port: nil, database: "team", token: t))
        #expect(ShareLink.target(of: "dataviewer://10.0.0.1:6543/team/s/\(t)") == .team(host: "10.0.0.1", port: 6543, database: "team", token: t))
        #expect(ShareLink.target(of: "dataviewer://[::1]:6543/team/s/\(t)") == .team(host: "::1", port: 6543, database: "team", token: t))
        for bad in ["dataviewer://h/db/x/\(t)", "dataviewer://h:0/db/s/\(t)", "dataviewer://h/db/s/short", "dataviewer:///db/s/\(t)", "https://h/db/s/\(t)"] {
            #expect(ShareLink.target(of: bad) == nil, "\(bad)")
        }
        #expect(ShareLink.teamPrefix(host: "::1", port: 6543, database: "team") == "dataviewer://[::1]:6543/team/s/")
    }
}

/// The server enforces the rules: what people can and cannot do with psql, whatever dataviewer does.
@Suite(.enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"))
struct TeamLibraryServerTests {
    @Test func theOwnerIsTheLoginAndOtherNamesAreRefused() throws {
        let db = try TeamTest.database()
        let alice = try TeamTest.open(db, as: "alice")
        #expect(alice.login == "alice")
        #expect(throws: LibraryError.otherUser(login: "alice", given: "bob")) {
            try alice.save(owner: "bob", name: "A", settings: someSettings(), overwrite: false)
        }
        #expect(LibraryError.otherUser(login: "alice", given: "bob").description.contains("--user bob cannot be used"))
    }

    /// A shared session's history stays its owner's: the server refuses others, whatever client they use.
    @Test func versionsAreTheOwnersAloneEvenWithPsqlAndWhenShared() throws {
        let db = try TeamTest.database()
        let alice = try TeamTest.open(db, as: "alice")
        let r = try alice.save(owner: "alice", name: "Shared", settings: someSettings(["a"]), shareable: true, overwrite: false)
        try alice.save(owner: "alice", name: "Shared", settings: someSettings(["b"]), overwrite: true)
        let s = TeamTest.server
        func count(_ user: String) throws -> String {
            try s.psql(db, "SELECT count(*) FROM dataviewer.session_version", user: user).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try count("alice") == "2")  // created (shareable), saved
        #expect(try count("bob") == "0")
        let id = try #require(r.id)
        // Neither a version of alice's session, nor one in alice's name.
        #expect(throws: (any Error).self) {
            try s.psql(db, "INSERT INTO dataviewer.session_version (session_id, number, kind, at, name, shareable, settings) VALUES (\(id), 99, 'saved', 0, 'x', false, '{}')", user: "bob")
        }
        #expect(throws: (any Error).self) {
            try s.psql(db, "INSERT INTO dataviewer.session_version (session_id, number, owner, kind, at, name, shareable, settings) VALUES (\(id), 99, 'alice', 'saved', 0, 'x', false, '{}')", user: "bob")
        }
        #expect(try s.psql(db, "DELETE FROM dataviewer.session_version RETURNING 1", user: "bob").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(throws: (any Error).self) { try s.psql(db, "UPDATE dataviewer.library_setting SET value = '1'", user: "bob") }
        #expect(try count("alice") == "2")
        // The link opens the current version for bob; the versions are not his to read.
        let bob = try TeamTest.open(db, as: "bob")
        #expect(try SettingsDocument.decode(bob.resolve(link: r.link!).get().settings).series.selected == ["b"])
        #expect(throws: LibraryError.noSuchSession(name: "Shared")) { try bob.versions(owner: "bob", name: "Shared") }
        // A member may not change the library's setting; its administrator may.
        #expect(throws: LibraryError.self) { try alice.setKeepVersions(5) }
        #expect(try alice.keepVersions() == 100)
    }

    @Test func othersCannotListReadOrChangeSessionsEvenWithPsql() throws {
        let db = try TeamTest.database()
        let alice = try TeamTest.open(db, as: "alice")
        try alice.save(owner: "alice", name: "Private", settings: someSettings(), overwrite: false)
        let shared = try alice.save(owner: "alice", name: "Shared", settings: someSettings(), shareable: true, overwrite: false)
        let token = shared.shareToken!
        try alice.autosave(owner: "alice", dataKey: "/d", settings: someSettings(), sessionName: nil, savedSettings: nil)
        try alice.setPreference(owner: "alice", key: "theme", value: "light")
        let s = TeamTest.server
        for table in ["session", "autosave", "history", "preference"] {
            #expect(try s.psql(db, "SELECT count(*) FROM dataviewer.\(table)", user: "bob").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
        #expect(try s.psql(db, "SELECT count(*) FROM dataviewer.session WHERE share_token = '\(token)'", user: "bob").contains("0"))
        #expect(throws: PostgresServer.CommandFailed.self) { try s.psql(db, "SELECT * FROM dataviewer.retired_link", user: "bob") }
        #expect(try s.psql(db, "UPDATE dataviewer.session SET settings = '{}' WHERE name = 'Shared'", user: "bob").isEmpty)
        #expect(try s.psql(db, "DELETE FROM dataviewer.session", user: "bob").isEmpty)
        #expect(throws: PostgresServer.CommandFailed.self) {
            try s.psql(db, "INSERT INTO dataviewer.session (owner, name, settings, created_at, updated_at) VALUES ('alice', 'x', '{}', 0, 0)", user: "bob")
        }
        #expect(throws: PostgresServer.CommandFailed.self) {
            try s.psql(db, "UPDATE dataviewer.session SET owner = 'bob'", user: "alice")
        }
        // Through the token, and only while shared, bob reads the session; he cannot write through it.
        #expect(try s.psql(db, "SELECT s_name FROM dataviewer.shared_session('\(token)')", user: "bob").contains("Shared"))
        try alice.setShareable(owner: "alice", name: "Shared", false)
        #expect(try s.psql(db, "SELECT coalesce(s_name, 'hidden') || ' ' || status FROM dataviewer.shared_session('\(token)')", user: "bob")
            .contains("hidden not-shared"))
        #expect(try alice.list(owner: "alice").count == 2)
        #expect(try alice.settings(owner: "alice", name: "Shared") == someSettings())
        // Someone without the group role gets nothing at all.
        try s.psql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mallory') THEN CREATE ROLE mallory LOGIN PASSWORD 'm-pw'; END IF; END $$")
        #expect(throws: LibraryError.self) { _ = try TeamLibrary(TeamTest.address(db, as: "mallory", password: "m-pw")) }
    }

    @Test func twentyInitsAtOnceMigrateExactlyOnce() async throws {
        let db = try TeamTest.database(initialised: false)
        let url = TeamTest.server.url(db, user: PostgresServer.superuser)
        let env = TeamTest.server.environment(user: PostgresServer.superuser)
        let applied = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<20 {
                group.addTask { (try? TeamLibrary.initialise(TeamAddress.parse(url, environment: env))) ?? [-1] }
            }
            return await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(applied.sorted() == TeamSchema.migrations.map(\.version))
        #expect(try TeamTest.server.psql(db, "SELECT count(*) FROM dataviewer.migration").contains("\(TeamSchema.migrations.count)"))
        #expect(try TeamTest.open(db, as: "alice").list(owner: "alice").isEmpty)
    }

    @Test func badConnectionsAreOneSentenceEach() throws {
        let s = TeamTest.server
        func sentence(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        let db = try TeamTest.database()
        #expect(sentence { _ = try TeamLibrary(TeamTest.address(db, as: "alice", password: "wrong")) }.contains("refused the password of alice"))
        #expect(sentence { _ = try TeamLibrary(TeamTest.address("no_such_db", as: "alice")) }.contains("has no database named no_such_db"))
        let bare = try TeamTest.database(initialised: false)
        try s.psql(bare, "GRANT ALL ON SCHEMA public TO alice")
        #expect(sentence { _ = try TeamLibrary(TeamTest.address(bare, as: "alice")) }.contains("dataviewer library init"))
        let newer = try TeamTest.database()
        try s.psql(newer, "INSERT INTO dataviewer.migration (version, name) VALUES (99, 'from the future')")
        #expect(sentence { _ = try TeamLibrary(TeamTest.address(newer, as: "alice")) }.contains("newer dataviewer"))
        let closed = try TeamAddress.parse("postgres://127.0.0.1:\(PostgresServer.portOfItsOwn())/x?sslmode=disable", environment: ["PGUSER": "alice", "PGPASSWORD": "x"])
        #expect(sentence { _ = try TeamLibrary(closed) }.contains("cannot reach the team library"))
        var noPassword = try TeamTest.address(db, as: "alice")
        noPassword.password = nil
        #expect(sentence { _ = try TeamLibrary(noPassword) }.contains("wants a password"))
    }

    @Test func notificationsArriveWhenAColleagueChangesSomething() throws {
        let db = try TeamTest.database()
        let alice = try TeamTest.open(db, as: "alice")
        let elsewhere = try TeamTest.open(db, as: "alice")
        let news = NewsBox()
        alice.watch { news.add($0) }
        // Listening has begun once the first (re)connection news arrived.
        #expect(news.waitFor(.sessionsChanged, seconds: 5))
        news.clear()
        try elsewhere.save(owner: "alice", name: "A", settings: someSettings(), overwrite: false)
        #expect(news.waitFor(.sessionsChanged, seconds: 5))
        #expect(try alice.summaries(owner: "alice").map(\.name) == ["A"])
    }

    /// The owner condition every query uses can seek the owner index (compared as a `name`, it
    /// could not where the database's collation is not "C", and each query read all owners' rows).
    @Test func theOwnerConditionSeeksTheOwnerIndex() throws {
        let server = try #require(try PostgresServer.makePrivate())
        defer { try? server.stop() }
        let db = try TeamTest.database(on: server)
        func plan(_ owner: String) throws -> String {
            try server.psql(db, "SET enable_seqscan = off; EXPLAIN SELECT name FROM dataviewer.session WHERE owner = \(owner) ORDER BY updated_at DESC, name",
                            user: "alice")
        }
        let ours = try plan(TeamLibrary.me)
        #expect(ours.contains("Index Cond: (owner ="), "\(ours)")
    }

    /// Pushes send the stacks' changed ends only; whatever the mix of changes, trims, undos and
    /// redos, and whenever the pusher happens to run, the server ends with the stacks as they are.
    @Test func theServerEndsWithTheStacksAfterManyChangesSentByTheirEnds() throws {
        let server = try #require(try PostgresServer.makePrivate())
        defer { try? server.stop() }
        let db = try TeamTest.database(on: server)
        let address = try TeamTest.address(db, on: server, as: "alice")
        let journal = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let lib = try TeamLibrary(address, journal: journal)
        let steps = historySteps(400, seed: 20_261_201)
        for (i, step) in steps.enumerated() {
            try lib.autosave(owner: "alice", dataKey: "/d", settings: step.view, sessionName: nil, savedSettings: nil,
                             history: HistoryDelta(from: step.old, to: step.new))
            if i % 23 == 7 { lib.flush() }  // pushes at odd moments too, beside the background thread's
        }
        let h = steps.last!.new, current = steps.last!.view
        #expect(lib.flush())
        let other = try TeamLibrary(address, journal: journal + "-elsewhere")  // reads the server, not the journal
        #expect(try other.history(owner: "alice", dataKey: "/d") == h)
        #expect(try other.autosaved(owner: "alice", dataKey: "/d")?.settings == current)
        // A new start on the same journal sends only what changes after it.
        let again = try TeamLibrary(address, journal: journal)
        #expect(try again.history(owner: "alice", dataKey: "/d") == h)
    }

    /// A held key: changes faster than the push interval go to the server as a few pushes of the
    /// newest view (with the history in between), and the last one arrives without a flush.
    @Test func aBurstOfChangesIsPushedAsFewPushesAndTheLastArrives() throws {
        let address = try TeamTest.address(try TeamTest.database(), as: "alice")
        let journal = NSTemporaryDirectory() + "dv-journal-burst-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let lib = try TeamLibrary(address, journal: journal)
        let pushes = Counter()
        lib.onAutosavePushed { _, _ in pushes.add() }
        var h = UndoHistory()
        let t0 = Date()
        for i in 0..<60 {
            let old = h
            h.past.append(someSettings(["v\(i)"]))
            try lib.autosave(owner: "alice", dataKey: "/d", settings: someSettings(["v\(i + 1)"]), sessionName: nil, savedSettings: nil,
                             history: HistoryDelta(from: old, to: h))
        }
        let elapsed = Date().timeIntervalSince(t0)
        let other = try TeamLibrary(address, journal: journal + "-elsewhere")  // reads the server, not the journal
        let deadline = Date().addingTimeInterval(5)
        while (try? other.autosaved(owner: "alice", dataKey: "/d")?.settings) != someSettings(["v60"]) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(try other.autosaved(owner: "alice", dataKey: "/d")?.settings == someSettings(["v60"]))
        #expect(try other.history(owner: "alice", dataKey: "/d") == h)
        // One push as the burst starts, then at most one per interval while it lasts, and the last.
        let most = Int(elapsed / AutosavePusher.pushInterval) + 2
        #expect(pushes.value <= most, "\(pushes.value) pushes for 60 changes in \(elapsed) s")
    }

    /// Callers wait for the driver's async calls on their own thread, and that thread may be one of
    /// the concurrency pool's: with every pool thread waiting, the calls must still run.
    @Test func pushesFinishWhileEveryPoolThreadWaitsForOne() async throws {
        let address = try TeamTest.address(try TeamTest.database(), as: "alice")
        let n = ProcessInfo.processInfo.activeProcessorCount + 2
        let journals = (0..<n).map { NSTemporaryDirectory() + "dv-journal-pool-\($0)-\(UUID().uuidString).sqlite" }
        defer { for j in journals { try? FileManager.default.removeItem(atPath: j) } }
        let libs = try journals.map { try TeamLibrary(address, journal: $0) }
        let done = DispatchSemaphore(value: 0), started = Counter(), pushed = Counter()
        for (i, lib) in libs.enumerated() {
            Task.detached {
                started.add()
                _ = try? lib.autosave(owner: "alice", dataKey: "/pool\(i)", settings: someSettings(["v\(i)"]), sessionName: nil,
                                      savedSettings: nil, history: nil)
                if lib.flush() { pushed.add() }
                done.signal()
            }
        }
        // Waited for on a thread that is not the pool's (this test must not take one of the pool's
        // threads itself). Other tests hold pool threads for a while in a full run, hence the margin.
        let finished: Int = await withCheckedContinuation { answer in
            Thread {
                let deadline = DispatchTime.now() + 120
                var finished = 0
                for _ in 0..<n where done.wait(timeout: deadline) == .success { finished += 1 }
                if finished < n {
                    // The pool is starved for good and no later test could run: end the run with the reason.
                    FileHandle.standardError.write(Data("""
                        pushesFinishWhileEveryPoolThreadWaitsForOne: \(started.value) of \(n) callers started and \(finished) \
                        got an answer in 120 s; the driver's calls wait for a pool thread\n
                        """.utf8))
                    exit(1)
                }
                answer.resume(returning: finished)
            }.start()
        }
        #expect(finished == n)
        #expect(pushed.value == n)
        let other = try TeamLibrary(address, journal: journals[0] + "-elsewhere")
        for i in 0..<n { #expect(try other.autosaved(owner: "alice", dataKey: "/pool\(i)")?.settings == someSettings(["v\(i)"])) }
    }

    @Test func autosavesWaitInTheJournalWhileTheServerIsGoneAndArriveAfter() throws {
        let server = try #require(try PostgresServer.makePrivate())
        defer { try? server.stop() }
        let db = try TeamTest.database(on: server)
        let journal = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        let address = try TeamTest.address(db, on: server, as: "alice")
        var lib: TeamLibrary? = try TeamLibrary(address, journal: journal)
        let news = NewsBox()
        lib!.watch { news.add($0) }
        try lib!.save(owner: "alice", name: "A", settings: someSettings(), overwrite: false)
        try server.stop()
        var h = UndoHistory()
        for i in 0..<5 {
            let old = h
            h.past.append(someSettings(["v\(i)"]))
            try lib!.autosave(owner: "alice", dataKey: "/d", settings: someSettings(["v\(i + 1)"]), sessionName: nil, savedSettings: nil,
                              history: HistoryDelta(from: old, to: h))
        }
        let deadline = Date().addingTimeInterval(10)
        while lib!.pendingStatus == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(lib!.pendingStatus == "offline · 5 changes waiting")
        // The viewer hears it without asking (the title bar's news).
        #expect(news.waitFor(.waiting("offline · 5 changes waiting"), seconds: 5))
        // Named changes are refused with a sentence, and nothing is half-done.
        #expect(throws: LibraryError.offline(library: address.display, what: "save a session")) {
            try lib!.save(owner: "alice", name: "B", settings: someSettings(), overwrite: false)
        }
        #expect(throws: LibraryError.self) { try lib!.delete(owner: "alice", name: "A") }
        // What this process shows comes from the journal meanwhile.
        #expect(try lib!.autosaved(owner: "alice", dataKey: "/d")?.settings == someSettings(["v5"]))
        // The process ends without reaching the server (as kill -9 would leave it); a later start pushes.
        lib = nil
        try server.start()
        let again = try TeamLibrary(address, journal: journal)
        let until = Date().addingTimeInterval(10)
        while again.pendingStatus != nil || (try? server.psql(db, "SELECT count(*) FROM dataviewer.autosave", user: "alice"))?.contains("1") != true,
              Date() < until { Thread.sleep(forTimeInterval: 0.1) }
        let other = try TeamLibrary(address, journal: journal + "-elsewhere")  // reads the server, not the journal
        #expect(try other.autosaved(owner: "alice", dataKey: "/d")?.settings == someSettings(["v5"]))
        #expect(try other.history(owner: "alice", dataKey: "/d") == h)
        #expect(try other.list(owner: "alice").map(\.name) == ["A"])
    }
}

/// Counts calls from other threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}

/// News from a library's threads, collected for a test to wait on.
final class NewsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LibraryNews] = []
    func add(_ n: LibraryNews) { lock.withLock { items.append(n) } }
    func clear() { lock.withLock { items.removeAll() } }
    var all: [LibraryNews] { lock.withLock { items } }
    func waitFor(_ n: LibraryNews, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if all.contains(n) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return all.contains(n)
    }
}

/// The viewer may start while the server is gone: the library opens on its journal and finds the server later.
@Suite(.enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"))
struct TeamOfflineStartTests {
    @Test func aStartWithoutTheServerWorksFromTheJournalAndPushesWhenItIsBack() throws {
        let server = try #require(try PostgresServer.makePrivate())
        defer { try? server.stop() }
        let db = try TeamTest.database(on: server)
        let journal = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        let address = try TeamTest.address(db, on: server, as: "alice")
        do {
            let online = try TeamLibrary(address, journal: journal)
            try online.autosave(owner: "alice", dataKey: "/d", settings: someSettings(["seen"]), sessionName: nil, savedSettings: nil)
            #expect(online.flush())
        }
        try server.stop()
        // Commands are refused with their sentence; the viewer's start is not.
        #expect(throws: LibraryError.self) { _ = try TeamLibrary(address, journal: journal) }
        let lib = try TeamLibrary(address, journal: journal, offlineStart: true)
        #expect(lib.login == "alice" && lib.isOffline && lib.pendingStatus == "offline")
        #expect(try lib.autosaved(owner: "alice", dataKey: "/d")?.settings == someSettings(["seen"]))  // the last view this machine knows
        #expect(throws: LibraryError.self) { try lib.summaries(owner: "alice") }
        #expect(throws: LibraryError.self) { try lib.preference(owner: "alice", key: "theme") }
        try lib.autosave(owner: "alice", dataKey: "/d", settings: someSettings(["offline"]), sessionName: nil, savedSettings: nil)
        #expect(lib.pendingStatus == "offline · 1 change waiting")
        try server.start()
        let deadline = Date().addingTimeInterval(15)
        while lib.pendingStatus != nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(lib.pendingStatus == nil && !lib.isOffline)
        let other = try TeamLibrary(address, journal: journal + "-elsewhere")  // reads the server
        #expect(try other.autosaved(owner: "alice", dataKey: "/d")?.settings == someSettings(["offline"]))
        #expect(try lib.summaries(owner: "alice").isEmpty)
    }
}

/// A team library set up by the previous dataviewer (schema 1, no versions), with sessions in it.
@Suite(.enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"))
struct TeamHistoryMigrationTests {
    @Test func existingSessionsBecomeVersionOneAndKeepWorking() throws {
        let s = TeamTest.server
        let db = try s.makeDatabase(initialised: false) { _ in }
        let admin = try TeamAddress.parse(s.url(db), environment: s.environment(user: PostgresServer.superuser))
        #expect(try TeamLibrary.initialise(admin, group: TeamSchema.defaultGroup, keepVersions: nil, through: 1) == [1])
        try s.psql(db, "INSERT INTO dataviewer.session (name, settings, shareable, share_token, created_at, updated_at) VALUES ('Old smog', '\(SettingsDocument.encode(someSettings(["x"])))', true, 'AAAAAAAAAAAAAAAAAAAAAA', 1000, 2000)", user: "alice")
        try s.psql(db, "INSERT INTO dataviewer.session (name, settings, created_at, updated_at) VALUES ('Noise', '\(SettingsDocument.encode(someSettings(["y"])))', 1000, 3000)", user: "bob")
        // Until the administrator upgrades it, a member is told who does what.
        let display = try TeamTest.address(db, as: "alice").display
        #expect(throws: LibraryError.olderTeamSchema(library: display)) { _ = try TeamTest.open(db, as: "alice") }
        #expect(try TeamLibrary.initialise(admin) == [2])
        #expect(try TeamLibrary.initialise(admin) == [])  // once
        let alice = try TeamTest.open(db, as: "alice"), bob = try TeamTest.open(db, as: "bob")
        let v = try alice.versions(owner: "alice", name: "Old smog")
        #expect(v.map(\.number) == [1])
        #expect(v[0].settings.series.selected == ["x"] && v[0].author == "alice" && v[0].at == 2000 && v[0].shareable)
        #expect(try bob.versions(owner: "bob", name: "Noise").map(\.settings.series.selected) == [["y"]])
        #expect(throws: LibraryError.noSuchSession(name: "Old smog")) { try bob.versions(owner: "bob", name: "Old smog") }
        try alice.save(owner: "alice", name: "Old smog", settings: someSettings(["z"]), overwrite: true)
        #expect(try alice.versions(owner: "alice", name: "Old smog").map(\.number) == [1, 2])
        let link = alice.address.linkPrefix + "AAAAAAAAAAAAAAAAAAAAAA"
        #expect(try SettingsDocument.decode(bob.resolve(link: link).get().settings).series.selected == ["z"])
        #expect(try alice.restore(owner: "alice", name: "Old smog", version: 1).number == 3)
        #expect(try alice.settings(owner: "alice", name: "Old smog").series.selected == ["x"])
    }
}

/// A server that speaks TLS and refuses every unencrypted connection: the modes libpq users know.
@Suite(.enabled(if: PostgresServer.available, "needs PostgreSQL's server binaries (scripts/deps installs them)"))
struct TeamTLSTests {
    @Test func requireAndVerifyFullConnectOverTLSAndDisableOrAnUntrustedCertificateIsOneSentence() throws {
        let server = try #require(try PostgresServer.makePrivate(tls: true))
        defer { try? server.stop() }
        let certificate = try #require(server.certificate)
        let db = try TeamTest.database(on: server)
        func library(_ mode: String, host: String = "127.0.0.1", root: String? = nil) throws -> TeamLibrary {
            try TeamLibrary(TeamTest.address(db, on: server, as: "alice", url: server.url(db, host: host, sslmode: mode),
                                             environment: ["PGSSLROOTCERT": root ?? ""]))
        }
        func sentence(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        // The server refuses plain connections, so each of these working means it went over TLS.
        let required = try library("require")
        try required.save(owner: "alice", name: "Over TLS", settings: someSettings(), overwrite: false)
        let verified = try library("verify-full", host: "localhost", root: certificate)
        #expect(try verified.list(owner: "alice").map(\.name) == ["Over TLS"])
        #expect(try library("verify-full", host: "127.0.0.1", root: certificate).list(owner: "alice").map(\.name) == ["Over TLS"])
        #expect(try library("verify-ca", root: certificate).list(owner: "alice").map(\.name) == ["Over TLS"])

        let plain = sentence { _ = try library("disable").list(owner: "alice") }
        #expect(plain.contains("takes only encrypted connections"), "\(plain)")
        // verify-full trusts only what it is told to trust; the system's roots do not know this certificate.
        let untrusted = sentence { _ = try library("verify-full", host: "localhost").list(owner: "alice") }
        #expect(untrusted.contains("certificate is not trusted"), "\(untrusted)")
        for text in [plain, untrusted] { #expect(!text.contains("\n") && text.count < 300, "one sentence: \(text)") }
    }
}
