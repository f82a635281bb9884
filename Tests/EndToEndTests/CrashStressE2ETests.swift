import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at well over a hundred random moments of library writes: afterwards
/// the library passes `PRAGMA integrity_check`, every session in it exports a whole settings
/// document, every write that finished before its kill is there, and every write that was killed
/// either happened whole or not at all (a killed rename leaves exactly one of the two names).
///
/// Four lanes run at once on one library, each its own name prefix: each spawns one
/// `sessions import | import --force | rename | delete | share | unshare` at a time and SIGKILLs it
/// after a random delay, uniform in 0…W ms. W adapts (×1.1 after a kill that landed, ×0.9 after a
/// write that finished first) so that about half the writes are hit: the kills then spread over the
/// whole life of a write under the real load — start-up, opening, the transaction, the commit, exit. Meanwhile a viewer in tmux on the same library gets random
/// view-changing keys (each one autosaved) and is killed with `kill -9` a few times, then restarted.
///
/// `DV_E2E_SEED=n` replays the operation sequence (the kill moments depend on timing anyway).
@Suite("Hardening: crash stress (E2E)", .serialized, .timeLimit(.minutes(2)))
struct CrashStressE2ETests {
    static let lanes = 4
    static let killsPerLane = 100
    static let viewerKills = 6

    /// What one lane knows about its own names.
    struct LaneModel {
        struct Entry { var styles: Set<String>; var shareable: Bool? }
        /// Certainly in the library (a finished write put it there): allowed plot styles, shareable if known.
        var present: [String: Entry] = [:]
        /// Certainly gone (a finished delete or rename).
        var absent: Set<String> = []
        /// A killed import or delete: there or not, and if there with one of these styles.
        var maybe: [String: Set<String>] = [:]
        /// A killed rename: exactly one of the two names, with one of these styles.
        var exactlyOne: [(String, String, Set<String>)] = []
        var counter = 0
    }

    struct LaneTally {
        var attempts = 0, killed = 0, finished = 0
        var failures: [String] = []
        var ops: [String: Int] = [:]
        var delays: [Int] = []
    }

    enum Outcome { case finished(ProcessResult), killed }

    static let styles = ["line", "bar", "scatter", "step"]

    @Test("400 × SIGKILL during CLI writes + kill -9 of autosaving viewers: integrity ok, nothing half-written, nothing finished lost")
    func killStorm() async throws {
        let lab = try StressLab()
        let env = ProcessInfo.processInfo.environment
        let seed = env["DV_E2E_SEED"].flatMap(UInt64.init) ?? 20_261_125
        var docs: [String: String] = [:]
        for s in Self.styles { docs[s] = try lab.home.write("doc-\(s).json", StressLab.settingsDocument(style: s)) }

        // Calibrate: how long does one write take when left alone? The kill window starts there.
        var longest = 0
        for k in 0..<3 {
            let t0 = ContinuousClock.now
            try await lab.ok(["sessions", "import", docs["line"]!, "--name", "calibration \(k)"], user: "crash")
            longest = max(longest, Int((ContinuousClock.now - t0) / .milliseconds(1)))
        }
        let window = max(20, min(longest, 400))

        let data = try lab.home.write("wide.csv", DataFiles.wideCSV(rows: 50))
        let docsCopy = docs
        let (laneTallies, laneModels, viewerReport) = try await withThrowingTaskGroup(
            of: (Int, LaneTally, LaneModel, String?).self
        ) { group in
            for lane in 0..<Self.lanes {
                group.addTask {
                    var rng = SeededRandom(seed: seed &+ UInt64(lane) &* 7919)
                    let (t, m) = try await Self.runLane(lab: lab, lane: lane, docs: docsCopy, start: window, rng: &rng)
                    return (lane, t, m, nil)
                }
            }
            group.addTask {
                var rng = SeededRandom(seed: seed &+ 104_729)
                let report = try await Self.viewerKills(lab: lab, data: data, rng: &rng)
                return (-1, LaneTally(), LaneModel(), report)
            }
            var tallies: [Int: LaneTally] = [:], models: [Int: LaneModel] = [:]
            var viewer = ""
            for try await (lane, t, m, report) in group {
                if let report { viewer = report } else { tallies[lane] = t; models[lane] = m }
            }
            return (tallies, models, viewer)
        }

        // The library after the storm.
        let integrity = try lab.integrityCheck()
        #expect(integrity == "ok", "PRAGMA integrity_check: \(integrity)")
        let listed = try await lab.sessions(user: "crash")
        let names = Set(listed.map(\.name))
        #expect(names.count == listed.count, "a name is listed twice: \(listed.map(\.name).sorted())")

        // Every listed session exports a whole settings document; remember each one's plot style.
        var style: [String: String] = [:]
        var exportFailures: [String] = []
        let exported: [(String, String?, String?)] = try await StressLab.parallel(listed.map(\.name), width: 4) { n in
            do {
                let s: String? = try await lab.exportedStyle(n, user: "crash")
                return (n, s, nil)
            } catch {
                return (n, nil, "\(error)")
            }
        }
        for (n, s, failure) in exported {
            if let failure { exportFailures.append(failure) } else { style[n] = s }
        }
        #expect(exportFailures.isEmpty, "\(exportFailures.count) sessions do not export whole:\n\(exportFailures.prefix(5).joined(separator: "\n"))")

        // What each lane's finished and killed writes imply.
        var modelFailures: [String] = []
        let byName = Dictionary(uniqueKeysWithValues: listed.map { ($0.name, $0) })
        for lane in 0..<Self.lanes {
            let m = laneModels[lane]!
            let prefix = "lane\(lane) "
            for (n, e) in m.present {
                guard let s = byName[n] else { modelFailures.append("\(n): finished before its kill, but missing"); continue }
                if let st = style[n], !e.styles.contains(st) { modelFailures.append("\(n): plot style \(st), expected one of \(e.styles.sorted())") }
                if let sh = e.shareable, sh != s.shareable { modelFailures.append("\(n): shareable is \(s.shareable), a finished write made it \(sh)") }
                if s.shareable != (s.link != nil) { modelFailures.append("\(n): shareable \(s.shareable) but link \(s.link ?? "none")") }
            }
            for n in m.absent where names.contains(n) { modelFailures.append("\(n): a finished delete/rename removed it, but it is listed") }
            for (n, allowed) in m.maybe {
                if names.contains(n), let st = style[n], !allowed.contains(st) {
                    modelFailures.append("\(n): plot style \(st), expected one of \(allowed.sorted()) (a half-written document?)")
                }
            }
            for (a, b, allowed) in m.exactlyOne {
                let count = [a, b].filter(names.contains).count
                if count != 1 { modelFailures.append("killed rename \(a) → \(b): \(count) of the two names are listed (want exactly 1)") }
                for n in [a, b] where names.contains(n) {
                    if let st = style[n], !allowed.contains(st) { modelFailures.append("\(n): plot style \(st), expected \(allowed.sorted())") }
                }
            }
            let accounted = Set(m.present.keys).union(m.maybe.keys).union(m.exactlyOne.flatMap { [$0.0, $0.1] })
            for n in names where n.hasPrefix(prefix) && !accounted.contains(n) {
                modelFailures.append("\(n): listed, but no write of lane \(lane) could have made it")
            }
        }
        #expect(modelFailures.isEmpty, "\(modelFailures.count) mismatches:\n\(modelFailures.prefix(12).joined(separator: "\n"))")

        let all = laneTallies.values
        let laneFailures = all.flatMap(\.failures)
        #expect(laneFailures.isEmpty, "\(laneFailures.count) writes failed without being killed:\n\(laneFailures.prefix(8).joined(separator: "\n"))")
        let attempts = all.map(\.attempts).reduce(0, +), killed = all.map(\.killed).reduce(0, +)
        let finished = all.map(\.finished).reduce(0, +)
        var ops: [String: Int] = [:]
        for t in all { ops.merge(t.ops, uniquingKeysWith: +) }
        #expect(killed >= 100, "only \(killed) of \(attempts) writes were hit by the kill")
        let delays = all.flatMap(\.delays).sorted()
        print("crash stress (seed \(seed)): \(attempts) CLI kill points (SIGKILL after \(delays.first ?? 0)–\(delays.last ?? 0) ms, median \(delays.isEmpty ? 0 : delays[delays.count / 2]) ms; "
              + "one write alone takes ≤ \(longest) ms): "
              + "\(killed) writes killed mid-way, \(finished) finished before the kill; ops \(ops.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); "
              + "\(viewerReport); \(listed.count) sessions checked (integrity \(integrity), each exported whole)")
    }

    @Test("40 × SIGKILL while the first write creates the library: the next write always finds a usable library")
    func killDuringCreation() async throws {
        let lab = try StressLab()
        let doc = try lab.home.write("doc.json", StressLab.settingsDocument(style: "bar"))
        var rng = SeededRandom(seed: ProcessInfo.processInfo.environment["DV_E2E_SEED"].flatMap(UInt64.init) ?? 777)
        var killed = 0, finished = 0, window = 40.0
        var failures: [String] = []
        var leftovers: [String: Int] = [:]
        for k in 0..<40 {
            let path = lab.home.url.appendingPathComponent("new-\(k)/library.sqlite").path
            let delay = Int.random(in: 0...Int(window), using: &rng)
            switch try await lab.spawnAndKill(["sessions", "import", doc, "--name", "First"], user: "ana", library: path,
                                              after: .milliseconds(delay)) {
            case .killed: killed += 1; window = min(window * 1.1, 1000)
            case .finished(let r):
                finished += 1; window = max(window * 0.9, 5)
                if r.status != 0 { failures.append("library \(k): the first import failed unkilled: \(r.stderrText)") }
            }
            let state = !FileManager.default.fileExists(atPath: path) ? "no file"
                : ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0 ? "empty file" : "database"
            leftovers[state, default: 0] += 1
            // Whatever the kill left, the next write works and the library is sound.
            let r = try await lab.run(["sessions", "import", doc, "--name", "Second"], user: "ana", library: path)
            if r.status != 0 || r.signaled { failures.append("library \(k) (killed after \(delay) ms, left \(state)): \(r.stderrText)"); continue }
            let integrity = (try? lab.integrityCheck(path)) ?? "sqlite3 failed"
            if integrity != "ok" { failures.append("library \(k): integrity_check \(integrity)") }
            let names = try await lab.sessions(user: "ana", library: path).map(\.name)
            if !names.contains("Second") { failures.append("library \(k): Second missing: \(names)") }
            for n in names { _ = try await lab.exportedStyle(n, user: "ana", library: path) }
        }
        #expect(failures.isEmpty, "\(failures.count) libraries were left unusable:\n\(failures.prefix(5).joined(separator: "\n"))")
        print("crash stress (library creation): 40 kill points, \(killed) creations killed mid-way, \(finished) finished first; "
              + "left behind: \(leftovers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); every library usable afterwards")
    }

    // MARK: the lanes

    static func runLane(lab: StressLab, lane: Int, docs: [String: String], start: Int,
                        rng: inout SeededRandom) async throws -> (LaneTally, LaneModel) {
        var m = LaneModel(), t = LaneTally()
        var window = Double(start)
        let prefix = "lane\(lane) "
        func fresh() -> String { m.counter += 1; return "\(prefix)\(m.counter)" }
        // Names no killed write is unsure about: the only ones later writes touch.
        func pickPresent() -> String? { m.present.keys.sorted().randomElement(using: &rng) }

        for _ in 0..<Self.killsPerLane {
            let roll = Int.random(in: 0..<100, using: &rng)
            let style = Self.styles.randomElement(using: &rng)!
            let delay = Int.random(in: 0...Int(window), using: &rng)
            var op: String
            var args: [String]
            var apply: (inout LaneModel, Bool) -> Void   // (model, finished?)
            if roll < 35 || m.present.count < 3 {
                let n = fresh()
                op = "import"
                args = ["sessions", "import", docs[style]!, "--name", n]
                apply = { m, done in
                    if done { m.present[n] = .init(styles: [style], shareable: false) } else { m.maybe[n] = [style] }
                }
            } else if roll < 50, let p = pickPresent() {
                op = "import --force"
                args = ["sessions", "import", docs[style]!, "--name", p, "--force"]
                apply = { m, done in
                    if done { m.present[p]!.styles = [style] } else { m.present[p]!.styles.insert(style) }
                }
            } else if roll < 65, let p = pickPresent() {
                let q = fresh()
                op = "rename"
                args = ["sessions", "rename", p, q]
                apply = { m, done in
                    let e = m.present.removeValue(forKey: p)!
                    if done { m.absent.insert(p); m.present[q] = e } else { m.exactlyOne.append((p, q, e.styles)) }
                }
            } else if roll < 78, let p = pickPresent() {
                op = "delete"
                args = ["sessions", "delete", p, "--yes"]
                apply = { m, done in
                    let e = m.present.removeValue(forKey: p)!
                    if done { m.absent.insert(p) } else { m.maybe[p] = e.styles }
                }
            } else if let p = pickPresent() {
                let on = roll < 90
                op = on ? "share" : "unshare"
                args = ["sessions", on ? "share" : "unshare", p]
                apply = { m, done in m.present[p]!.shareable = done ? on : nil }
            } else {
                continue
            }
            t.attempts += 1
            t.ops[op, default: 0] += 1
            t.delays.append(delay)
            switch try await lab.spawnAndKill(args, user: "crash", after: .milliseconds(delay)) {
            case .killed:
                t.killed += 1
                window = min(window * 1.1, 2000)
                apply(&m, false)
            case .finished(let r):
                t.finished += 1
                window = max(window * 0.9, 5)
                if r.status == 0 && !r.signaled {
                    apply(&m, true)
                } else {
                    // Not killed, yet failed: a write must not fail because another one was killed.
                    t.failures.append("\(op) \(args.dropFirst(2).joined(separator: " ")): exit \(r.status)\(r.signaled ? " (signal)" : ""): \(r.stderrText)")
                    apply(&m, false)
                }
            }
        }
        return (t, m)
    }

    // MARK: the viewer

    /// Starts the viewer, sends random view-changing keys, kills it with `kill -9` at a random moment;
    /// `viewerKills` times, each restart on what the previous kill left. Returns a summary.
    static func viewerKills(lab: StressLab, data: String, rng: inout SeededRandom) async throws -> String {
        let keys = ["j", "k", "Space", "p", "Tab", "+", "-", "[", "]"]
        var keysSent = 0
        for round in 0...Self.viewerKills {
            let tmux = try TmuxSession([data, "--library", lab.library, "--user", "viewer"], width: 100, height: 30, home: lab.home)
            defer { tmux.kill() }
            let s = try await tmux.waitUntil("the viewer's first screen (start \(round))", timeout: .seconds(40)) { StressLab.isViewer($0) }
            #expect(!s.contains("locked") && !s.contains("busy") && !s.contains("library error"), "start \(round)\(s.dump)")
            if round == Self.viewerKills { break }
            guard let pid = try tmux.programPID() else { throw E2EError("no dataviewer process\(try tmux.screen())") }
            let n = Int.random(in: 5...15, using: &rng)
            for _ in 0..<n {
                try tmux.send(keys.randomElement(using: &rng)!)
                keysSent += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...40, using: &rng)))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...30, using: &rng)))
            guard stressKill(pid, SIGKILL) == 0 else { throw E2EError("kill -9 \(pid) failed: errno \(errno)") }
            try await StressLab.waitGone(pid)
        }
        // Its autosave is readable without a terminal, too.
        let r = try await lab.run(["render", data, "--size", "100x30"], user: "viewer")
        #expect(r.status == 0 && !r.signaled, "render after the viewer kills: exit \(r.status): \(r.stderrText)")
        return "\(Self.viewerKills) viewers killed with kill -9 after \(keysSent) autosaving keys, each restart drew the viewer"
    }
}

// MARK: - helpers shared by the hardening tests (crash, concurrency, damaged library, hostile text)


/// A private HOME with a library path, and ways to run dataviewer, sqlite3 and killers on it.
final class StressLab: @unchecked Sendable {
    let home: TemporaryDirectory
    let library: String
    let environment: [String: String]
    let binary: String

    init(libraryName: String = "library.sqlite") throws {
        binary = try Dataviewer.requireBinary()
        home = try TemporaryDirectory(prefix: "dv-e2e-stress")
        library = home.url.appendingPathComponent(libraryName).path
        environment = Dataviewer.environment(home: home.url)
        try FileManager.default.createDirectory(atPath: environment["TMPDIR"]!, withIntermediateDirectories: true)
    }

    /// `dataviewer ARGS --library LIB --user USER`, no terminal.
    func run(_ args: [String], user: String, library lib: String? = nil, timeout: Duration = .seconds(40)) async throws -> ProcessResult {
        try await ProcessRunner.run(binary, args + ["--library", lib ?? library, "--user", user], environment: environment,
                                    currentDirectory: home.url, timeout: timeout)
    }

    @discardableResult
    func ok(_ args: [String], user: String, library lib: String? = nil) async throws -> String {
        let r = try await run(args, user: user, library: lib)
        guard r.status == 0, !r.signaled else {
            throw E2EError("`dataviewer \(args.map(shellQuote).joined(separator: " "))` (user \(user)) failed with \(r.status): \(r.stderrText)")
        }
        return r.stdoutText
    }

    func sessions(user: String, library lib: String? = nil) async throws -> [E2ESessionInfo] {
        let out = try await ok(["sessions", "list", "--json"], user: user, library: lib)
        do { return try JSONDecoder().decode([E2ESessionInfo].self, from: Data(out.utf8)) }
        catch { throw E2EError("sessions list --json printed something else (\(error)):\n\(out.prefix(500))") }
    }

    static let documentKeys: Set<String> = ["version", "series", "thresholds", "dashboard", "plot", "map"]

    /// `sessions export NAME` must print a JSON object with the six keys; returns its plot style.
    func exportedStyle(_ name: String, user: String, library lib: String? = nil) async throws -> String? {
        let out = try await ok(["sessions", "export", name], user: user, library: lib)
        guard let doc = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
            throw E2EError("sessions export \(name) printed no JSON object:\n\(out.prefix(300))")
        }
        let keys = Set(doc.keys)
        guard Self.documentKeys.isSubset(of: keys) else {
            throw E2EError("sessions export \(name) lacks \(Self.documentKeys.subtracting(keys).sorted()): \(out.prefix(300))")
        }
        return (doc["plot"] as? [String: Any])?["style"] as? String
    }

    /// `body` on every item, at most `width` at a time; results in no particular order.
    static func parallel<T: Sendable, R: Sendable>(_ items: [T], width: Int,
                                                   _ body: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
        try await withThrowingTaskGroup(of: R.self) { group in
            var results: [R] = []
            var pending = items[...]
            for _ in 0..<width { if let i = pending.popFirst() { group.addTask { try await body(i) } } }
            while let r = try await group.next() {
                results.append(r)
                if let i = pending.popFirst() { group.addTask { try await body(i) } }
            }
            return results
        }
    }

    /// `sqlite3 PATH SQL`, stdout trimmed.
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        guard let sqlite = ProcessRunner.which("sqlite3") else { throw E2EError("the sqlite3 command is not installed") }
        let r = try ProcessRunner.runSync(sqlite, [path, sql])
        guard r.status == 0 else { throw E2EError("sqlite3 \(path) \"\(sql)\" failed: \(r.stderrText)") }
        return r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func integrityCheck(_ lib: String? = nil) throws -> String { try Self.sqlite(lib ?? library, "PRAGMA integrity_check") }

    /// Spawns `dataviewer ARGS` and sends SIGKILL after `delay`, unless it ended before.
    func spawnAndKill(_ args: [String], user: String, library lib: String? = nil,
                      after delay: Duration) async throws -> CrashStressE2ETests.Outcome {
        let dir = try TemporaryDirectory(prefix: "dv-e2e-kill")
        let out = dir.url.appendingPathComponent("stdout").path, err = dir.url.appendingPathComponent("stderr").path
        let pid = try ProcessRunner.spawn(binary, args + ["--library", lib ?? library, "--user", user], environment: environment,
                                          currentDirectory: home.path, stdout: out, stderr: err)
        if delay > .zero { try await Task.sleep(for: delay) }
        _ = stressKill(pid, SIGKILL)  // a no-op on a process that has ended (a zombie until reaped)
        let (code, signaled) = try await Self.reap(pid)
        if signaled && code == SIGKILL { return .killed }
        return .finished(ProcessResult(status: code, signaled: signaled,
                                       stdout: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(),
                                       stderr: (try? Data(contentsOf: URL(fileURLWithPath: err))) ?? Data()))
    }

    /// Waits for a child without blocking a thread: (exit status or signal, signaled).
    static func reap(_ pid: pid_t, timeout: Duration = .seconds(30)) async throws -> (Int32, Bool) {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR { throw E2EError("waitpid(\(pid)) failed: errno \(errno)") }
            if ContinuousClock.now > deadline { _ = stressKill(pid, SIGKILL) }
            try await Task.sleep(for: .milliseconds(1))
        }
        return (status & 0x7f) == 0 ? ((status >> 8) & 0xff, false) : (status & 0x7f, true)
    }

    /// Waits until a process that is not our child (the viewer in tmux) has gone (or is a zombie).
    static func waitGone(_ pid: pid_t, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return }
            if stat[stat.index(after: close)...].split(separator: " ").first == "Z" { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw E2EError("process \(pid) did not end within \(timeout) of kill -9")
    }

    /// The viewer's main screen: the title bar with ☰ and dataviewer, and the plot pane.
    static func isViewer(_ s: Screen) -> Bool {
        guard let first = s.lines.first else { return false }
        return first.contains("dataviewer") && s.contains(" Plot · ") && !s.isReading
    }

    /// A settings document with the given plot style and selected series.
    static func settingsDocument(style: String = "line", selected: [String] = ["humidity"]) -> String {
        let sel = String(decoding: try! JSONSerialization.data(withJSONObject: selected), as: UTF8.self)
        return """
        {"version": 1,
         "series": {"selected": \(sel), "filter": {"text": "", "window": {"all": {}}}},
         "thresholds": [],
         "dashboard": [{"kind": "statistics"}, {"kind": "sparkline"}, {"kind": "latest"}],
         "plot": {"style": "\(style)", "bucket": "raw", "reduce": "mean", "legend": true},
         "map": {"zoom": 0, "heatmap": {"enabled": false, "intensity": 5, "radius": 2, "ramp": "viridis"}}}
        """
    }

    /// Text for a failure message with every control character, C1 control and bidi override
    /// shown as `\u{…}`, so that a failing test cannot write to the terminal that shows its report.
    static func visible(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            if (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Bytes that must never reach a terminal from text: C0 controls but newline, DEL; in text also
    /// C1 controls and bidi overrides/isolates. Returns descriptions of the first few found.
    static func unsafeCharacters(_ data: Data, allowNewline: Bool = true) -> [String] {
        var found: [String] = []
        for (i, b) in data.enumerated() where (b < 0x20 && !(allowNewline && b == 0x0A)) || b == 0x7F {
            found.append(String(format: "byte 0x%02X at %d", b, i))
            if found.count >= 5 { return found }
        }
        for u in String(decoding: data, as: UTF8.self).unicodeScalars {
            let v = u.value
            if (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                found.append(String(format: "U+%04X", v))
                if found.count >= 5 { break }
            }
        }
        return found
    }
}


func stressKill(_ pid: pid_t, _ sig: Int32) -> Int32 { kill(pid, sig) }
