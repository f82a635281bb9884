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
/// frame's write on the effect runner, awaited up to 0.1 s before the frame is drawn), on a
/// SQLite library and on a team library (a private PostgreSQL server on this machine). The two
/// take turns in rounds, so that what else the machine does in a moment falls on both alike.
func benchKeysWithLibrary(rows: Int) throws {
    let path = try dataFile(rows: rows)
    let store = try CSVLoader.load(paths: [path])
    let dir = NSTemporaryDirectory() + "dv-bench-libkeys-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let rounds = 3
    print("== keystroke → frame with an autosave on every key, \(rows) rows (key map + reduce + autosave + render 200x60), \(rounds) rounds each")
    var runs = [LibraryKeysRun(name: "SQLite library", library: try Library(path: dir + "/library.sqlite"), store: store)]
    var server: PostgresServer? = nil
    if let s = try PostgresServer.makePrivate() {
        server = s
        let db = try s.makeDatabase(initialised: true) { url in
            _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: s.environment(user: PostgresServer.superuser)))
        }
        var env = s.environment(user: "alice")
        env["PGPASSFILE"] = "/nonexistent"
        let team = try TeamLibrary(TeamAddress.parse(s.url(db), environment: env), journal: dir + "/journal.sqlite")
        let run = LibraryKeysRun(name: "team library", library: team, store: store)
        let pushes = run.pushes
        team.onAutosavePushed { _, _ in pushes.add() }
        runs.append(run)
    } else {
        print("team library: skipped (PostgreSQL's server binaries are not installed)")
    }
    defer { try? server?.stop() }
    for _ in 0..<rounds {
        for r in runs { r.round(store, dataKey: path) }
    }
    var p99s: [Double] = []
    for r in runs {
        _ = r.runner.waitUntilIdle(seconds: 5)
        if let team = r.library as? TeamLibrary { _ = team.flush() }
        let p = percentiles(r.times)
        p99s.append(p.p99)
        let pushed = r.library is TeamLibrary ? String(format: ", %d pushes to the server", r.pushes.value) : ""
        print(String(format: "%-16@ p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d keys, %d autosaves%@)",
                     r.name as NSString, p.p50, p.p99, p.max, r.times.count, r.writes, pushed as NSString))
        if let first = r.failures.first { print("  \(r.failures.count) autosaves failed; the first: \(first)") }
    }
    if p99s.count == 2 {
        print(String(format: "FIGURE keystroke → frame p99, team library vs SQLite library: %.2f ms vs %.2f ms (%@)", p99s[1], p99s[0],
                     p99s[1] <= p99s[0] * 1.1 + 0.5 ? "no slower: met" : "slower: MISSED"))
    }
}

/// One library's side of the benchmark: its run loop's parts and the frames measured so far.
final class LibraryKeysRun {
    let name: String
    let library: any LibraryBackend
    let mailbox = Mailbox<Message>()
    let runner: EffectRunner
    let autosaver = Autosaver(start: .fresh)
    var state: AppState
    var times: [Double] = [], writes = 0, failures: [String] = []
    let pushes = PushCount()
    // Keys of the main screen that change the view (each one an autosave).
    static let keys: [Key] = [.char("j"), .char(" "), .char("+"), .char("-"), .char("+"), .char("a"), .char("p"),
                              .char("f"), .char("L"), .char("k"), .char(" "), .char("-")]

    init(name: String, library: any LibraryBackend, store: MeasurementStore) {
        self.name = name
        self.library = library
        runner = EffectRunner(mailbox: mailbox)
        state = initialState(store)
    }

    private func receive(_ messages: [Message]) {
        for case .autosave(let outcome) in messages {
            if case .failed(let why) = outcome { failures.append(why) }
            state = reduce(state, autosaver.finished(outcome))
        }
    }

    /// 480 keys at a quick typist's 50 a second, each timed from the key to its drawn frame.
    func round(_ store: MeasurementStore, dataKey: String) {
        let keys = Self.keys
        for j in 0..<(keys.count * 40) {
            let k0 = now()
            receive(mailbox.drain())
            for a in KeyMap.actions(for: .key(keys[j % keys.count]), in: state) { state = reduce(state, a) }
            let deadline = now() + 0.1
            repeat {
                if let write = autosaver.write(for: state) {
                    writes += 1
                    let library = self.library
                    runner.run { .autosave(write.perform(library, owner: "alice", dataKey: dataKey)) }
                }
                guard autosaver.writing else { break }
                receive(mailbox.wait(seconds: max(0, deadline - now())))
            } while now() < deadline
            let g = ViewRenderer.render(state, store)
            times.append((now() - k0) * 1000)
            _ = g.width
            usleep(20_000)
        }
    }
}

/// Pushes counted from the pusher's thread.
final class PushCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
