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
    /// What the server holds, where known: lets a push send only the change of the undo stacks.
    private var serverStacks: [String: AutosaveJournal.Stacks] = [:]
    private(set) var offline = false
    private var waitingCount = 0
    private(set) var lastError: LibraryError?
    /// Called after each push with the pushed view's write time (benchmarks measure the delay).
    var onPushed: (@Sendable (Int64) -> Void)?
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

    func knowServer(_ dataKey: String, _ s: AutosaveJournal.Stacks) { lock.withLock { serverStacks[dataKey] = s } }

    func setOffline(_ on: Bool) {
        lock.withLock { offline = on }
        report()
    }

    private func loop() {
        while true {
            let retry = lock.withLock { offline || lastError != nil }
            _ = wake.wait(timeout: .now() + (retry ? 1 : 30))
            if lock.withLock({ stopped }) { return }
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
                try push(e)
                journal.pushed(e)
                onPushed?(e.view.savedAt)
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
        let known = lock.withLock { serverStacks[e.dataKey] }
        let upsert = PostgresQuery(unsafeSQL: """
            INSERT INTO dataviewer.autosave (data_key, settings, session_name, baseline, place, saved_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (owner, data_key) DO UPDATE SET settings = excluded.settings, session_name = excluded.session_name,
                baseline = excluded.baseline, place = excluded.place, saved_at = excluded.saved_at
            """, binds: binds(e.dataKey, e.view.settings, e.view.sessionName, e.view.baseline, e.view.place, e.view.savedAt))
        guard let s = e.stacks else {
            // The view alone is one statement, atomic by itself: one round trip, not three.
            _ = try db.query(upsert)
            return
        }
        try db.transaction { tx throws(LibraryError) in
            try tx.run(upsert)
            try TeamLibrary.apply(Self.change(from: known ?? .init(past: [], future: []), to: s, known: known != nil), tx, dataKey: e.dataKey)
        }
        knowServer(e.dataKey, s)
    }

    /// The stacks' change as keep-and-append; with unknown server stacks, everything is replaced.
    static func change(from old: AutosaveJournal.Stacks, to new: AutosaveJournal.Stacks, known: Bool) -> HistoryChange {
        func split(_ a: [String], _ b: [String]) -> (Int, [String]) {
            guard known else { return (0, b) }
            var i = 0
            while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
            return (i, Array(b[i...]))
        }
        let (pk, pa) = split(old.past, new.past)
        let (fk, fa) = split(old.future, new.future)
        return HistoryChange(pastKeep: pk, pastAppend: pa, futureKeep: fk, futureAppend: fa)
    }
}

extension TeamLibrary {
    public func writeAutosave(owner: String, dataKey: String, _ view: AutosaveDocument, history: HistoryChange?) throws(LibraryError) -> Int64 {
        try mine(owner)
        var v = view
        v.savedAt = view.savedAt > 0 ? view.savedAt : libraryNow()
        let toStore: AutosaveJournal.Stacks? = state.withLock {
            var base = self.stacks[dataKey] ?? pusher.journal.entry(dataKey)?.stacks
            if let history {
                var s = base ?? .init(past: [], future: [])
                history.apply(to: &s.past, &s.future)
                base = s
            }
            if let base { self.stacks[dataKey] = base }
            return history == nil ? nil : base
        }
        let waiting = try pusher.journal.put(dataKey, v, stacks: toStore)
        pusher.poke(waiting: waiting)
        return v.savedAt
    }

    public func autosaveDocument(owner: String, dataKey: String) throws(LibraryError) -> AutosaveDocument? {
        try mine(owner)
        if let e = pusher.journal.entry(dataKey) { return e.view }  // not yet on the server: the newest
        // The server gone: the last view this machine knows.
        if pusher.isOffline, let e = pusher.journal.lastKnown(dataKey) { return e.view }
        try reachable()
        let rows = try db.query("SELECT settings, session_name, baseline, place, saved_at FROM dataviewer.autosave WHERE owner = current_user AND data_key = \(dataKey)")
        guard let row = rows.first, let (s, n, b, p, at) = try? row.decode((String, String?, String?, String?, Int64).self) else { return nil }
        return AutosaveDocument(settings: s, sessionName: n, baseline: b, place: p, savedAt: at)
    }

    public func historyDocuments(owner: String, dataKey: String) throws(LibraryError) -> (past: [String], future: [String]) {
        try mine(owner)
        let known = pusher.journal.entry(dataKey) ?? (pusher.isOffline ? pusher.journal.lastKnown(dataKey) : nil)
        if let s = known?.stacks {
            state.withLock { self.stacks[dataKey] = s }
            return (s.past, s.future)
        }
        try reachable()
        let rows = try db.query("SELECT stack, settings FROM dataviewer.history WHERE owner = current_user AND data_key = \(dataKey) ORDER BY stack, position")
        var past: [String] = [], future: [String] = []
        for r in rows {
            guard let (stack, s) = try? r.decode((String, String).self) else { continue }
            if stack == "past" { past.append(s) } else { future.append(s) }
        }
        let s = AutosaveJournal.Stacks(past: past, future: future)
        state.withLock { stacks[dataKey] = s }
        pusher.knowServer(dataKey, s)
        return (past, future)
    }

    /// `offline · 3 changes waiting` while the server cannot be reached; nil when all arrived.
    public var pendingStatus: String? { pusher.status }

    /// Reports each autosave as it reaches the server, with its write time (for benchmarks).
    public func onAutosavePushed(_ f: @escaping @Sendable (Int64) -> Void) { pusher.onPushed = f }

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
