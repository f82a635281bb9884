import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Libraries that cannot be used as they are: damaged files, a newer schema, a
/// read-only file or folder, a full disk. Every command answers with one sentence and a non-zero
/// exit for writes, nothing dies of a signal, and a refused file is left byte for byte.
@Suite("Hardening: damaged library (E2E)", .serialized, .timeLimit(.minutes(2)))
struct DamagedLibraryE2ETests {
    enum Damage: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case truncated, randomBytes, sqliteHeaderThenGarbage, newerSchema, readOnlyFile, readOnlyFolder
        var testDescription: String { rawValue }

        var sentence: String {
            switch self {
            case .truncated, .randomBytes, .sqliteHeaderThenGarbage: return "is not a dataviewer library"
            case .newerSchema: return "was written by a newer dataviewer"
            case .readOnlyFile, .readOnlyFolder: return "is read-only"
            }
        }
    }

    static let reads: [[String]] = [["sessions", "list", "--json"], ["sessions", "export", "Alpha"], ["render", "DATA", "--size", "80x24", "--fresh"]]
    static let writes: [[String]] = [["sessions", "import", "DOC", "--name", "New one"], ["sessions", "rename", "Alpha", "Alpha 2"],
                                     ["sessions", "delete", "Alpha", "--yes"], ["sessions", "share", "Alpha"], ["sessions", "unshare", "Shared"]]

    /// A real library with three sessions (one shared), written by dataviewer itself.
    static func realLibrary(_ lab: StressLab, at path: String) async throws {
        let doc = try lab.home.write("seed.json", StressLab.settingsDocument(style: "bar"))
        for n in ["Alpha", "Beta", "Shared"] { try await lab.ok(["sessions", "import", doc, "--name", n], user: "ana", library: path) }
        try await lab.ok(["sessions", "share", "Shared"], user: "ana", library: path)
    }

    /// Sets or clears the immutable attribute (root ignores permission bits, not this).
    static func chattr(_ flag: String, _ path: String) -> Bool {
        guard let c = ProcessRunner.which("chattr"), let r = try? ProcessRunner.runSync(c, [flag, path]) else { return false }
        return r.status == 0
    }

    /// Whether a library can be made read-only here: as root, permission bits do not stop writes,
    /// so it takes `chattr +i`, which not every file system (or container) allows.
    static let canMakeReadOnly: Bool = {
        guard getuid() == 0 else { return true }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("dv-chattr-probe-\(getpid())").path
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
        defer { _ = chattr("-i", probe); try? FileManager.default.removeItem(atPath: probe) }
        return chattr("+i", probe)
    }()

    /// Whether a tiny tmpfs can be mounted (root, and a system that lets us).
    static let canMountSmallDisk: Bool = {
        guard getuid() == 0, let mount = ProcessRunner.which("mount"), let umount = ProcessRunner.which("umount") else { return false }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dv-tmpfs-probe-\(getpid())").path
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard (try? ProcessRunner.runSync(mount, ["-t", "tmpfs", "-o", "size=256k", "tmpfs", dir]))?.status == 0 else { return false }
        _ = try? ProcessRunner.runSync(umount, [dir])
        return true
    }()

    @Test("a damaged or newer library: one sentence per command, writes refused, the file byte for byte",
          arguments: Damage.allCases.filter { $0 != .readOnlyFile && $0 != .readOnlyFolder })
    func damaged(_ damage: Damage) async throws { try await check(damage) }

    @Test("a read-only library file or folder: one sentence per command, writes refused, the file byte for byte",
          .enabled(if: canMakeReadOnly, "running as root, where chmod does not stop writes, and chattr +i does not work here"),
          arguments: [Damage.readOnlyFile, .readOnlyFolder])
    func readOnly(_ damage: Damage) async throws { try await check(damage) }

    func check(_ damage: Damage) async throws {
        let lab = try StressLab()
        let data = try lab.home.write("wide.csv", DataFiles.wideCSV(rows: 30))
        let doc = try lab.home.write("doc.json", StressLab.settingsDocument(style: "step"))
        let real = lab.home.url.appendingPathComponent("real.sqlite").path
        try await Self.realLibrary(lab, at: real)
        let realBytes = try Data(contentsOf: URL(fileURLWithPath: real))
        #expect(!FileManager.default.fileExists(atPath: real + "-wal"), "the real library should be closed cleanly")

        let folder = lab.home.url.appendingPathComponent("libs").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/library.sqlite"
        var rng = SeededRandom(seed: 4242)
        func garbage(_ n: Int) -> Data { Data((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }) }
        var undo: () -> Void = {}
        defer { undo() }
        var note = ""
        switch damage {
        case .truncated:
            try realBytes.prefix(realBytes.count / 2).write(to: URL(fileURLWithPath: path))
        case .randomBytes:
            try garbage(8192).write(to: URL(fileURLWithPath: path))
        case .sqliteHeaderThenGarbage:
            try (Data("SQLite format 3\0".utf8) + garbage(8176)).write(to: URL(fileURLWithPath: path))
        case .newerSchema:
            try realBytes.write(to: URL(fileURLWithPath: path))
            _ = try StressLab.sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from a newer dataviewer')")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "sqlite3 should have closed the file cleanly")
        case .readOnlyFile, .readOnlyFolder:
            try realBytes.write(to: URL(fileURLWithPath: path))
            let target = damage == .readOnlyFile ? path : folder
            if getuid() == 0 {
                // Root writes through permission bits; the immutable attribute stops it.
                guard Self.chattr("+i", target) else {
                    Issue.record("chattr +i worked on a probe file but not on \(target)")
                    return
                }
                undo = { _ = Self.chattr("-i", target) }
                note = " (as root: chattr +i instead of chmod)"
            } else {
                chmod(target, damage == .readOnlyFile ? 0o444 : 0o555)
                undo = { chmod(target, damage == .readOnlyFile ? 0o644 : 0o755) }
            }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let siblingsBefore = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()

        var messages: Set<String> = []
        var summary: [String] = []
        for (command, isWrite) in Self.reads.map({ ($0, false) }) + Self.writes.map({ ($0, true) }) {
            let args = command.map { $0 == "DOC" ? doc : $0 == "DATA" ? data : $0 }
            let r = try await lab.run(args, user: "ana", library: path)
            let label = command.prefix(2).joined(separator: " ")
            let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!r.signaled, "\(label): died of signal \(r.status): \(err)")
            #expect(!err.contains("Fatal error") && !err.contains("GRDB") && !err.contains("SQLite error"), "\(label): internals leaked: \(err)")
            if isWrite {
                #expect(r.status != 0, "\(label) on a \(damage) library must fail; stdout: \(r.stdoutText)")
            }
            if r.status != 0 {
                #expect(err.contains(damage.sentence), "\(label): stderr should say \"\(damage.sentence)\": \(err)")
                #expect(err.split(separator: "\n").count == 1 && err.split(separator: " ").count >= 5, "\(label): one sentence: \(err)")
                #expect(err.contains("library.sqlite"), "\(label): name the file: \(err)")
                messages.insert(err.replacingOccurrences(of: path, with: "LIB"))
            }
            summary.append("\(label) → \(r.status)")
        }

        // The viewer refuses it too, with the sentence on the terminal (restored) and a non-zero status.
        let tmux = try TmuxSession([data, "--library", path, "--user", "ana"], home: lab.home)
        let status = try await tmux.waitForExit(timeout: .seconds(20))
        let screen = try tmux.screen()
        tmux.kill()
        #expect(status != 0 && status < 128, "the viewer should exit with an error, not \(status)\(screen.dump)")
        #expect(screen.contains(damage.sentence), "the viewer should say \"\(damage.sentence)\"\(screen.dump)")

        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after == before, "the \(damage) library changed: \(before.count) → \(after.count) bytes")
        let siblingsAfter = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        if damage != .readOnlyFile {
            #expect(siblingsAfter == siblingsBefore, "files appeared next to the library: \(siblingsAfter)")
        }
        let extra = Set(siblingsAfter).subtracting(siblingsBefore).sorted()
        print("damaged library [\(damage)]\(note): \(summary.joined(separator: ", ")); viewer exit \(status); "
              + "file unchanged: \(after == before)\(extra.isEmpty ? "" : "; left beside it: \(extra.joined(separator: ", "))"); "
              + "messages: \(messages.sorted().joined(separator: " | "))")
    }

    @Test("a full disk: imports refused with \"the disk is full\", the viewer keeps running, earlier sessions intact",
          .enabled(if: canMountSmallDisk, "needs root and a system that lets it mount a small tmpfs"))
    func diskFull() async throws {
        let lab = try StressLab()
        let mountPoint = lab.home.url.appendingPathComponent("small-disk").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard getuid() == 0, let mount = ProcessRunner.which("mount"), let umount = ProcessRunner.which("umount") else {
            Issue.record("mount and umount were found by the probe but not now")
            return
        }
        let m = try ProcessRunner.runSync(mount, ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint])
        guard m.status == 0 else {
            Issue.record("mounting a small tmpfs worked for the probe but not now: \(m.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
            return
        }
        var mounted = true
        func unmount() async {
            guard mounted else { return }
            for _ in 0..<20 {
                if (try? ProcessRunner.runSync(umount, [mountPoint]))?.status == 0 { mounted = false; return }
                try? await Task.sleep(for: .milliseconds(200))
            }
            _ = try? ProcessRunner.runSync(umount, ["-l", mountPoint])
            mounted = false
        }
        var tmux: TmuxSession?
        do {
            let path = mountPoint + "/library.sqlite"
            let data = try lab.home.write("wide.csv", DataFiles.wideCSV(rows: 30))
            let small = try lab.home.write("small.json", StressLab.settingsDocument(style: "bar"))
            // ~20 KB each: the 256 KB disk fills after a few.
            let long = (0..<90).map { "series \($0) " + String(repeating: "x", count: 200) }
            let big = try lab.home.write("big.json", StressLab.settingsDocument(style: "scatter", selected: long))
            for n in ["Before 1", "Before 2", "Before 3"] { try await lab.ok(["sessions", "import", small, "--name", n], user: "ana", library: path) }

            var saved = ["Before 1", "Before 2", "Before 3"], refused: [String] = [], messages: Set<String> = []
            var inARow = 0
            for k in 1...40 where inARow < 3 {
                let name = "Big \(k)"
                let r = try await lab.run(["sessions", "import", big, "--name", name], user: "ana", library: path)
                #expect(!r.signaled, "\(name): died of signal \(r.status)")
                if r.status == 0 { saved.append(name); inARow = 0; continue }
                inARow += 1
                refused.append(name)
                let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(err.contains("the disk is full"), "\(name): \(err)")
                #expect(err.split(separator: "\n").count == 1, "one sentence: \(err)")
                messages.insert(err)
            }
            #expect(!refused.isEmpty, "the 256 KB disk never filled up")

            // The viewer on the library, then the last free bytes taken: typing is not blocked, and
            // the failed autosave says what went wrong.
            let t = try TmuxSession([data, "--library", path, "--user", "ana"], home: lab.home)
            tmux = t
            try await t.waitUntil("the viewer", timeout: .seconds(30)) { StressLab.isViewer($0) }
            let filler = mountPoint + "/filler"
            let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            #expect(fd >= 0, "cannot create \(filler)")
            let chunk = [UInt8](repeating: 0x2A, count: 1024)
            while fd >= 0, chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
            if fd >= 0 { close(fd) }
            // Each key is autosaved; the WAL's existing pages take a few, then the disk is full.
            var keys = 0
            var s = try t.screen()
            while keys < 40 {
                let before = s.lines.first { $0.contains(" Plot · ") } ?? ""
                try t.send("p")
                keys += 1
                s = try await t.waitUntil("the plot style to change") { ($0.lines.first { $0.contains(" Plot · ") } ?? "") != before }
                if s.lines.last?.contains("disk is full") == true { break }
            }
            #expect(s.lines.last?.contains("disk is full") == true, "after \(keys) autosaved keys the status line should say the disk is full\(s.dump)")
            let viewerStatus = s.lines.last?.trimmingCharacters(in: .whitespaces) ?? ""
            // Typing goes on after the failure.
            let before = s.lines.first { $0.contains(" Plot · ") } ?? ""
            try t.send("p")
            s = try await t.waitUntil("the plot style to change after the failure") { ($0.lines.first { $0.contains(" Plot · ") } ?? "") != before }
            #expect(s.exitStatus == nil, "the viewer ended\(s.dump)")
            t.kill()
            tmux = nil
            // Other writes on the full disk: done, or refused with the sentence; never a crash.
            var fullDisk: [String] = []
            for args in [["sessions", "rename", "Before 1", "Renamed"], ["sessions", "share", "Before 2"], ["sessions", "import", small, "--name", "Tiny"]] {
                let r = try await lab.run(args, user: "ana", library: path)
                let err = r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(!r.signaled, "\(args[1]): died of signal \(r.status)")
                #expect(r.status == 0 || err.contains("the disk is full"), "\(args[1]): exit \(r.status): \(err)")
                fullDisk.append("\(args[1]) → \(r.status == 0 ? "done" : "refused")")
                if r.status == 0 {
                    if args[1] == "rename" { saved[0] = "Renamed" }
                    if args[1] == "import" { saved.append("Tiny") }
                }
            }
            try FileManager.default.removeItem(atPath: filler)

            let integrity = try lab.integrityCheck(path)
            #expect(integrity == "ok", "integrity_check: \(integrity)")
            let listed = try await lab.sessions(user: "ana", library: path).map(\.name)
            #expect(Set(listed) == Set(saved), "listed \(listed.sorted()), saved \(saved.sorted())")
            for n in saved { _ = try await lab.exportedStyle(n, user: "ana", library: path) }
            print("damaged library [diskFull] (tmpfs 256 KB): \(saved.count) sessions saved, \(refused.count) imports refused; "
                  + "messages: \(messages.sorted().joined(separator: " | ")); viewer after \(keys) autosaved keys: \(viewerStatus); "
                  + "then with no byte free: \(fullDisk.joined(separator: ", ")); integrity \(integrity); all \(saved.count) saved sessions export whole")
        } catch {
            tmux?.kill()
            await unmount()
            _ = lab.home.path  // the folder holding the mount point outlives the mount
            throw error
        }
        tmux?.kill()
        await unmount()
        _ = lab.home.path
    }
}
