import DataCore
import Effects
import Foundation
import LibraryViews
import PostgresHarness
import Rendering
import SessionLibrary
import TeamLibrary
import ViewCore

/// Keystroke → frame with the live view autosaved on every key, as the run loop does it (the
/// frame's write on the effect runner, awaited up to 0.1 s before the frame is drawn), once on a
/// SQLite library and once on a team library (a private PostgreSQL server on this machine).
func benchKeysWithLibrary(rows: Int) throws {
    let path = try dataFile(rows: rows)
    let store = try CSVLoader.load(paths: [path])
    let dir = NSTemporaryDirectory() + "dv-bench-libkeys-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    print("== keystroke → frame with an autosave on every key, \(rows) rows (key map + reduce + autosave + render 200x60)")
    var libraries: [(String, () throws -> any LibraryBackend)] = [("SQLite library", { try Library(path: dir + "/library.sqlite") })]
    var server: PostgresServer? = nil
    if let s = try PostgresServer.makePrivate() {
        server = s
        libraries.append(("team library", {
            let db = try s.makeDatabase(initialised: true) { url in
                _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: s.environment(user: PostgresServer.superuser)))
            }
            var env = s.environment(user: "alice")
            env["PGPASSFILE"] = "/nonexistent"
            return try TeamLibrary(TeamAddress.parse(s.url(db), environment: env), journal: dir + "/journal.sqlite")
        }))
    } else {
        print("team library: skipped (PostgreSQL's server binaries are not installed)")
    }
    defer { try? server?.stop() }
    // Keys of the main screen that change the view (each one an autosave).
    let keys: [Key] = [.char("j"), .char(" "), .char("+"), .char("-"), .char("+"), .char("a"), .char("p"),
                       .char("f"), .char("L"), .char("k"), .char(" "), .char("-")]
    var p99s: [Double] = []
    for (name, open) in libraries {
        let library = try open()
        let mailbox = Mailbox<Message>()
        let runner = EffectRunner(mailbox: mailbox)
        let autosaver = Autosaver(start: .fresh)
        var state = initialState(store)
        var times: [Double] = [], writes = 0, failures: [String] = []
        func receive(_ messages: [Message]) {
            for case .autosave(let outcome) in messages {
                if case .failed(let why) = outcome { failures.append(why) }
                state = reduce(state, autosaver.finished(outcome))
            }
        }
        for j in 0..<(keys.count * 40) {
            let k0 = now()
            receive(mailbox.drain())
            for a in KeyMap.actions(for: .key(keys[j % keys.count]), in: state) { state = reduce(state, a) }
            let deadline = now() + 0.1
            repeat {
                if let write = autosaver.write(for: state) {
                    writes += 1
                    runner.run { .autosave(write.perform(library, owner: "alice", dataKey: path)) }
                }
                guard autosaver.writing else { break }
                receive(mailbox.wait(seconds: max(0, deadline - now())))
            } while now() < deadline
            let g = ViewRenderer.render(state, store)
            times.append((now() - k0) * 1000)
            _ = g.width
            usleep(20_000)  // a quick typist: 50 keys a second
        }
        _ = runner.waitUntilIdle(seconds: 5)
        if let team = library as? TeamLibrary { _ = team.flush() }
        let p = percentiles(times)
        p99s.append(p.p99)
        print(String(format: "%-16@ p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d keys, %d autosaves)",
                     name as NSString, p.p50, p.p99, p.max, times.count, writes))
        if let first = failures.first { print("  \(failures.count) autosaves failed; the first: \(first)") }
    }
    if p99s.count == 2 {
        print(String(format: "FIGURE keystroke → frame p99, team library vs SQLite library: %.2f ms vs %.2f ms (%@)", p99s[1], p99s[0],
                     p99s[1] <= p99s[0] * 1.1 + 0.5 ? "no slower: met" : "slower: MISSED"))
    }
}
