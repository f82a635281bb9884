import Foundation
import GRDB
import LibraryViews
import PostgresHarness
import Testing
import ViewCore
@testable import SessionLibrary

/// Session versions on both backends (SQLite, and PostgreSQL under row-level security): one suite,
/// run once per backend (on SQLite alone where PostgreSQL's server binaries are missing: `scripts/deps` installs them).
@Suite struct HistoryTests {
    static let backends: [Backend] = PostgresServer.available ? Backend.allCases : [.sqlite]

    @Test(arguments: backends) func everySaveKeepsTheVersionItReplaces(_ b: Backend) throws {
        let lib = try b.fixture().alice
        try lib.save(owner: "alice", name: "S", settings: someSettings(["a"]), overwrite: false)
        try lib.save(owner: "alice", name: "S", settings: someSettings(["a", "b"]), overwrite: true)
        try lib.save(owner: "alice", name: "S", settings: someSettings(["c"]), overwrite: true)
        let v = try lib.versions(owner: "alice", name: "S")
        #expect(v.map(\.number) == [1, 2, 3])
        #expect(v.map(\.event) == [.created, .saved, .saved])
        #expect(v.map(\.settings.series.selected) == [["a"], ["a", "b"], ["c"]])
        #expect(v.allSatisfy { $0.author == "alice" && $0.at > 0 })
        #expect(v.map(\.at) == v.map(\.at).sorted())
        #expect(try lib.version(owner: "alice", name: "S", number: 2).settings.series.selected == ["a", "b"])
        #expect(VersionHistory.summaries(v) == ["created", "+1 series", "+1 series, −2 series"])
    }

    @Test(arguments: backends) func renamesAndShareChangesAreRecorded(_ b: Backend) throws {
        let lib = try b.fixture().alice
        try lib.save(owner: "alice", name: "S", settings: someSettings(), overwrite: false)
        try lib.setShareable(owner: "alice", name: "S", true)
        try lib.setShareable(owner: "alice", name: "S", true)  // no change: no version
        _ = try lib.rename(owner: "alice", from: "S", to: "T")
        try lib.newLink(owner: "alice", name: "T")
        try lib.setShareable(owner: "alice", name: "T", false)
        let v = try lib.versions(owner: "alice", name: "T")
        #expect(v.map(\.event) == [.created, .shared, .renamed(from: "S"), .newLink, .unshared])
        #expect(v.map(\.name) == ["S", "S", "T", "T", "T"])
        #expect(v.map(\.shareable) == [false, true, true, true, false])
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try lib.versions(owner: "alice", name: "S") }
    }

    @Test(arguments: backends) func historyIsTrimmedAtTheLibrarysLimit(_ b: Backend) throws {
        let f = try b.fixture()
        let lib = f.alice
        #expect(try lib.keepVersions() == 100)
        try lib.save(owner: "alice", name: "S", settings: someSettings(["0"]), overwrite: false)
        for i in 1...104 { try lib.save(owner: "alice", name: "S", settings: someSettings(["\(i)"]), overwrite: true) }
        var v = try lib.versions(owner: "alice", name: "S")
        #expect(v.count == 100)
        #expect(v.first?.number == 6 && v.last?.number == 105)
        #expect(v.last?.settings.series.selected == ["104"])
        try f.setKeepVersions(3)
        v = try lib.versions(owner: "alice", name: "S")
        #expect(v.map(\.number) == [103, 104, 105])
        try lib.save(owner: "alice", name: "S", settings: someSettings(["x"]), overwrite: true)
        #expect(try lib.versions(owner: "alice", name: "S").map(\.number) == [104, 105, 106])
        #expect(throws: LibraryError.noSuchVersion(name: "S", number: 2, kept: 104...106)) {
            try lib.version(owner: "alice", name: "S", number: 2)
        }
        #expect(throws: LibraryError.self) { try f.setKeepVersions(0) }
        // The setting lives in the library: another process sees it.
        #expect(try f.again().keepVersions() == 3)
    }

    @Test(arguments: backends) func restoreMakesAnOldVersionCurrentAsANewOne(_ b: Backend) throws {
        let lib = try b.fixture().alice
        let mark = DataWatermark(marks: [.init(id: "a", last: 10, count: 3)], catalog: ["a"], sources: ["/d.csv"])
        try lib.save(owner: "alice", name: "S", settings: someSettings(["a"]), overwrite: false, watermark: mark)
        try lib.save(owner: "alice", name: "S", settings: someSettings(["b"]), overwrite: true)
        let v = try lib.restore(owner: "alice", name: "S", version: 1)
        #expect(v.number == 3 && v.event == .restored(version: 1))
        #expect(try lib.settings(owner: "alice", name: "S").series.selected == ["a"])
        #expect(try lib.versions(owner: "alice", name: "S").map(\.settings.series.selected) == [["a"], ["b"], ["a"]])
        #expect(try lib.watermark(owner: "alice", name: "S") == mark)  // the restored version's data, too
        #expect(try lib.version(owner: "alice", name: "S", number: 1).watermark == mark)
        #expect(try lib.version(owner: "alice", name: "S", number: 2).watermark == nil)
        #expect(throws: LibraryError.noSuchVersion(name: "S", number: 9, kept: 1...3)) {
            try lib.restore(owner: "alice", name: "S", version: 9)
        }
    }

    /// On PostgreSQL, bob is his own login: alice's sessions are not found by name at all.
    @Test(arguments: backends) func onlyTheOwnerCanRestoreOrReadTheHistory(_ b: Backend) throws {
        let f = try b.fixture()
        try f.alice.save(owner: "alice", name: "S", settings: someSettings(["a"]), shareable: true, overwrite: false)
        try f.alice.save(owner: "alice", name: "S", settings: someSettings(["b"]), overwrite: true)
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try f.bob.restore(owner: "bob", name: "S", version: 1) }
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try f.bob.versions(owner: "bob", name: "S") }
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try f.bob.version(owner: "bob", name: "S", number: 1) }
        #expect(try f.alice.versions(owner: "alice", name: "S").count == 2)
        #expect(try f.alice.settings(owner: "alice", name: "S").series.selected == ["b"])
    }

    @Test(arguments: backends) func aSharedLinkAlwaysOpensTheCurrentVersion(_ b: Backend) throws {
        let f = try b.fixture()
        let r = try f.alice.save(owner: "alice", name: "S", settings: someSettings(["a"]), shareable: true, overwrite: false)
        let link = try #require(r.link)
        try f.alice.save(owner: "alice", name: "S", settings: someSettings(["b"]), overwrite: true)
        #expect(try SettingsDocument.decode(f.bob.resolve(link: link).get().settings).series.selected == ["b"])
        try f.alice.restore(owner: "alice", name: "S", version: 1)
        #expect(try SettingsDocument.decode(f.bob.resolve(link: link).get().settings).series.selected == ["a"])
    }

    @Test(arguments: backends) func deletingASessionDeletesItsVersions(_ b: Backend) throws {
        let f = try b.fixture()
        let lib = f.alice
        try lib.save(owner: "alice", name: "S", settings: someSettings(), overwrite: false)
        try lib.save(owner: "alice", name: "S", settings: someSettings(), overwrite: true)
        try lib.delete(owner: "alice", name: "S")
        try lib.save(owner: "alice", name: "S", settings: someSettings(), overwrite: false)
        #expect(try lib.versions(owner: "alice", name: "S").map(\.number) == [1])
        #expect(try f.orphanVersions() == 0)
    }

    /// Two libraries on one store are two connections, as two processes have: the database's locks order them.
    @Test(arguments: backends) func concurrentSaversAreBothKeptInOrder(_ b: Backend) async throws {
        let f = try b.fixture()
        try f.alice.save(owner: "alice", name: "S", settings: someSettings(["start"]), overwrite: false)
        let open = f.again
        try await withThrowingTaskGroup(of: Void.self) { group in
            for who in ["p", "q"] {
                let lib = try open()
                group.addTask {
                    for i in 0..<25 { try lib.save(owner: "alice", name: "S", settings: someSettings(["\(who)\(i)"]), overwrite: true) }
                }
            }
            try await group.waitForAll()
        }
        let v = try f.again().versions(owner: "alice", name: "S")
        #expect(v.map(\.number) == Array(1...51))
        let ids = v.dropFirst().map { $0.settings.series.selected[0] }
        for who in ["p", "q"] { #expect(ids.filter { $0.hasPrefix(who) } == (0..<25).map { "\(who)\($0)" }) }
        #expect(try f.again().settings(owner: "alice", name: "S") == v.last?.settings)
    }
}

/// A library written by the previous dataviewer (schema v1) with sessions in it.
@Suite struct HistoryMigrationTests {
    static func previousSchemaLibrary() throws -> String {
        let path = tempLibraryPath()
        let q = try DatabaseQueue(path: path)
        // The real previous schema: the migrations up to the one before versions.
        try Library.migrator.migrate(q, upTo: "v1: sessions and autosave")
        try q.write { db in
            #expect(try db.tableExists("sessionVersion") == false)
            try db.execute(sql: "INSERT INTO session (owner, name, settings, shareable, shareToken, createdAt, updatedAt) VALUES (?, ?, ?, 1, 'AAAAAAAAAAAAAAAAAAAAAA', 1000, 2000)",
                           arguments: ["ana", "Old smog", SettingsDocument.encode(someSettings(["x"]))])
            try db.execute(sql: "INSERT INTO session (owner, name, settings, createdAt, updatedAt) VALUES (?, ?, ?, 1000, 3000)",
                           arguments: ["bob", "Noise", SettingsDocument.encode(someSettings(["y"]))])
        }
        try q.close()
        return path
    }

    @Test func existingSessionsBecomeVersionOneAndKeepWorking() throws {
        let path = try Self.previousSchemaLibrary()
        let lib = try Library(path: path)
        let ana = try lib.versions(owner: "ana", name: "Old smog")
        #expect(ana.map(\.number) == [1])
        #expect(ana[0].settings.series.selected == ["x"] && ana[0].author == "ana" && ana[0].at == 2000 && ana[0].shareable)
        #expect(try lib.versions(owner: "bob", name: "Noise").map(\.settings.series.selected) == [["y"]])
        try lib.save(owner: "ana", name: "Old smog", settings: someSettings(["z"]), overwrite: true)
        #expect(try lib.versions(owner: "ana", name: "Old smog").map(\.number) == [1, 2])
        #expect(try lib.resolve(link: ShareLink.make("AAAAAAAAAAAAAAAAAAAAAA")).get().name == "Old smog")
        // The old file was kept beside it before its schema changed.
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.contains("backup-before-migration") })
    }
}
