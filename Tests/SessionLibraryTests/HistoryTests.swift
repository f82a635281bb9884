import Foundation
import GRDB
import Testing
import ViewCore
@testable import SessionLibrary

@Suite struct HistoryTests {
    @Test func everySaveKeepsTheVersionItReplaces() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "S", settings: someSettings(["a"]), overwrite: false)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["a", "b"]), overwrite: true)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["c"]), overwrite: true)
        let v = try lib.versions(owner: "ana", name: "S")
        #expect(v.map(\.number) == [1, 2, 3])
        #expect(v.map(\.event) == [.created, .saved, .saved])
        #expect(v.map(\.settings.series.selected) == [["a"], ["a", "b"], ["c"]])
        #expect(v.allSatisfy { $0.author == "ana" && $0.at > 0 })
        #expect(v.map(\.at) == v.map(\.at).sorted())
        #expect(try lib.version(owner: "ana", name: "S", number: 2).settings.series.selected == ["a", "b"])
        #expect(VersionHistory.summaries(v) == ["created", "+1 series", "+1 series, −2 series"])
    }

    @Test func renamesAndShareChangesAreRecorded() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "S", settings: someSettings(), overwrite: false)
        try lib.setShareable(owner: "ana", name: "S", true)
        try lib.setShareable(owner: "ana", name: "S", true)  // no change: no version
        _ = try lib.rename(owner: "ana", from: "S", to: "T")
        try lib.newLink(owner: "ana", name: "T")
        try lib.setShareable(owner: "ana", name: "T", false)
        let v = try lib.versions(owner: "ana", name: "T")
        #expect(v.map(\.event) == [.created, .shared, .renamed(from: "S"), .newLink, .unshared])
        #expect(v.map(\.name) == ["S", "S", "T", "T", "T"])
        #expect(v.map(\.shareable) == [false, true, true, true, false])
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try lib.versions(owner: "ana", name: "S") }
    }

    @Test func historyIsTrimmedAtTheLibrarysLimit() throws {
        let lib = try Library(path: tempLibraryPath())
        #expect(try lib.keepVersions() == 100)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["0"]), overwrite: false)
        for i in 1...104 { try lib.save(owner: "ana", name: "S", settings: someSettings(["\(i)"]), overwrite: true) }
        var v = try lib.versions(owner: "ana", name: "S")
        #expect(v.count == 100)
        #expect(v.first?.number == 6 && v.last?.number == 105)
        #expect(v.last?.settings.series.selected == ["104"])
        try lib.setKeepVersions(3)
        v = try lib.versions(owner: "ana", name: "S")
        #expect(v.map(\.number) == [103, 104, 105])
        try lib.save(owner: "ana", name: "S", settings: someSettings(["x"]), overwrite: true)
        #expect(try lib.versions(owner: "ana", name: "S").map(\.number) == [104, 105, 106])
        #expect(throws: LibraryError.noSuchVersion(name: "S", number: 2, kept: 104...106)) {
            try lib.version(owner: "ana", name: "S", number: 2)
        }
        #expect(throws: LibraryError.self) { try lib.setKeepVersions(0) }
        // The setting lives in the library: another process (another pool) sees it.
        #expect(try Library(path: lib.path).keepVersions() == 3)
    }

    @Test func restoreMakesAnOldVersionCurrentAsANewOne() throws {
        let lib = try Library(path: tempLibraryPath())
        let mark = DataWatermark(marks: [.init(id: "a", last: 10, count: 3)], catalog: ["a"], sources: ["/d.csv"])
        try lib.save(owner: "ana", name: "S", settings: someSettings(["a"]), overwrite: false, watermark: mark)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["b"]), overwrite: true)
        let v = try lib.restore(owner: "ana", name: "S", version: 1)
        #expect(v.number == 3 && v.event == .restored(version: 1))
        #expect(try lib.settings(owner: "ana", name: "S").series.selected == ["a"])
        #expect(try lib.versions(owner: "ana", name: "S").map(\.settings.series.selected) == [["a"], ["b"], ["a"]])
        #expect(try lib.watermark(owner: "ana", name: "S") == mark)  // the restored version's data, too
        #expect(try lib.version(owner: "ana", name: "S", number: 1).watermark == mark)
        #expect(try lib.version(owner: "ana", name: "S", number: 2).watermark == nil)
        #expect(throws: LibraryError.noSuchVersion(name: "S", number: 9, kept: 1...3)) {
            try lib.restore(owner: "ana", name: "S", version: 9)
        }
    }

    @Test func onlyTheOwnerCanRestore() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "S", settings: someSettings(["a"]), shareable: true, overwrite: false)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["b"]), overwrite: true)
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try lib.restore(owner: "bob", name: "S", version: 1) }
        #expect(throws: LibraryError.noSuchSession(name: "S")) { try lib.versions(owner: "bob", name: "S") }
        #expect(try lib.versions(owner: "ana", name: "S").count == 2)
        #expect(try lib.settings(owner: "ana", name: "S").series.selected == ["b"])
    }

    @Test func aSharedLinkAlwaysOpensTheCurrentVersion() throws {
        let lib = try Library(path: tempLibraryPath())
        let r = try lib.save(owner: "ana", name: "S", settings: someSettings(["a"]), shareable: true, overwrite: false)
        let link = try #require(r.link)
        try lib.save(owner: "ana", name: "S", settings: someSettings(["b"]), overwrite: true)
        #expect(try SettingsDocument.decode(lib.resolve(link: link).get().settings).series.selected == ["b"])
        try lib.restore(owner: "ana", name: "S", version: 1)
        #expect(try SettingsDocument.decode(lib.resolve(link: link).get().settings).series.selected == ["a"])
    }

    @Test func deletingASessionDeletesItsVersions() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "S", settings: someSettings(), overwrite: false)
        try lib.save(owner: "ana", name: "S", settings: someSettings(), overwrite: true)
        try lib.delete(owner: "ana", name: "S")
        try lib.save(owner: "ana", name: "S", settings: someSettings(), overwrite: false)
        #expect(try lib.versions(owner: "ana", name: "S").map(\.number) == [1])
        let orphans = try DatabaseQueue(path: lib.path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sessionVersion WHERE sessionID NOT IN (SELECT id FROM session)")
        }
        #expect(orphans == 0)
    }

    /// Two libraries on one file are two connections, as two processes have: SQLite's locks order them.
    @Test func concurrentSaversAreBothKeptInOrder() async throws {
        let path = tempLibraryPath()
        try Library(path: path).save(owner: "ana", name: "S", settings: someSettings(["start"]), overwrite: false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for who in ["p", "q"] {
                group.addTask {
                    let lib = try Library(path: path)
                    for i in 0..<25 { try lib.save(owner: "ana", name: "S", settings: someSettings(["\(who)\(i)"]), overwrite: true) }
                }
            }
            try await group.waitForAll()
        }
        let v = try Library(path: path).versions(owner: "ana", name: "S")
        #expect(v.map(\.number) == Array(1...51))
        let ids = v.dropFirst().map { $0.settings.series.selected[0] }
        for who in ["p", "q"] { #expect(ids.filter { $0.hasPrefix(who) } == (0..<25).map { "\(who)\($0)" }) }
        #expect(try Library(path: path).settings(owner: "ana", name: "S") == v.last?.settings)
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
