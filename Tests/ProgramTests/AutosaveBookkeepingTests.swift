import DataCore
import Foundation
import GRDB
import SessionLibrary
import Testing
import ViewCore
@testable import dataviewer

@Suite struct AutosaveBookkeepingTests {
    /// Autosave used to count a change as written before the write: after a failed write the undo
    /// history in the library had a gap that no later write filled.
    @Test func aFailedAutosaveIsWrittenWithTheNextOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-program-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("d.csv").path
        try "timestamp,station,lat,lon,temp (°C)\n2026-10-14T00:00:00Z,A,52.1,5.1,10.4\n2026-10-14T01:00:00Z,B,52.2,5.2,11\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let store = try CSVLoader.load(paths: [csv])
        let dbPath = dir.appendingPathComponent("library.sqlite").path
        let library = try Library(path: dbPath)
        let program = Program(store: store, paths: [csv], library: library, owner: "ana", colorAllowed: false, start: .fresh)
        program.dispatch(.plot(.cycleStyle))
        #expect(try library.history(owner: "ana", dataKey: program.dataKey) == program.state.history)

        // A real SQLite failure: the library refuses to update the autosaved view for a while.
        let db = try DatabaseQueue(path: dbPath)
        try db.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE UPDATE ON autosave BEGIN SELECT RAISE(ABORT, 'refused by the test'); END") }
        program.dispatch(.plot(.cycleStyle))
        #expect(program.state.ui.message?.hasPrefix("autosave failed") == true, "\(program.state.ui.message ?? "no message")")
        try db.write { try $0.execute(sql: "DROP TRIGGER refuse") }

        program.dispatch(.plot(.cycleBucket))
        #expect(program.state.history.past.count == 3)
        #expect(try library.history(owner: "ana", dataKey: program.dataKey) == program.state.history)
        #expect(try library.autosaved(owner: "ana", dataKey: program.dataKey)?.settings == program.state.settings)
    }
}
