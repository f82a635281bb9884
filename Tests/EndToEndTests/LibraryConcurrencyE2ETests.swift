import Foundation
import Testing

/// Several dataviewer processes on one library at once: nothing lost, nothing locked.
@Suite("Session library: several processes (E2E)", .timeLimit(.minutes(3)))
struct LibraryConcurrencyE2ETests {
    /// One process's work: `count` imports named `<prefix> <n>`, one after another. Returns the failures.
    static func importLoop(binary: String, environment: [String: String], directory: URL, library: String,
                           document: String, prefix: String, count: Int, user: String) async throws -> [String] {
        var failures: [String] = []
        for n in 0..<count {
            let r = try await ProcessRunner.run(binary, ["sessions", "import", document, "--name", "\(prefix) \(n)",
                                                         "--library", library, "--user", user],
                                                environment: environment, currentDirectory: directory, timeout: .seconds(20))
            if r.status != 0 || r.signaled || !r.stderr.isEmpty {
                failures.append("\(prefix) \(n): exit \(r.status)\(r.signaled ? " (signal)" : ""), stderr: \(r.stderrText)")
            }
        }
        return failures
    }

    /// Readers: `sessions list --json` over and over while others write; each must parse.
    static func listLoop(binary: String, environment: [String: String], directory: URL, library: String,
                         user: String, until done: @Sendable () -> Bool) async throws -> [String] {
        var failures: [String] = []
        var rounds = 0
        while !done() || rounds == 0 {
            rounds += 1
            let r = try await ProcessRunner.run(binary, ["sessions", "list", "--json", "--library", library, "--user", user],
                                                environment: environment, currentDirectory: directory, timeout: .seconds(20))
            if r.status != 0 || !r.stderr.isEmpty {
                failures.append("list: exit \(r.status), stderr: \(r.stderrText)")
            } else if (try? JSONDecoder().decode([E2ESessionInfo].self, from: r.stdout)) == nil {
                failures.append("list printed unparsable JSON: \(r.stdoutText.prefix(200))")
            }
        }
        return failures
    }

    @Test("two import loops of 100 at once on one library: all 200 saved, no \"locked\" error")
    func twoImportLoops() async throws {
        let lib = try E2ELibraryFixture()
        let doc = try lib.home.write("doc.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        // The library exists before the race (creating it at once is `newLibraryRace`).
        try await lib.importSession("Seed")
        let (bin, env, dir, path) = (lib.binary, lib.environment, lib.home.url, lib.library)
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for p in ["alpha", "beta"] {
                group.addTask {
                    try await Self.importLoop(binary: bin, environment: env, directory: dir, library: path,
                                              document: doc, prefix: p, count: 100, user: "ana")
                }
            }
            var all: [String] = []
            for try await f in group { all += f }
            return all
        }
        #expect(failures.isEmpty, "\(failures.count) imports failed, e.g.: \(failures.prefix(5).joined(separator: "\n"))")
        #expect(!failures.contains { $0.localizedCaseInsensitiveContains("locked") }, "\(failures.prefix(5))")
        let names = Set(try await lib.names())
        let expected = Set(["alpha", "beta"].flatMap { p in (0..<100).map { "\(p) \($0)" } })
        #expect(names.count == 201, "found \(names.count) (200 imports and the seed)")
        #expect(expected.subtracting(names).isEmpty, "missing: \(expected.subtracting(names).sorted().prefix(10))")
        #expect(try await lib.storedPlotStyle("beta 99") == "bar")
    }

    @Test("four processes that find no library and create it at once: all four sessions saved (10 rounds)")
    func newLibraryRace() async throws {
        let lib = try E2ELibraryFixture()
        let doc = try lib.home.write("doc.json", E2ELibraryFixture.settingsDocument(style: "bar"))
        let (bin, env, dir) = (lib.binary, lib.environment, lib.home.url)
        var failures: [String] = []
        for round in 0..<10 {
            let path = lib.home.url.appendingPathComponent("fresh-\(round).sqlite").path
            failures += try await withThrowingTaskGroup(of: [String].self) { group in
                for p in ["a", "b", "c", "d"] {
                    group.addTask {
                        try await Self.importLoop(binary: bin, environment: env, directory: dir, library: path,
                                                  document: doc, prefix: "round \(round) \(p)", count: 1, user: "ana")
                    }
                }
                var all: [String] = []
                for try await f in group { all += f }
                return all
            }
            let r = try await lib.run(["sessions", "list", "--json"], library: path)
            let n = (try? JSONDecoder().decode([E2ESessionInfo].self, from: r.stdout))?.count ?? -1
            if n != 4 { failures.append("round \(round): \(n) sessions listed, not 4") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, e.g.:\n\(failures.prefix(6).joined(separator: "\n"))")
    }

    @Test("two users import, a reader lists and the viewer autosaves, all at once: nothing lost or locked")
    func writersReaderAndViewer() async throws {
        let lib = try E2ELibraryFixture()
        try await lib.importSession("Seed", style: "line")  // the library exists before the viewer starts
        let tmux = try await lib.viewer()
        let doc = try lib.home.write("doc.json", E2ELibraryFixture.settingsDocument(style: "scatter"))
        let (bin, env, dir, path) = (lib.binary, lib.environment, lib.home.url, lib.library)
        let writersDone = E2ERaceFlag()

        async let reader = Self.listLoop(binary: bin, environment: env, directory: dir, library: path, user: "ana") { writersDone.value }
        async let writers: [String] = withThrowingTaskGroup(of: [String].self) { group in
            for (p, user) in [("ana-cli", "ana"), ("bob-cli", "bob")] {
                group.addTask {
                    try await Self.importLoop(binary: bin, environment: env, directory: dir, library: path,
                                              document: doc, prefix: p, count: 60, user: user)
                }
            }
            var all: [String] = []
            for try await f in group { all += f }
            return all
        }
        // Meanwhile the user changes the view again and again: every change is autosaved.
        let styles = ["scatter", "bar", "step", "line"]
        for k in 0..<12 {
            try tmux.send("p")
            try await tmux.waitForPlot(styles[k % 4])
        }
        let writeFailures = try await writers
        writersDone.set()
        let readFailures = try await reader
        #expect(writeFailures.isEmpty, "\(writeFailures.prefix(5).joined(separator: "\n"))")
        #expect(readFailures.isEmpty, "\(readFailures.prefix(5).joined(separator: "\n"))")

        let ana = try await lib.names()
        let bob = try await lib.names(user: "bob")
        #expect(ana.count == 61 && ana.contains("Seed"), "ana has \(ana.count)")
        #expect(bob.count == 60 && !bob.contains("Seed"), "bob has \(bob.count)")
        let screen = try tmux.screen()
        #expect(!screen.contains("locked") && !screen.contains("busy"), "\(screen.dump)")

        // The viewer sees the new sessions in its dialog.
        try tmux.send("S")
        let dialog = try await tmux.waitFor("Sessions · 61 saved")
        _ = dialog
        // Its autosaved view is the last one: a fresh render (no terminal) draws it.
        let r = try await lib.run(["render", lib.data, "--size", "100x30"])
        #expect(E2ELibraryScreen(Screen(r.stdoutText)).plotStyle == "line", "\(Screen(r.stdoutText).dump)")
    }
}

/// A flag set once, read from other tasks.
final class E2ERaceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    var value: Bool { lock.lock(); defer { lock.unlock() }; return on }
    func set() { lock.lock(); on = true; lock.unlock() }
}
