import Foundation
import LibraryCore
import PostgresNIO

/// Autosave on a team library: into the local journal at once (typing never waits for the
/// network), then pushed to the server by a background thread, in order, latest view per data set.
final class AutosavePusher: @unchecked Sendable {
    let journal: AutosaveJournal
    private let db: TeamConnection
    private let lock = NSLock()
    private let pushing = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var stopped = false
    private var thread: Thread?
    private(set) var offline = false
    private var waitingCount = 0
    private(set) var lastError: LibraryError?
    /// Called after each push with the pushed view's write time and the seconds its statement took
    /// (benchmarks measure the delay and which part of it the server's answer is).
    var onPushed: (@Sendable (Int64, Double) -> Void)?
    /// Told when what the title bar says about waiting writes changes.
    private var onStatus: (@Sendable (String?) -> Void)?
    private var reported: String?

    /// Run before pushing while the server was gone (or not seen yet): it must be back, and ours.
    private let probe: () throws(LibraryError) -> Void

    init(journal: AutosaveJournal, db: TeamConnection, offline: Bool = false, probe: @escaping () throws(LibraryError) -> Void) {
        self.journal = journal
        self.db = db
        self.offline = offline
        self.probe = probe
        waitingCount = journal.waiting
    }

    func start() {
        let t = Thread { [weak self] in
            self?.loop()
            self?.finished.signal()
        }
        t.name = "dataviewer-autosave-push"
        thread = t
        t.start()
        wake.signal()  // a journal left by an earlier run (kill -9 while offline) goes first
    }

    /// Ends the background thread and waits for it (it must not use the connection after this).
    func stop() {
        lock.withLock { stopped = true }
        wake.signal()
        if thread != nil { _ = finished.wait(timeout: .now() + 15) }
        thread = nil
    }

    func poke(waiting: Int) {
        lock.withLock { waitingCount = waiting }
        report()
        wake.signal()
    }

    /// `offline · 3 changes waiting` while the server cannot be reached; nil when all arrived.
    var status: String? {
        lock.withLock { Self.status(waiting: waitingCount, offline: offline) }
    }

    static func status(waiting n: Int, offline: Bool) -> String? {
        guard offline else { return nil }
        return n == 0 ? "offline" : "offline · \(n) change\(n == 1 ? "" : "s") waiting"
    }

    /// Tells `f` the status now (when there is one) and whenever it changes.
    func watchStatus(_ f: @escaping @Sendable (String?) -> Void) {
        let now: String? = lock.withLock {
            onStatus = f
            reported = Self.status(waiting: waitingCount, offline: offline)
            return reported
        }
        if now != nil { f(now) }
    }

    /// Says the status to the watcher when it changed (outside the lock: the watcher may post anywhere).
    private func report() {
        let (f, text): ((@Sendable (String?) -> Void)?, String?) = lock.withLock {
            let now = Self.status(waiting: waitingCount, offline: offline)
            guard now != reported else { return (nil, nil) }
            reported = now
            return (onStatus, now)
        }
        f?(text)
    }

    var isOffline: Bool { lock.withLock { offline } }
    var waiting: Int { lock.withLock { waitingCount } }

    func setOffline(_ on: Bool) {
        lock.withLock { offline = on }
        report()
    }

    /// Pushes start at most this often: a held key's changes (30 a second) become one statement per
    /// interval carrying the newest view, not one each; a change that follows a quiet moment goes at once.
    /// 80 ms: under the 100 ms between the changes of a steady stream, so such a stream is never held back.
    static let pushInterval: TimeInterval = 0.08

    private func loop() {
        var lastStart = 0.0
        while true {
            let retry = lock.withLock { offline || lastError != nil }
            _ = wake.wait(timeout: .now() + (retry ? 1 : 30))
            if lock.withLock({ stopped }) { return }
            let since = ProcessInfo.processInfo.systemUptime - lastStart
            if since < Self.pushInterval { Thread.sleep(forTimeInterval: Self.pushInterval - since) }
            // Pokes that came while waiting are all answered by this push (it sends the newest view).
            while wake.wait(timeout: .now()) == .success {}
            if lock.withLock({ stopped }) { return }
            lastStart = ProcessInfo.processInfo.systemUptime
            pushAll()
        }
    }

    /// Sends every journal entry; stops at the first failure (to retry later, in order). One push
    /// at a time: a flush beside the background thread must not send an older view after a newer.
    @discardableResult
    func pushAll() -> Bool {
        pushing.lock()
        defer { pushing.unlock() }
        if lock.withLock({ offline || lastError != nil }) {
            do { try probe() } catch {
                lock.withLock {
                    if case .unreachable = error { offline = true } else { lastError = error }
                }
                report()
                return false
            }
        }
        for e in journal.entries() {
            do {
                let sent = ProcessInfo.processInfo.systemUptime
                try push(e)
                // The server has it now; the journal's bookkeeping follows.
                onPushed?(e.view.savedAt, ProcessInfo.processInfo.systemUptime - sent)
                journal.pushed(e)
                lock.withLock { offline = false; lastError = nil; waitingCount = journal.waiting }
                report()
            } catch {
                lock.withLock {
                    if case .unreachable = error { offline = true } else { lastError = error }
                }
                report()
                return false
            }
        }
        lock.withLock { offline = false }
        report()
        return true
    }

    private func push(_ e: AutosaveJournal.Entry) throws(LibraryError) {
        var b = binds(e.dataKey, e.view.settings, e.view.sessionName, e.view.baseline, e.view.place, e.view.savedAt)
        guard let h = e.history else { return try db.execute(ViewPush(bindings: b)) }
        b.append(h.pastStart); b.append(h.pastEnd); b.append(h.futureEnd)
        b.append(h.rows.map { $0.stack == 0 ? "past" : "future" })
        b.append(h.rows.map { $0.position })
        b.append(h.rows.map { $0.settings })
        try db.execute(ViewAndHistoryPush(bindings: b))
    }
}

/// The view of one data file, replacing the one before.
private struct ViewPush: PostgresPreparedStatement {
    typealias Row = ()
    static let name = "dataviewer_push_view"
    static let sql = """
        INSERT INTO dataviewer.autosave (data_key, settings, session_name, baseline, place, saved_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (owner, data_key) DO UPDATE SET settings = excluded.settings, session_name = excluded.session_name,
            baseline = excluded.baseline, place = excluded.place, saved_at = excluded.saved_at
        """
    let bindings: PostgresBindings
    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) {}
}

/// One statement, atomic by itself and one round trip: the view, each stack cut to its positions,
/// and the entries that changed. The cut and the written rows never meet.
private struct ViewAndHistoryPush: PostgresPreparedStatement {
    typealias Row = ()
    static let name = "dataviewer_push_view_history"
    static let sql = """
        WITH view AS (\(ViewPush.sql) RETURNING 1),
        cut AS (DELETE FROM dataviewer.history WHERE owner = \(TeamLibrary.me) AND data_key = $1
                AND ((stack = 'past' AND (position < $7 OR position >= $8)) OR (stack = 'future' AND position >= $9))),
        changed AS (INSERT INTO dataviewer.history (data_key, stack, position, settings)
                SELECT $1, t.stack, t.position, t.settings FROM unnest($10::text[], $11::int[], $12::text[]) AS t(stack, position, settings)
                ON CONFLICT (owner, data_key, stack, position) DO UPDATE SET settings = excluded.settings)
        SELECT count(*) FROM view
        """
    let bindings: PostgresBindings
    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) {}
}

extension TeamLibrary {
    public func writeAutosave(owner: String, dataKey: String, _ view: AutosaveDocument, history: HistoryChange?) throws(LibraryError) -> Int64 {
        try mine(owner)
        var v = view
        v.savedAt = view.savedAt > 0 ? view.savedAt : libraryNow()
        let waiting = try pusher.journal.put(dataKey, v, history: history)
        pusher.poke(waiting: waiting)
        return v.savedAt
    }

    public func autosaveDocument(owner: String, dataKey: String) throws(LibraryError) -> AutosaveDocument? {
        try mine(owner)
        if let e = pusher.journal.entry(dataKey) { return e.view }  // not yet on the server: the newest
        // The server gone: the last view this machine knows.
        if pusher.isOffline, let e = pusher.journal.lastKnown(dataKey) { return e.view }
        try reachable()
        let rows = try db.query("SELECT settings, session_name, baseline, place, saved_at FROM dataviewer.autosave WHERE owner = \(unescaped: TeamLibrary.me) AND data_key = \(dataKey)")
        guard let row = rows.first, let (s, n, b, p, at) = try? row.decode((String, String?, String?, String?, Int64).self) else { return nil }
        return AutosaveDocument(settings: s, sessionName: n, baseline: b, place: p, savedAt: at)
    }

    public func historyDocuments(owner: String, dataKey: String) throws(LibraryError) -> (past: [String], future: [String]) {
        try mine(owner)
        // Changes of this machine's not yet on the server, or the server gone: the stacks as known here.
        if pusher.journal.stacksWaiting(dataKey) || pusher.isOffline, let s = pusher.journal.stacks(dataKey) { return (s.past, s.future) }
        try reachable()
        let rows = try db.query("SELECT stack, position, settings FROM dataviewer.history WHERE owner = \(unescaped: TeamLibrary.me) AND data_key = \(dataKey) ORDER BY stack, position")
        var past: [(Int, String)] = [], future: [(Int, String)] = []
        for r in rows {
            guard let (stack, position, s) = try? r.decode((String, Int, String).self) else { continue }
            if stack == "past" { past.append((position, s)) } else { future.append((position, s)) }
        }
        pusher.journal.know(dataKey, .init(past: past, future: future))
        return (past.map(\.1), future.map(\.1))
    }

    /// `offline · 3 changes waiting` while the server cannot be reached; nil when all arrived.
    public var pendingStatus: String? { pusher.status }

    /// Reports each autosave as it reaches the server, with its write time (ms since 1970) and the
    /// seconds its statement took (for benchmarks).
    public func onAutosavePushed(_ f: @escaping @Sendable (Int64, Double) -> Void) { pusher.onPushed = f }

    /// Sends what the journal holds now and waits for it (the CLI and tests; the viewer never waits).
    @discardableResult
    public func flush() -> Bool { pusher.pushAll() }

    /// Named saves, deletes and shares need the server: refused at once while it is known to be gone.
    func online<T>(_ what: String, _ body: () throws(LibraryError) -> T) throws(LibraryError) -> T {
        if pusher.isOffline { throw .offline(library: address.display, what: what) }
        do { return try body() } catch .unreachable {
            pusher.setOffline(true)
            pusher.poke(waiting: pusher.waiting)
            throw .offline(library: address.display, what: what)
        }
    }
}
