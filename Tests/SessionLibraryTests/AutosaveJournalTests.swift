import Foundation
import GRDB
import LibraryCore
import Testing
@testable import TeamLibrary

/// The journal's packed undo stacks: what goes in comes out, and journals of the JSON days still read.
@Suite struct AutosaveJournalTests {
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

    @Test func aJournalWithStacksAsJSONTextStillReads() throws {
        let path = NSTemporaryDirectory() + "dv-journal-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try AutosaveJournal(path: path)
        let view = AutosaveDocument(settings: "{}", sessionName: nil, baseline: nil, place: nil, savedAt: 5)
        _ = try journal.put("/d", view, stacks: .init(past: ["a"], future: []))
        #expect(journal.entry("/d")?.stacks == .init(past: ["a"], future: []))
        let old = AutosaveJournal.Stacks(past: ["{\"v\":1}", "b"], future: ["c"])
        let json = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE pending SET stacks = ?", arguments: [json]) }
        #expect(journal.entry("/d")?.stacks == old)
    }
}
