import Foundation
import LibraryViews
import PostgresHarness
import TeamLibrary
import Testing
import ViewCore
@testable import SessionLibrary

/// What every library does, on SQLite and on PostgreSQL alike. The PostgreSQL half needs the
/// server binaries (`scripts/deps` installs them); without them it is reported as skipped.
@Suite struct LibraryContractTests {
    static let backends: [Backend] = PostgresServer.available ? Backend.allCases : [.sqlite]

    @Test(arguments: backends) func saveListLoad(_ b: Backend) throws {
        let (lib, bob) = try b.make()
        let r = try lib.save(owner: "alice", name: "Smog week", settings: someSettings(), overwrite: false)
        #expect(r.id != nil && !r.shareable && r.shareToken == nil && r.owner == "alice")
        #expect(try lib.list(owner: "alice").map(\.name) == ["Smog week"])
        #expect(try lib.summaries(owner: "alice").map(\.name) == ["Smog week"])
        #expect(try lib.settings(owner: "alice", name: "Smog week") == someSettings())
        #expect(try bob.list(owner: "bob").isEmpty)
    }

    /// History through the library API (what the commands and the dialog use), on the SQLite backend.
    @Test func historyThroughTheProtocol() throws {
        let lib: any LibraryBackend = try Library(path: tempLibraryPath())
        try lib.save(owner: "alice", name: "S", settings: someSettings(), overwrite: false)
        var changed = someSettings()
        changed.series.selected = ["other"]
        try lib.save(owner: "alice", name: "S", settings: changed, overwrite: true)
        #expect(try lib.versions(owner: "alice", name: "S").map(\.event) == [.created, .saved])
        let v = try lib.restore(owner: "alice", name: "S", version: 1)
        #expect(v.number == 3 && v.event == .restored(version: 1))
        #expect(try lib.settings(owner: "alice", name: "S") == someSettings())
        #expect(throws: LibraryError.noSuchVersion(name: "S", number: 9, kept: 1...3)) { try lib.version(owner: "alice", name: "S", number: 9) }
    }

    @Test(arguments: backends) func savingOverAnExistingSessionNeedsOverwrite(_ b: Backend) throws {
        let (lib, _) = try b.make()
        try lib.save(owner: "alice", name: "A", settings: someSettings(), overwrite: false)
        #expect(throws: LibraryError.sessionExists(name: "A")) {
            try lib.save(owner: "alice", name: "A", settings: someSettings(["x"]), overwrite: false)
        }
        #expect(try lib.settings(owner: "alice", name: "A") == someSettings())
        let second = try lib.save(owner: "alice", name: "A", settings: someSettings(["x"]), overwrite: true)
        #expect(try lib.settings(owner: "alice", name: "A").series.selected == ["x"])
        #expect(try lib.list(owner: "alice").count == 1)
        #expect(second.updatedAt > second.createdAt || second.updatedAt >= second.createdAt)
    }

    @Test(arguments: backends) func namesAreUniquePerOwnerAndOthersCannotTouch(_ b: Backend) throws {
        let (alice, bob) = try b.make()
        try alice.save(owner: "alice", name: "A", settings: someSettings(), overwrite: false)
        try bob.save(owner: "bob", name: "A", settings: someSettings(["b"]), overwrite: false)
        #expect(try bob.settings(owner: "bob", name: "A").series.selected == ["b"])
        try bob.delete(owner: "bob", name: "A")
        #expect(try alice.list(owner: "alice").count == 1)
        #expect(throws: LibraryError.noSuchSession(name: "A")) { try bob.delete(owner: "bob", name: "A") }
        #expect(throws: LibraryError.self) { try bob.rename(owner: "bob", from: "A", to: "B") }
    }

    @Test(arguments: backends) func renameKeepsSettingsAndRefusesClashes(_ b: Backend) throws {
        let (lib, _) = try b.make()
        try lib.save(owner: "alice", name: "A", settings: someSettings(), overwrite: false)
        try lib.save(owner: "alice", name: "B", settings: someSettings(["b"]), overwrite: false)
        #expect(throws: LibraryError.sessionExists(name: "B")) { try lib.rename(owner: "alice", from: "A", to: "B") }
        let r = try lib.rename(owner: "alice", from: "A", to: "C")
        #expect(r.name == "C")
        #expect(try lib.settings(owner: "alice", name: "C") == someSettings())
        #expect(try lib.session(owner: "alice", name: "A") == nil)
        #expect(throws: LibraryError.noSuchSession(name: "Z")) { try lib.rename(owner: "alice", from: "Z", to: "Y") }
    }

    @Test(arguments: backends) func badNamesAreRefusedAndOddOnesWork(_ b: Backend) throws {
        let (lib, _) = try b.make()
        for name in ["", "   ", "bad\u{1B}[2Jname", "tab\there", String(repeating: "x", count: 101), "rtl\u{202E}name"] {
            #expect(throws: LibraryError.self) { try lib.save(owner: "alice", name: name, settings: someSettings(), overwrite: false) }
        }
        #expect(try lib.list(owner: "alice").isEmpty)
        for n in ["smog 2026/11 – Utrecht", "测试 session", "🌫️ fog", "it's \"quoted\"; DROP TABLE session; --", "../../etc/passwd"] {
            try lib.save(owner: "alice", name: n, settings: someSettings(), overwrite: false)
            #expect(try lib.session(owner: "alice", name: n)?.name == n)
        }
    }

    @Test(arguments: backends) func importRefusesBrokenAndNewerDocuments(_ b: Backend) throws {
        let (lib, _) = try b.make()
        #expect(throws: LibraryError.self) { try lib.importDocument(owner: "alice", name: "X", json: "not json") }
        #expect(throws: LibraryError.self) { try lib.importDocument(owner: "alice", name: "X", json: #"{"version": 7, "series": {}}"#) }
        #expect(try lib.list(owner: "alice").isEmpty)
        try lib.importDocument(owner: "alice", name: "X", json: SettingsDocument.encode(someSettings()))
        #expect(try lib.settings(owner: "alice", name: "X") == someSettings())
    }

    @Test(arguments: backends) func sharingLifecycleAcrossUsers(_ b: Backend) throws {
        let (alice, bob) = try b.make()
        try alice.save(owner: "alice", name: "A", settings: someSettings(), shareable: true, overwrite: false)
        let link = try alice.session(owner: "alice", name: "A")!.link!
        #expect(ShareLink.token(in: link) != nil)
        if b == .postgres { #expect(link.hasPrefix("dataviewer://127.0.0.1:") && link.contains("/s/")) }
        else { #expect(link.hasPrefix(ShareLink.prefix)) }
        let seen = try bob.resolve(link: link).get()
        #expect(seen.name == "A" && seen.owner == "alice")
        #expect(try SettingsDocument.decode(seen.settings) == someSettings())
        try alice.setShareable(owner: "alice", name: "A", false)
        #expect(try bob.resolve(link: link) == .failure(.notShared))
        let again = try alice.setShareable(owner: "alice", name: "A", true)
        #expect(again.link == link)
        #expect(try bob.resolve(link: link).get().name == "A")
        let fresh = try alice.newLink(owner: "alice", name: "A").link!
        #expect(fresh != link)
        #expect(try bob.resolve(link: link) == .failure(.replaced))
        try alice.delete(owner: "alice", name: "A")
        #expect(try bob.resolve(link: fresh) == .failure(.deleted))
        #expect(try bob.resolve(link: "http://x") == .failure(.malformed))
        #expect(try bob.resolve(link: "dataviewer://session/" + String(repeating: "A", count: 22)) == .failure(.unknown))
    }

    @Test(arguments: backends) func autosaveRoundTripsWithHistory(_ b: Backend) throws {
        let (lib, bob) = try b.make()
        var h = UndoHistory()
        let old = h
        h.past = [someSettings(["a"]), someSettings(["b"])]
        try lib.autosave(owner: "alice", dataKey: "/d.csv", settings: someSettings(["c"]), sessionName: "S", savedSettings: someSettings(["b"]),
                         place: ViewPlace(focus: .map, cursor: 3), history: HistoryDelta(from: old, to: h))
        let back = try lib.autosaved(owner: "alice", dataKey: "/d.csv")!
        #expect(back.settings == someSettings(["c"]) && back.sessionName == "S" && back.savedSettings == someSettings(["b"]))
        #expect(back.place == ViewPlace(focus: .map, cursor: 3))
        #expect(try lib.history(owner: "alice", dataKey: "/d.csv") == h)
        var h2 = h
        _ = h2.past.popLast()
        h2.future = [someSettings(["c"])]
        try lib.autosave(owner: "alice", dataKey: "/d.csv", settings: someSettings(["b"]), sessionName: "S", savedSettings: nil,
                         history: HistoryDelta(from: h, to: h2))
        #expect(try lib.history(owner: "alice", dataKey: "/d.csv") == h2)
        #expect(try lib.autosaved(owner: "alice", dataKey: "/d.csv")?.savedSettings == nil)
        #expect(try bob.autosaved(owner: "bob", dataKey: "/d.csv") == nil)
        #expect(try bob.history(owner: "bob", dataKey: "/d.csv") == UndoHistory())
        #expect(try lib.history(owner: "alice", dataKey: "/other.csv") == UndoHistory())
    }

    /// A trim of the oldest entries is sent as a drop, not as the whole past again.
    @Test func aTrimIsADropAndTheRestIsKept() throws {
        let entries = (0..<121).map { someSettings(["v\($0)"]) }
        let old = UndoHistory(past: Array(entries[0..<120]))
        let new = UndoHistory(past: Array(entries[20..<121]))
        let d = try #require(HistoryDelta(from: old, to: new))
        #expect(d.pastDrop == 20 && d.pastKeep == 100 && d.pastAppend.count == 1)
        var past = old.past.map(SettingsDocument.encode), future: [String] = []
        d.apply(to: &past, &future)
        #expect(past == new.past.map(SettingsDocument.encode))
        #expect(HistoryDelta(from: new, to: new) == nil)
    }

    @Test(arguments: backends) func manyChangesTrimsUndosAndRedosLeaveTheStacksAsTheyAre(_ b: Backend) throws {
        let (lib, _) = try b.make()
        let steps = historySteps(300, seed: 3_966_193_501)
        #expect(steps.contains { (HistoryDelta(from: $0.old, to: $0.new)?.pastDrop ?? 0) > 0 }, "the mix trims the past too")
        for (i, step) in steps.enumerated() {
            try lib.autosave(owner: "alice", dataKey: "/d", settings: step.view, sessionName: nil, savedSettings: nil,
                             history: HistoryDelta(from: step.old, to: step.new))
            if (i + 1) % 50 == 0 { #expect(try lib.history(owner: "alice", dataKey: "/d") == step.new, "after \(i + 1) changes") }
        }
    }

    @Test(arguments: backends) func preferencesArePerUser(_ b: Backend) throws {
        let (alice, bob) = try b.make()
        #expect(try alice.preference(owner: "alice", key: "theme") == nil)
        try alice.setPreference(owner: "alice", key: "theme", value: "light")
        try alice.setPreference(owner: "alice", key: "theme", value: "solarized")
        #expect(try alice.preference(owner: "alice", key: "theme") == "solarized")
        #expect(try bob.preference(owner: "bob", key: "theme") == nil)
    }

    @Test(arguments: backends) func manyWritersAtOnceLoseNothing(_ b: Backend) async throws {
        let (lib, _) = try b.make()
        let writers: [any LibraryBackend] = try (0..<4).map { _ in
            switch b {
            case .sqlite: return try Library(path: (lib as! Library).path)
            case .postgres: return try TeamLibrary((lib as! TeamLibrary).address)
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for (w, writer) in writers.enumerated() {
                group.addTask {
                    for i in 0..<25 { try! writer.save(owner: "alice", name: "w\(w)-\(i)", settings: someSettings(), overwrite: false) }
                }
            }
        }
        #expect(try lib.list(owner: "alice").count == 100)
    }
}
