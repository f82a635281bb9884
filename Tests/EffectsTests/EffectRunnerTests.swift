import Effects
import Foundation
import SessionLibrary
import Testing
import ViewCore

/// The effect runner and the library's effects, on a real SQLite library.
@Suite struct EffectRunnerTests {
    @Test func runsOffTheCallingThreadInOrderAndPostsEachResult() {
        let mailbox = Mailbox<Message>()
        let runner = EffectRunner(mailbox: mailbox)
        let caller = pthread_self()
        for i in 0..<50 {
            runner.run {
                let off = pthread_equal(pthread_self(), caller) == 0
                return .action(.app(.setMessage("\(i) \(off)")))
            }
        }
        #expect(runner.waitUntilIdle(seconds: 10))
        #expect(!runner.busy)
        let got = mailbox.drain().compactMap { m -> String? in
            if case .action(.app(.setMessage(let s?))) = m { return s } else { return nil }
        }
        #expect(got == (0..<50).map { "\($0) true" })
    }

    @Test func aSlowEffectDoesNotHoldUpTheCaller() {
        let mailbox = Mailbox<Message>()
        let runner = EffectRunner(mailbox: mailbox)
        let t0 = Date()
        runner.run { usleep(300_000); return .action(.app(.quit)) }
        #expect(Date().timeIntervalSince(t0) < 0.2)
        #expect(runner.busy)
        var got: [Message] = []
        while got.isEmpty && Date().timeIntervalSince(t0) < 10 { got = mailbox.wait(seconds: 1) }
        guard case .action(.app(.quit))? = got.first else { Issue.record("no result"); return }
    }

    @Test func libraryEffectsAnswerWithTheirActions() throws {
        let library = try Library(path: tempFolder("lib") + "/library.sqlite")
        let effects = LibraryEffects(library: library, owner: "ana")
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
        guard case .sessions(.history(.listed(let name, let versions)))? = effects.perform(.history(.list(name: "Smog")), context).first
        else { Issue.record("no history"); return }
        #expect(name == "Smog" && versions.count == 1)
        #expect(effects.perform(.renameSession(from: "Smog", to: "Haze"), context) == [.sessions(.renamed(from: "Smog", to: "Haze"))])
        #expect(effects.perform(.deleteSession(name: "Haze"), context) == [.sessions(.deleted(name: "Haze"))])
        guard case .sessions(.failed(let why))? = effects.perform(.loadSession(name: "Haze"), context).first else { Issue.record("no failure"); return }
        #expect(why.contains("Haze"))
        #expect(effects.perform(.saveTheme(name: "light"), context).isEmpty)
        #expect(try library.preference(owner: "ana", key: "theme") == "light")
        #expect(effects.perform(.listThemes, context).isEmpty)
    }
}
