import Effects
import Foundation
import GRDB
import SessionLibrary
import Testing
@testable import ViewCore
import DataCore

/// The autosaver with a real library: one write per frame, none while one runs, nothing of the
/// undo history lost when a write fails.
@Suite struct AutosaverTests {
    let library: Library
    init() throws { library = try Library(path: tempFolder("auto") + "/library.sqlite") }

    /// A view with data in it, as a fresh start shows it.
    func started(_ start: StartView = .fresh) -> AppState {
        var s = reduce(AppState(), .data(.start(start)))
        let catalog = ["a", "b", "c"].map { SeriesInfo(id: $0, name: $0, phenomenon: "PM10", station: $0, unit: nil) }
        s = reduce(s, .data(.dataChanged(DataSummary(catalog: catalog, range: 0...1000, name: "x.csv", longestSeries: "b"), version: 1)))
        return s
    }

    func write(_ w: AutosaveWrite) -> AutosaveOutcome { w.perform(library, owner: "ana", dataKey: "/x.csv") }

    @Test func aPasteOfTwoHundredCharactersIsOneWrite() throws {
        let saver = Autosaver(start: .fresh)
        var state = started()
        var writes = 0
        if let w = saver.write(for: state) { writes += 1; _ = saver.finished(write(w)) }
        // 200 characters typed into the series filter before the next frame.
        state = reduce(state, .app(.open(.textInput(TextInput(purpose: .seriesFilter, text: "", original: "")))))
        var text = ""
        for i in 0..<200 {
            text.append(Character(UnicodeScalar(UInt8(97 + i % 26))))
            state = reduce(state, .series(.editFilter(TextInput(purpose: .seriesFilter, text: text, original: ""))))
        }
        let w = try #require(saver.write(for: state))
        writes += 1
        #expect(saver.write(for: state) == nil)  // one at a time
        let action = saver.finished(write(w))
        guard case .app(.autosaved) = action else { Issue.record("expected .autosaved, got \(action)"); return }
        #expect(saver.write(for: state) == nil)  // nothing new
        #expect(writes == 2)
        #expect(try library.autosaved(owner: "ana", dataKey: "/x.csv")?.settings.series.filter.text == text)
        #expect(try library.history(owner: "ana", dataKey: "/x.csv") == state.history)
    }

    @Test func changesWhileAWriteRunsGoInTheNextOne() throws {
        let saver = Autosaver(start: .fresh)
        var state = started()
        let first = try #require(saver.write(for: state))
        state = reduce(state, .plot(.cycleStyle))
        state = reduce(state, .plot(.cycleBucket))
        #expect(saver.write(for: state) == nil)
        _ = saver.finished(write(first))
        let second = try #require(saver.write(for: state))
        #expect(second.settings == state.settings)
        _ = saver.finished(write(second))
        #expect(try library.autosaved(owner: "ana", dataKey: "/x.csv")?.settings == state.settings)
        #expect(try library.history(owner: "ana", dataKey: "/x.csv") == state.history)
    }

    @Test func aFailedWriteLosesNothingOfTheHistory() throws {
        let saver = Autosaver(start: .fresh)
        var state = started()
        _ = saver.finished(write(try #require(saver.write(for: state))))
        state = reduce(state, .plot(.cycleStyle))
        let failed = try #require(saver.write(for: state))
        // The library refused this one (the outcome a full disk or a lost server gives).
        let action = saver.finished(.failed("database or disk is full"))
        #expect(action == .app(.setMessage("autosave failed: database or disk is full")))
        #expect(failed.delta != nil)
        #expect(saver.write(for: state) == nil)  // no retry storm on an unchanged view
        state = reduce(state, .plot(.cycleReduce))
        let next = try #require(saver.write(for: state))
        _ = saver.finished(write(next))
        // Both changes are in the library's history, though the first write of them failed.
        #expect(try library.history(owner: "ana", dataKey: "/x.csv") == state.history)
        #expect(state.history.past.count == 2)
    }

    /// A real SQLite failure (a trigger refuses the update for a while): the next write carries the
    /// history the failed one could not, and the library ends up with the view's whole history.
    @Test func aFailedAutosaveIsWrittenWithTheNextOne() throws {
        let saver = Autosaver(start: .fresh)
        var state = started()
        _ = saver.finished(write(try #require(saver.write(for: state))))
        state = reduce(state, .plot(.cycleStyle))
        _ = saver.finished(write(try #require(saver.write(for: state))))
        #expect(try library.history(owner: "ana", dataKey: "/x.csv") == state.history)

        let db = try DatabaseQueue(path: library.path)
        try db.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE UPDATE ON autosave BEGIN SELECT RAISE(ABORT, 'refused by the test'); END") }
        state = reduce(state, .plot(.cycleStyle))
        let refused = saver.finished(write(try #require(saver.write(for: state))))
        guard case .app(.setMessage(let m?)) = refused, m.hasPrefix("autosave failed") else { Issue.record("\(refused)"); return }
        try db.write { try $0.execute(sql: "DROP TRIGGER refuse") }

        state = reduce(state, .plot(.cycleBucket))
        _ = saver.finished(write(try #require(saver.write(for: state))))
        #expect(state.history.past.count == 3)
        #expect(try library.history(owner: "ana", dataKey: "/x.csv") == state.history)
        #expect(try library.autosaved(owner: "ana", dataKey: "/x.csv")?.settings == state.settings)
    }

    @Test func aStartFromASavedViewIsNotWrittenAgainNorBeforeItsData() throws {
        var settings = ViewSettings()
        settings.series.selected = ["c"]
        let start = StartView(settings: settings, place: ViewPlace(focus: .plot, cursor: 2, panelCursor: 0))
        let saver = Autosaver(start: start)
        let waiting = reduce(AppState(), .data(.start(start)))
        #expect(saver.write(for: waiting) == nil)  // the cursor waits for the data
        var state = started(start)
        #expect(state.ui.cursor == 2 && state.ui.focus == .plot)
        #expect(saver.write(for: state) == nil)  // what is on screen is what the library has
        state = reduce(state, .plot(.toggleLegend))
        #expect(saver.write(for: state) != nil)
    }
}
