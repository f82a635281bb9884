import Foundation
import LibraryViews
import PostgresHarness
import TeamLibrary
import ViewCore

/// 50 people on one team library for `seconds`: each makes 10 view changes a second (autosave,
/// with the undo history's change)
/// and opens the sessions dialog every 5 s, on a library of 10,000 sessions. Prints lost changes,
/// errors, autosave-to-server p99, dialog-open p99 and the peak number of server connections.
func benchTeam(users: Int = 50, seconds: Double = 60, history withHistory: Bool = true) throws {
    guard let server = try PostgresServer.makePrivate() else {
        print("== team library: skipped (PostgreSQL's server binaries are not installed)")
        return
    }
    defer { try? server.stop() }
    let db = try server.makeDatabase(initialised: true) { url in
        _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: server.environment(user: PostgresServer.superuser)))
    }
    let names = (1...users).map { "bench\($0)" }
    try server.psql("postgres", names.map { "CREATE ROLE \($0) LOGIN PASSWORD 'pw-\($0)' IN ROLE dataviewer_users;" }.joined(separator: "\n"))
    var settings = ViewSettings()
    settings.series.selected = (0..<20).map { "Station \($0) · PM10" }
    let base = settings
    let doc = SettingsDocument.encode(settings).replacingOccurrences(of: "'", with: "''")
    try server.psql(db, """
        INSERT INTO dataviewer.session (owner, name, settings, shareable, share_token, created_at, updated_at)
        SELECT 'bench' || (1 + i % \(users)), 'session ' || i, '\(doc)', i % 3 = 0, CASE WHEN i % 3 = 0 THEN md5(i::text) END, i, i
        FROM generate_series(1, 10000) AS i;
        ANALYZE;
        """)
    print("== team library: \(users) users × 10 changes/s for \(Int(seconds)) s, dialog every 5 s, 10,000 sessions (\(10_000 / users) each), "
          + (withHistory ? "each change with its undo history (as the viewer makes them)" : "the view alone (no undo history)"))
    let dir = NSTemporaryDirectory() + "dv-bench-team-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    let t = Tally()
    let lock = t.lock
    let stop = Date().addingTimeInterval(seconds)
    let monitor = Thread {
        while Date() < stop.addingTimeInterval(2) {
            if let out = try? server.psql(db, "SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = '\(db)'"),
               let n = Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) {
                lock.withLock { t.peakConnections = max(t.peakConnections, n) }
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }
    monitor.start()
    let group = DispatchGroup()
    for (u, name) in names.enumerated() {
        group.enter()
        let worker = Thread {
            defer { group.leave() }
            do {
                var env = server.environment(user: name)
                env["PGPASSWORD"] = "pw-\(name)"
                let lib = try TeamLibrary(TeamAddress.parse(server.url(db), environment: env), journal: "\(dir)/journal-\(u).sqlite")
                lib.watch { _ in }  // as the viewer does: a second connection that listens
                lib.onAutosavePushed { at, statement in
                    let d = Double(Int64(Date().timeIntervalSince1970 * 1000) - at)
                    lock.withLock {
                        t.pushDelays.append(d)
                        t.statementTimes.append(statement * 1000)
                        t.beforeStatement.append(max(0, d - statement * 1000))
                    }
                }
                var s = base
                var last = ""
                var tick = 0
                // Each change goes on the undo history as in the viewer (trimmed the viewer's way),
                // so every autosave carries its history change too.
                var history = UndoHistory()
                let start = Date()
                while Date() < stop {
                    let before = history
                    history.past.append(s)
                    if history.past.count > UndoHistory.limit + 20 { history.past.removeFirst(history.past.count - UndoHistory.limit) }
                    s.plot.span = Int64(3_600_000 + tick)
                    _ = try lib.autosave(owner: name, dataKey: "/data/air.csv", settings: s, sessionName: nil, savedSettings: nil,
                                         place: ViewPlace(focus: .plot, cursor: tick % 40),
                                         history: withHistory ? HistoryDelta(from: before, to: history) : nil)
                    last = SettingsDocument.encode(s)
                    lock.withLock { t.changes += 1 }
                    if tick % 50 == u % 50 {
                        let t0 = now()
                        let rows = try lib.summaries(owner: name)
                        let ms = (now() - t0) * 1000
                        lock.withLock { t.dialogTimes.append(ms) }
                        if rows.count != 10_000 / users { lock.withLock { t.errors.append("\(name) saw \(rows.count) sessions") } }
                    }
                    tick += 1
                    let next = start.addingTimeInterval(Double(tick) / 10)
                    let wait = next.timeIntervalSinceNow
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                }
                lib.flush()
                let back = try lib.autosaveDocument(owner: name, dataKey: "/data/air.csv")
                if back?.settings != last { lock.withLock { t.lost += 1 } }
            } catch {
                lock.withLock { t.errors.append("\(name): \(error)") }
            }
        }
        worker.start()
    }
    group.wait()
    // The server's own copy, read fresh, decides whether anything was lost.
    let onServer = try server.psql(db, "SELECT count(*) FROM dataviewer.autosave")
    let p = percentiles(t.pushDelays), d = percentiles(t.dialogTimes)
    print("changes made:          \(t.changes)  (pushes \(t.pushDelays.count); coalesced when a push was in flight)")
    print("lost changes:          \(t.lost)   (users whose last view is not the server's; \(onServer.trimmingCharacters(in: .whitespacesAndNewlines)) autosave rows)")
    print("errors:                \(t.errors.count)\(t.errors.first.map { "  first: \($0)" } ?? "")")
    print(String(format: "autosave to server:    p50 %.1f ms   p99 %.1f ms   max %.1f ms", p.p50, p.p99, p.max))
    let st = percentiles(t.statementTimes), w = percentiles(t.beforeStatement)
    print(String(format: "  of which the statement (sent → server's answer): p50 %.1f ms   p99 %.1f ms   max %.1f ms", st.p50, st.p99, st.max))
    print(String(format: "  and before it (journal, wake, coalescing wait): p50 %.1f ms   p99 %.1f ms   max %.1f ms", w.p50, w.p99, w.max))
    print(String(format: "dialog open (list):    p50 %.1f ms   p99 %.1f ms   max %.1f ms   (%d opens)", d.p50, d.p99, d.max, t.dialogTimes.count))
    print("peak server connections: \(t.peakConnections)  (\(String(format: "%.2f", Double(t.peakConnections) / Double(users))) per user)")
}

/// What the benchmark's threads count, under one lock.
final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var pushDelays: [Double] = [], statementTimes: [Double] = [], beforeStatement: [Double] = []
    var dialogTimes: [Double] = [], errors: [String] = []
    var lost = 0, changes = 0, peakConnections = 0
}
