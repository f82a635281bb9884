import DataCore
import Effects
import Foundation
import LibraryViews
import PostgresHarness
import SessionLibrary
import TeamLibrary
import Testing
@testable import ViewCore

/// The effect runner's library work on either backend: a SQLite file or a team library on a real
/// (throwaway) PostgreSQL server. Without the server binaries the PostgreSQL half is skipped.
enum EffectsBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }
    static let available: [EffectsBackend] = PostgresServer.available ? allCases : [.sqlite]

    /// A fresh library, as `owner` sees it; `again` opens the same library a second time (another process).
    func make() throws -> (library: any LibraryBackend, owner: String, again: () throws -> any LibraryBackend) {
        switch self {
        case .sqlite:
            let path = tempFolder("lib") + "/library.sqlite"
            return (try Library(path: path), "ana", { try Library(path: path) })
        case .postgres:
            let server = try #require(PostgresServer.shared)
            let db = try server.makeDatabase(initialised: true) { url in
                _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: server.environment(user: PostgresServer.superuser)))
            }
            var env = server.environment(user: "alice")
            env["PGPASSFILE"] = "/nonexistent"
            let address = try TeamAddress.parse(server.url(db), environment: env)
            let open = { () throws -> any LibraryBackend in
                try TeamLibrary(address, journal: tempFolder("journal") + "/journal.sqlite", environment: env)
            }
            return (try open(), "alice", open)
        }
    }
}

@Suite struct BothBackendsEffectsTests {
    @Test(arguments: EffectsBackend.available) func libraryEffectsAnswerWithTheirActions(_ b: EffectsBackend) throws {
        let (library, owner, _) = try b.make()
        let effects = LibraryEffects(library: library, owner: owner)
        var settings = ViewSettings()
        settings.series.selected = ["a", "gone"]
        let context = LibraryEffects.Context(settings: settings, known: ["a", "b"])
        guard case .sessions(.saved(let row, let saved))? = effects.perform(.saveSession(name: "Smog", shareable: true, overwrite: false), context).first
        else { Issue.record("not saved"); return }
        #expect(row.name == "Smog" && row.shareable && row.link != nil && saved == settings)
        #expect(effects.perform(.saveSession(name: "Smog", shareable: nil, overwrite: false), context)
            == [.sessions(.exists(name: "Smog", shareable: false))])
        guard case .sessions(.listed(let rows))? = effects.perform(.listSessions, context).first else { Issue.record("not listed"); return }
        #expect(rows.map(\.name) == ["Smog"])
        // The save kept a watermark of the (empty) data: loading says what the data gained since.
        #expect(effects.perform(.loadSession(name: "Smog"), context)
            == [.sessions(.applied(name: "Smog", settings: settings, missing: ["gone"])),
                .sessions(.history(.dataSinceSaved(name: "Smog", text: "no new measurements since saved")))])
        #expect(effects.perform(.setShareable(name: "Smog", on: false), context).count == 1)
        guard case .sessions(.history(.listed(let name, let versions)))? = effects.perform(.history(.list(name: "Smog")), context).first
        else { Issue.record("no history"); return }
        #expect(name == "Smog" && versions.map(\.event) == [.created, .unshared])
        #expect(effects.perform(.history(.restore(name: "Smog", version: 1)), context).contains(.sessions(.history(.restored(name: "Smog", version: 1, as: 3)))))
        #expect(effects.perform(.renameSession(from: "Smog", to: "Haze"), context) == [.sessions(.renamed(from: "Smog", to: "Haze"))])
        #expect(effects.perform(.deleteSession(name: "Haze"), context) == [.sessions(.deleted(name: "Haze"))])
        guard case .sessions(.failed(let why))? = effects.perform(.loadSession(name: "Haze"), context).first else { Issue.record("no failure"); return }
        #expect(why.contains("Haze"))
        #expect(effects.perform(.saveTheme(name: "light"), context).isEmpty)
        #expect(effects.perform(.saveMapLayer(on: false), context).isEmpty)
        #expect(try library.preference(owner: owner, key: "theme") == "light")
        #expect(try library.preference(owner: owner, key: "map_layer") == "off")
    }

    /// The run loop's autosave path: the autosaver decides, the runner writes off the caller's
    /// thread, the outcome comes back through the mailbox; another process then reads the view.
    @Test(arguments: EffectsBackend.available) func autosaveThroughTheRunnerReachesTheLibrary(_ b: EffectsBackend) throws {
        let (library, owner, again) = try b.make()
        let mailbox = Mailbox<Message>()
        let runner = EffectRunner(mailbox: mailbox)
        let saver = Autosaver(start: .fresh)
        var state = reduce(AppState(), .data(.start(.fresh)))
        let catalog = ["a", "b"].map { SeriesInfo(id: $0, name: $0, phenomenon: "PM10", station: $0, unit: nil) }
        state = reduce(state, .data(.dataChanged(DataSummary(catalog: catalog, range: 0...1000, name: "x.csv", longestSeries: "b"), version: 1)))
        state = reduce(state, .plot(.cycleStyle))
        for round in 0..<2 {
            let write = try #require(saver.write(for: state))
            let caller = pthread_self()
            runner.run {
                #expect(pthread_equal(pthread_self(), caller) == 0)
                return .autosave(write.perform(library, owner: owner, dataKey: "/x.csv"))
            }
            #expect(runner.waitUntilIdle(seconds: 30))
            guard case .autosave(let outcome)? = mailbox.drain().first else { Issue.record("no outcome"); return }
            guard case .app(.autosaved) = saver.finished(outcome) else { Issue.record("not saved: \(outcome)"); return }
            if round == 0 { state = reduce(state, .plot(.cycleBucket)) }
        }
        if let team = library as? TeamLibrary { #expect(team.flush()) }
        let other = try again()
        #expect(try other.autosaved(owner: owner, dataKey: "/x.csv")?.settings == state.settings)
        #expect(try other.history(owner: owner, dataKey: "/x.csv") == state.history)
    }

    /// A colleague's save comes to the viewer as an action through the mailbox; with the dialog
    /// open the reducer asks for the list again, and the runner's answer holds the new session.
    @Test func aColleaguesSaveReachesAnOpenDialogAsActions() throws {
        guard PostgresServer.available else { return }
        let (library, owner, again) = try EffectsBackend.postgres.make()
        let mailbox = Mailbox<Message>()
        library.watch { news in
            if news == .sessionsChanged { mailbox.post(.action(.sessions(.libraryChanged))) }
        }
        // Listening has begun when its first news arrives (anything may have changed before it).
        #expect(waitForChange(mailbox, seconds: 10))
        var state = reduce(AppState(), .sessions(.open))
        state.outbox = []
        let colleague = try again()
        try colleague.save(owner: owner, name: "From elsewhere", settings: ViewSettings(), overwrite: false)
        #expect(waitForChange(mailbox, seconds: 10))
        state = reduce(state, .sessions(.libraryChanged))
        #expect(state.outbox == [.listSessions])
        let answer = LibraryEffects(library: library, owner: owner).perform(.listSessions, .init(settings: ViewSettings(), known: []))
        guard case .sessions(.listed(let rows))? = answer.first else { Issue.record("not listed"); return }
        #expect(rows.map(\.name) == ["From elsewhere"])
    }

    private func waitForChange(_ mailbox: Mailbox<Message>, seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            for m in mailbox.wait(seconds: 0.1) { if case .action(.sessions(.libraryChanged)) = m { return true } }
        }
        return false
    }
}
