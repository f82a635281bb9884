import Foundation
import Testing

/// Eight workers at once on one library that none of them has created yet: each runs
/// `sessions import | import --force | rename | delete | share | unshare` one after another on its
/// own names, and now and then on a few names all workers of the same user fight over. No stderr
/// may mention a lock or a busy library; every failure must be one of the expected sentences
/// (`already exists`, `there is no session named`); afterwards the library passes
/// `integrity_check` and holds exactly what each worker's successful operations imply for its names.
@Suite("Hardening: concurrency stress (E2E)", .serialized, .timeLimit(.minutes(2)))
struct ConcurrencyStressE2ETests {
    static let workers = 8
    static let maxOpsPerWorker = 100
    static let timeBudget: Duration = .seconds(30)
    static let sharedNames = ["shared 0", "shared 1", "shared 2"]
    static let expectedSentences = ["already exists", "there is no session named"]

    struct WorkerReport: Sendable {
        var worker = 0
        var user = ""
        var ops: [String: Int] = [:]
        var conflicts = 0
        /// Own names → shareable, as the worker's successful operations left them.
        var own: [String: Bool] = [:]
        var lockMessages: [String] = []
        var failures: [String] = []
        var total: Int { ops.values.reduce(0, +) }
    }

    @Test("8 workers × import/rename/delete/share on one library: no lock errors, expected conflicts only, nothing lost")
    func eightWorkers() async throws {
        let lab = try StressLab()
        var docs: [String] = []
        for s in ["line", "bar", "scatter", "step"] { docs.append(try lab.home.write("doc-\(s).json", StressLab.settingsDocument(style: s))) }
        let seed = ProcessInfo.processInfo.environment["DV_E2E_SEED"].flatMap(UInt64.init) ?? 8_008_135
        let started = ContinuousClock.now
        let deadline = started + Self.timeBudget
        let documents = docs

        let reports = try await withThrowingTaskGroup(of: WorkerReport.self) { group in
            for w in 0..<Self.workers {
                group.addTask {
                    var rng = SeededRandom(seed: seed &+ UInt64(w) &* 6151)
                    return try await Self.work(lab: lab, worker: w, docs: documents, deadline: deadline, rng: &rng)
                }
            }
            var all: [WorkerReport] = []
            for try await r in group { all.append(r) }
            return all.sorted { $0.worker < $1.worker }
        }
        let elapsed = ContinuousClock.now - started

        let locks = reports.flatMap(\.lockMessages)
        #expect(locks.isEmpty, "\(locks.count) operations reported a lock or a busy library:\n\(locks.prefix(5).joined(separator: "\n"))")
        let failures = reports.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.count) operations failed unexpectedly:\n\(failures.prefix(8).joined(separator: "\n"))")

        let integrity = try lab.integrityCheck()
        #expect(integrity == "ok", "PRAGMA integrity_check: \(integrity)")

        var checked = 0
        for user in ["ana", "bob"] {
            let listed = try await lab.sessions(user: user)
            let byName = Dictionary(listed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byName.count == listed.count, "\(user): a name is listed twice")
            for r in reports where r.user == user {
                let prefix = "w\(r.worker) "
                let mine = Set(listed.map(\.name).filter { $0.hasPrefix(prefix) })
                #expect(mine == Set(r.own.keys),
                        "worker \(r.worker): listed \(mine.subtracting(r.own.keys).sorted()) extra, \(Set(r.own.keys).subtracting(mine).sorted()) missing")
                for (n, shareable) in r.own {
                    guard let s = byName[n] else { continue }
                    #expect(s.shareable == shareable, "\(n): shareable \(s.shareable), the worker's last write made it \(shareable)")
                    #expect((s.link != nil) == s.shareable, "\(n): link \(s.link ?? "none") with shareable \(s.shareable)")
                }
            }
            // The fought-over names (and a few of the others) export whole.
            let sample = listed.map(\.name).filter { !$0.hasPrefix("w") } + listed.map(\.name).filter { $0.hasPrefix("w") }.prefix(6)
            for n in sample {
                _ = try await lab.exportedStyle(n, user: user)
                checked += 1
            }
            #expect(listed.allSatisfy { !$0.name.hasPrefix("shared") || Self.sharedNames.contains($0.name) })
        }

        let total = reports.map(\.total).reduce(0, +)
        var ops: [String: Int] = [:]
        for r in reports { ops.merge(r.ops, uniquingKeysWith: +) }
        let conflicts = reports.map(\.conflicts).reduce(0, +)
        print("concurrency stress (seed \(seed)): \(Self.workers) workers, \(total) operations in \(String(format: "%.1f s", Double(elapsed / .milliseconds(1)) / 1000)) "
              + "(\(ops.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))); "
              + "\(conflicts) refused with an expected sentence, \(locks.count) lock/busy messages, \(failures.count) unexpected failures; "
              + "integrity \(integrity); \(checked) sessions exported whole")
        #expect(total >= Self.workers * 4, "only \(total) operations ran")
    }

    static func work(lab: StressLab, worker w: Int, docs: [String], deadline: ContinuousClock.Instant,
                     rng: inout SeededRandom) async throws -> WorkerReport {
        var report = WorkerReport(worker: w, user: w % 2 == 0 ? "ana" : "bob")
        var counter = 0
        func fresh() -> String { counter += 1; return "w\(w) \(counter)" }

        for _ in 0..<Self.maxOpsPerWorker {
            if ContinuousClock.now >= deadline { break }
            let doc = docs.randomElement(using: &rng)!
            let own = report.own.keys.sorted().randomElement(using: &rng)
            let shared = Self.sharedNames.randomElement(using: &rng)!
            let roll = Int.random(in: 0..<100, using: &rng)
            let op: String, args: [String], mayConflict: Bool
            var onSuccess: (inout WorkerReport, String) -> Void = { _, _ in }
            switch own == nil ? 0 : roll {
            case 0..<25:
                let n = fresh()
                (op, args, mayConflict) = ("import", ["sessions", "import", doc, "--name", n], false)
                onSuccess = { r, _ in r.own[n] = false }
            case 25..<35:
                (op, args, mayConflict) = ("import --force", ["sessions", "import", doc, "--name", own!, "--force"], false)
            case 35..<47:
                let n = fresh()
                (op, args, mayConflict) = ("rename", ["sessions", "rename", own!, n], false)
                onSuccess = { r, _ in r.own[n] = r.own.removeValue(forKey: own!) }
            case 47..<55:
                (op, args, mayConflict) = ("delete", ["sessions", "delete", own!, "--yes"], false)
                onSuccess = { r, _ in r.own[own!] = nil }
            case 55..<63:
                (op, args, mayConflict) = ("share", ["sessions", "share", own!], false)
                onSuccess = { r, out in
                    r.own[own!] = true
                    if !out.hasPrefix("dataviewer://") { r.failures.append("share \(own!) printed \(out)") }
                }
            case 63..<70:
                (op, args, mayConflict) = ("unshare", ["sessions", "unshare", own!], false)
                onSuccess = { r, _ in r.own[own!] = false }
            case 70..<78:
                (op, args, mayConflict) = ("import shared", ["sessions", "import", doc, "--name", shared], true)
            case 78..<83:
                (op, args, mayConflict) = ("import --force shared", ["sessions", "import", doc, "--name", shared, "--force"], false)
            case 83..<89:
                (op, args, mayConflict) = ("delete shared", ["sessions", "delete", shared, "--yes"], true)
            case 89..<95:
                (op, args, mayConflict) = ("rename into shared", ["sessions", "rename", own!, shared], true)
                onSuccess = { r, _ in r.own[own!] = nil }
            default:
                (op, args, mayConflict) = ("share shared", ["sessions", "share", shared], true)
            }
            report.ops[op, default: 0] += 1
            let r = try await lab.run(args, user: report.user, timeout: .seconds(60))
            let err = r.stderrText
            if err.localizedCaseInsensitiveContains("locked") || err.localizedCaseInsensitiveContains("busy") {
                report.lockMessages.append("worker \(w) \(op): \(err)")
            }
            if r.signaled {
                report.failures.append("worker \(w) \(op): died of signal \(r.status)")
            } else if r.status == 0 {
                if !err.isEmpty { report.failures.append("worker \(w) \(op): exit 0 but stderr: \(err)") }
                onSuccess(&report, r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
            } else if mayConflict && Self.expectedSentences.contains(where: err.contains) && err.split(separator: "\n").count == 1 {
                report.conflicts += 1
            } else {
                report.failures.append("worker \(w) \(op) \(args.dropFirst(2).joined(separator: " ")): exit \(r.status): \(err)")
            }
        }
        return report
    }
}
