import Foundation
import GRDB
import Testing
import ViewCore
import LibraryViews
@testable import SessionLibrary

func tempLibraryPath(_ tag: String = #function) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-lib-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("library.sqlite").path
}

/// A seeded mix of changes (trimmed in steps as the viewer trims), undos and redos: each step's
/// undo history before and after it, and the view after it.
func historySteps(_ n: Int, seed start: UInt64) -> [(old: UndoHistory, new: UndoHistory, view: ViewSettings)] {
    var h = UndoHistory(), current = someSettings(["v0"]), seed = start, out: [(UndoHistory, UndoHistory, ViewSettings)] = []
    func next(_ n: UInt64) -> UInt64 { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return (seed >> 33) % n }
    for i in 1...n {
        let old = h
        switch next(10) {
        case 0...1 where !h.past.isEmpty:  // undo
            h.future.append(current); current = h.past.removeLast()
        case 2 where !h.future.isEmpty:  // redo
            h.past.append(current); current = h.future.removeLast()
        default:
            h.past.append(current); current = someSettings(["v\(i)"]); h.future.removeAll()
            if h.past.count > UndoHistory.limit + 20 { h.past.removeFirst(h.past.count - UndoHistory.limit) }
        }
        out.append((old, h, current))
    }
    return out
}

func someSettings(_ selected: [String] = ["Centrum · PM10"]) -> ViewSettings {
    var s = ViewSettings()
    s.series.selected = selected
    s.plot.style = .step
    s.map.zoom = 2
    return s
}

@Suite struct LibraryTests {
    @Test func saveListLoad() throws {
        let lib = try Library(path: tempLibraryPath())
        let r = try lib.save(owner: "ana", name: "Smog week", settings: someSettings(), overwrite: false)
        #expect(r.id != nil && !r.shareable && r.shareToken == nil)
        #expect(try lib.list(owner: "ana").map(\.name) == ["Smog week"])
        #expect(try lib.settings(owner: "ana", name: "Smog week") == someSettings())
        #expect(try lib.list(owner: "bob").isEmpty)
    }

    @Test func savingOverAnExistingSessionNeedsOverwrite() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "A", settings: someSettings(), overwrite: false)
        #expect(throws: LibraryError.sessionExists(name: "A")) {
            try lib.save(owner: "ana", name: "A", settings: someSettings(["x"]), overwrite: false)
        }
        #expect(try lib.settings(owner: "ana", name: "A") == someSettings())  // nothing overwritten
        try lib.save(owner: "ana", name: "A", settings: someSettings(["x"]), overwrite: true)
        #expect(try lib.settings(owner: "ana", name: "A").series.selected == ["x"])
        #expect(try lib.list(owner: "ana").count == 1)
    }

    @Test func namesAreUniquePerOwnerOnly() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "A", settings: someSettings(), overwrite: false)
        try lib.save(owner: "bob", name: "A", settings: someSettings(["b"]), overwrite: false)
        #expect(try lib.settings(owner: "bob", name: "A").series.selected == ["b"])
        try lib.delete(owner: "bob", name: "A")
        #expect(try lib.list(owner: "ana").count == 1)  // bob cannot touch ana's session
        #expect(throws: LibraryError.noSuchSession(name: "A")) { try lib.delete(owner: "bob", name: "A") }
    }

    @Test func renameKeepsSettingsAndRefusesClashes() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "A", settings: someSettings(), overwrite: false)
        try lib.save(owner: "ana", name: "B", settings: someSettings(["b"]), overwrite: false)
        #expect(throws: LibraryError.sessionExists(name: "B")) { try lib.rename(owner: "ana", from: "A", to: "B") }
        let r = try lib.rename(owner: "ana", from: "A", to: "C")
        #expect(r.name == "C")
        #expect(try lib.settings(owner: "ana", name: "C") == someSettings())
        #expect(try lib.session(owner: "ana", name: "A") == nil)
    }

    @Test(arguments: ["", "   ", "bad\u{1B}[2Jname", "tab\there", String(repeating: "x", count: 101), "rtl\u{202E}name"])
    func badNamesAreRefused(name: String) throws {
        let lib = try Library(path: tempLibraryPath())
        #expect(throws: LibraryError.self) { try lib.save(owner: "ana", name: name, settings: someSettings(), overwrite: false) }
        #expect(try lib.list(owner: "ana").isEmpty)
    }

    @Test func oddButValidNamesWork() throws {
        let lib = try Library(path: tempLibraryPath())
        for n in ["smog 2026/11 – Utrecht", "测试 session", "🌫️ fog", "it's \"quoted\"", "../../etc/passwd"] {
            try lib.save(owner: "ana", name: n, settings: someSettings(), overwrite: false)
            #expect(try lib.session(owner: "ana", name: n) != nil)
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let path = tempLibraryPath()
        let junk = Data("this is my thesis, not a database\n".utf8)
        try junk.write(to: URL(fileURLWithPath: path))
        #expect(throws: LibraryError.notALibrary(path: path)) { _ = try Library(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
    }

    @Test func randomBytesWithSQLiteHeaderAreRefused() throws {
        let path = tempLibraryPath()
        var bytes = Array("SQLite format 3\0".utf8)
        bytes += (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: LibraryError.self) { _ = try Library(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let path = tempLibraryPath()
        _ = try Library(path: path)
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        #expect(throws: LibraryError.newerSchema(path: path)) { _ = try Library(path: path) }
    }

    @Test func aReadOnlyLibraryLoadsButRefusesToSave() throws {
        guard getuid() != 0 else { return }  // root ignores file permissions
        let path = tempLibraryPath()
        let lib = try Library(path: path)
        try lib.save(owner: "ana", name: "A", settings: someSettings(), overwrite: false)
        chmod(path, 0o444)
        defer { chmod(path, 0o644) }
        let ro = try Library(path: path)
        #expect(try ro.list(owner: "ana").count == 1)
        #expect(throws: LibraryError.self) { try ro.save(owner: "ana", name: "B", settings: someSettings(), overwrite: false) }
    }

    @Test func importRefusesBrokenAndNewerDocuments() throws {
        let lib = try Library(path: tempLibraryPath())
        #expect(throws: LibraryError.self) { try lib.importDocument(owner: "ana", name: "X", json: "not json") }
        #expect(throws: LibraryError.self) { try lib.importDocument(owner: "ana", name: "X", json: #"{"version": 7, "series": {}}"#) }
        #expect(try lib.list(owner: "ana").isEmpty)
        let doc = SettingsDocument.encode(someSettings())
        try lib.importDocument(owner: "ana", name: "X", json: doc)
        #expect(try lib.settings(owner: "ana", name: "X") == someSettings())
    }

    @Test func defaultPathFollowsXDG() {
        #expect(Library.resolvePath(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/dataviewer/library.sqlite")
        #expect(Library.resolvePath(explicit: nil, environment: ["HOME": "/h", "XDG_DATA_HOME": "/x"]) == "/x/dataviewer/library.sqlite")
        #expect(Library.resolvePath(explicit: nil, environment: ["DATAVIEWER_LIBRARY": "/l.sqlite"]) == "/l.sqlite")
        #expect(Library.resolvePath(explicit: "/p", environment: ["DATAVIEWER_LIBRARY": "/l"]) == "/p")
    }

    @Test func manyThreadsWritingAtOnceLoseNothing() async throws {
        let path = tempLibraryPath()
        _ = try Library(path: path)
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<4 {
                group.addTask {
                    let lib = try! Library(path: path)  // separate connections, as separate processes would have
                    for i in 0..<50 { try! lib.save(owner: "ana", name: "w\(w)-\(i)", settings: someSettings(), overwrite: false) }
                }
            }
        }
        #expect(try Library(path: path).list(owner: "ana").count == 200)
    }
}

@Suite struct SettingsDocumentTests {
    @Test func documentHasTheSpecKeys() throws {
        let json = SettingsDocument.encode(someSettings())
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(Set(obj.keys) == ["version", "series", "thresholds", "dashboard", "plot", "map"])
        #expect(obj["version"] as? Int == SettingsDocument.currentVersion)
    }

    @Test func missingPartsGetDefaults() throws {
        let s = try SettingsDocument.decode(#"{"version": 1, "series": {"selected": ["a"], "filter": {"text": "", "window": {"all": {}}}}}"#)
        #expect(s.series.selected == ["a"])
        #expect(s.plot == PlotSettings())
    }

    @Test func newerVersionIsRefusedWithASentence() {
        do {
            _ = try SettingsDocument.decode(#"{"version": 3}"#)
            Issue.record("accepted a newer document")
        } catch {
            #expect(error.description.contains("newer than this dataviewer understands"))
        }
    }
}

@Suite struct AutosaveTests {
    @Test func autosaveRoundTripsWithHistory() throws {
        let lib = try Library(path: tempLibraryPath())
        var h = UndoHistory()
        #expect(HistoryDelta(from: h, to: h) == nil)
        let old = h
        h.past = [someSettings(["a"]), someSettings(["b"])]
        let d1 = HistoryDelta(from: old, to: h)!
        try lib.autosave(owner: "ana", dataKey: "/d.csv", settings: someSettings(["c"]), sessionName: "S", savedSettings: someSettings(["b"]),
                         place: ViewPlace(focus: .map, cursor: 3), history: d1)
        let back = try lib.autosaved(owner: "ana", dataKey: "/d.csv")!
        #expect(back.settings == someSettings(["c"]))
        #expect(back.sessionName == "S")
        #expect(back.savedSettings == someSettings(["b"]))
        #expect(back.place == ViewPlace(focus: .map, cursor: 3))
        #expect(try lib.history(owner: "ana", dataKey: "/d.csv") == h)
        // Undo: one entry moves from past to future.
        var h2 = h
        _ = h2.past.popLast()
        h2.future = [someSettings(["c"])]
        try lib.autosave(owner: "ana", dataKey: "/d.csv", settings: someSettings(["b"]), sessionName: "S", savedSettings: nil,
                         history: HistoryDelta(from: h, to: h2))
        #expect(try lib.history(owner: "ana", dataKey: "/d.csv") == h2)
        #expect(try lib.autosaved(owner: "bob", dataKey: "/d.csv") == nil)
        #expect(try lib.history(owner: "ana", dataKey: "/other.csv") == UndoHistory())
    }

    @Test func shareTokensAreDistinctAndLongEnough() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let t = ShareLink.newToken()
            #expect(t.count == 22)  // 128 bits in base64url
            seen.insert(t)
        }
        #expect(seen.count == 10_000)
    }

    @Test func sharingLifecycle() throws {
        let lib = try Library(path: tempLibraryPath())
        try lib.save(owner: "ana", name: "A", settings: someSettings(), shareable: true, overwrite: false)
        let link = try lib.session(owner: "ana", name: "A")!.link!
        #expect(ShareLink.token(in: link) != nil)
        #expect(try lib.resolve(link: link).get().name == "A")
        try lib.setShareable(owner: "ana", name: "A", false)
        #expect(try lib.resolve(link: link) == .failure(.notShared))
        let again = try lib.setShareable(owner: "ana", name: "A", true)
        #expect(again.link == link)  // the same link comes back
        let fresh = try lib.newLink(owner: "ana", name: "A").link!
        #expect(fresh != link)
        #expect(try lib.resolve(link: link) == .failure(.replaced))
        try lib.delete(owner: "ana", name: "A")
        #expect(try lib.resolve(link: fresh) == .failure(.deleted))
        #expect(try lib.resolve(link: "http://x") == .failure(.malformed))
        #expect(try lib.resolve(link: "dataviewer://session/" + String(repeating: "A", count: 22)) == .failure(.unknown))
    }

    @Test func tokenLookupUsesAnIndex() throws {
        let path = tempLibraryPath()
        _ = try Library(path: path)
        let q = try DatabaseQueue(path: path)
        let plan = try q.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM session WHERE shareToken = ?", arguments: ["x"]).map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("USING INDEX"))
    }
}

/// Sessions and autosaves written by a version-1 dataviewer, read by this one.
@Suite struct VersionOneLibraryTests {
    static let v1 = #"{"version":1,"series":{"selected":["a"],"filter":{"text":"","window":{"all":{}}}},"thresholds":[],"dashboard":[],"plot":{"style":"bar","bucket":"day","reduce":"max","legend":false},"map":{"zoom":2,"heatmap":{"enabled":false,"intensity":5,"radius":2,"ramp":"viridis"}}}"#

    @Test func aStoredVersionOneSessionLoadsInTheViewersZoneAndIsWrittenBackAsVersionTwo() throws {
        let path = tempLibraryPath()
        let lib = try Library(path: path)
        try lib.save(owner: "ana", name: "Old", settings: someSettings(), overwrite: false)
        // As an older dataviewer left it.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE session SET settings = ? WHERE name = 'Old'", arguments: [Self.v1])
        }
        let s = try lib.settings(owner: "ana", name: "Old")
        #expect(s.plot.style == .bar && s.plot.bucket == .day && s.plot.timeZone == .local && s.series.selected == ["a"])
        try lib.save(owner: "ana", name: "Old", settings: s, overwrite: true)
        let stored = try #require(try lib.session(owner: "ana", name: "Old")).settings
        let obj = try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any]
        #expect(obj?["version"] as? Int == 2)
        #expect((obj?["plot"] as? [String: Any])?["timeZone"] as? String == "local")
    }
}
