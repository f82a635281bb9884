import Foundation
import GRDB
import LibraryCore
import Testing
@testable import TeamLibrary

/// The journal keeps the undo stacks a row per entry: a change writes only its own entries, and a
/// push sends the server only what it lacks. Journals of earlier versions (whole stacks, packed or
/// JSON, in the pending row) still read.
@Suite struct AutosaveJournalTests {
    static func temporary() throws -> (AutosaveJournal, String) {
        let path = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        return (try AutosaveJournal(path: path), path)
    }

    static func view(_ at: Int64) -> AutosaveDocument {
        AutosaveDocument(settings: "{\"at\":\(at)}", sessionName: nil, baseline: nil, place: nil, savedAt: at)
    }

    @Test func packedStacksComeBackAsTheyWent() {
        let cases: [AutosaveJournal.Stacks] = [
            .init(past: [], future: []),
            .init(past: ["{\"version\":2,\"a\":\"\\\"quoted\\\"\"}", "ünïcødé · µg/m³ 🌫", ""], future: ["x"]),
            .init(past: (0..<150).map { "{\"n\":\($0)}" }, future: []),
        ]
        for s in cases { #expect(AutosaveJournal.Stacks(packed: s.packed) == s) }
        let good = cases[1].packed
        #expect(AutosaveJournal.Stacks(packed: good.dropLast()) == nil, "a cut row is no stacks, not wrong ones")
        #expect(AutosaveJournal.Stacks(packed: Data([2]) + good.dropFirst()) == nil)
        #expect(AutosaveJournal.Stacks(packed: good + Data([0])) == nil)
    }

    @Test func aPushSendsOnlyTheEntriesChangedSinceTheServerHadThem() throws {
        let (journal, path) = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: path) }
        journal.know("/d", .init(.init(past: ["a", "b", "c"], future: ["z"])))
        #expect(!journal.stacksWaiting("/d"))
        _ = try journal.put("/d", Self.view(1), history: HistoryChange(pastKeep: 3, pastAppend: ["d"], futureKeep: 0, futureAppend: []))
        _ = try journal.put("/d", Self.view(2), history: HistoryChange(pastKeep: 2, pastAppend: ["C", "D"], futureKeep: 0, futureAppend: []))
        #expect(journal.stacks("/d") == .init(past: ["a", "b", "C", "D"], future: []))
        #expect(journal.stacksWaiting("/d"))
        let e = try #require(journal.entries().first)
        #expect(e.view.savedAt == 2)
        #expect(e.history == AutosaveJournal.Tail(pastStart: 0, pastEnd: 4, futureEnd: 0, rows: [(0, 2, "C"), (0, 3, "D")]),
                "from the lowest position changed (2), and the future cut to nothing")
        journal.pushed(e)
        #expect(!journal.stacksWaiting("/d"))
        #expect(journal.entries().isEmpty)
        // A view change alone sends no stacks.
        _ = try journal.put("/d", Self.view(3), history: nil)
        #expect(journal.entries().first?.history == nil)
    }

    @Test func aTrimDropsTheOldestEntriesWithoutWritingTheRestAgain() throws {
        let (journal, path) = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: path) }
        journal.know("/d", .init(past: [(7, "a"), (8, "b"), (9, "c")], future: []))  // the server's positions
        _ = try journal.put("/d", Self.view(1), history: HistoryChange(pastDrop: 2, pastKeep: 1, pastAppend: ["d"], futureKeep: 0, futureAppend: []))
        #expect(journal.stacks("/d") == .init(past: ["c", "d"], future: []))
        let e = try #require(journal.entries().first)
        #expect(e.history == AutosaveJournal.Tail(pastStart: 9, pastEnd: 11, futureEnd: 0, rows: [(0, 10, "d")]),
                "the server drops below 9 and gets one entry, at 10")
        journal.pushed(e)
        _ = try journal.put("/d", Self.view(2), history: HistoryChange(pastKeep: 1, pastAppend: ["D"], futureKeep: 0, futureAppend: ["c"]))
        #expect(journal.stacks("/d") == .init(past: ["c", "D"], future: ["c"]))
        #expect(journal.entries().first?.history == AutosaveJournal.Tail(pastStart: 9, pastEnd: 11, futureEnd: 1, rows: [(0, 10, "D"), (1, 0, "c")]))
    }

    @Test func aWriteDuringAPushKeepsWhatTheServerStillLacks() throws {
        let (journal, path) = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: path) }
        journal.know("/d", .init(.init(past: ["a"], future: [])))
        _ = try journal.put("/d", Self.view(1), history: HistoryChange(pastKeep: 1, pastAppend: ["b"], futureKeep: 0, futureAppend: []))
        let sent = try #require(journal.entries().first)
        _ = try journal.put("/d", Self.view(2), history: HistoryChange(pastKeep: 2, pastAppend: ["c"], futureKeep: 0, futureAppend: []))
        journal.pushed(sent)  // the older write arrived; the newer one did not
        let next = try #require(journal.entries().first)
        #expect(next.view.savedAt == 2)
        #expect(next.history?.rows.map(\.settings) == ["b", "c"])
    }

    @Test func theServersStacksDoNotReplaceChangesWaitingHere() throws {
        let (journal, path) = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(journal.stacks("/d") == nil, "never known is not empty")
        _ = try journal.put("/d", Self.view(1), history: HistoryChange(pastKeep: 0, pastAppend: ["mine"], futureKeep: 0, futureAppend: []))
        journal.know("/d", .init(.init(past: ["theirs"], future: [])))
        #expect(journal.stacks("/d") == .init(past: ["mine"], future: []))
    }

    @Test func journalsOfEarlierVersionsBecomeRowsSentWhole() throws {
        let path = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let packed = AutosaveJournal.Stacks(past: ["{\"v\":1}", "b"], future: ["c"])
        let json = AutosaveJournal.Stacks(past: ["j"], future: [])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE pending (dataKey TEXT PRIMARY KEY, settings TEXT NOT NULL, sessionName TEXT, baseline TEXT, place TEXT,
                    savedAt INTEGER NOT NULL, stacks TEXT, seq INTEGER NOT NULL, waiting INTEGER NOT NULL, pushed INTEGER NOT NULL DEFAULT 0)
                """)
            try db.execute(sql: "INSERT INTO pending VALUES ('/p', '{}', NULL, NULL, NULL, 1, ?, 1, 1, 0)", arguments: [packed.packed])
            try db.execute(sql: "INSERT INTO pending VALUES ('/j', '{}', NULL, NULL, NULL, 2, ?, 1, 1, 1)",
                           arguments: [String(decoding: try JSONEncoder().encode(json), as: UTF8.self)])
        }
        let journal = try AutosaveJournal(path: path)
        #expect(journal.stacks("/p") == packed)
        #expect(journal.stacks("/j") == json)
        #expect(journal.entries().map(\.dataKey) == ["/p"], "the pushed one waits for nothing")
        #expect(journal.entries().first?.history == AutosaveJournal.Tail(pastStart: 0, pastEnd: 2, futureEnd: 1,
                                                                         rows: [(0, 0, "{\"v\":1}"), (0, 1, "b"), (1, 0, "c")]))
        #expect(!journal.stacksWaiting("/j"))
    }
}
