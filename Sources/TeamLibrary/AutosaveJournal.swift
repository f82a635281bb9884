import Foundation
import GRDB
import LibraryCore

/// The local journal of a team library's autosaves (SQLite under `$XDG_STATE_HOME/dataviewer/`):
/// every autosave lands here first, so a lost server or a `kill -9` loses nothing; a background
/// pusher sends it on. One row per data set: only the latest view (and undo stacks) matter. A row
/// that reached the server stays as `pushed`: the last view this machine knows, for a start while the
/// server is gone.
final class AutosaveJournal: @unchecked Sendable {
    struct Entry {
        var dataKey: String
        var view: AutosaveDocument
        /// What of the undo/redo stacks the server does not have yet; nil leaves them as they are.
        var history: Tail?
        var seq: Int64
        var waiting: Int
    }

    /// The stacks' changed ends. Positions are the journal's and the server's alike, and never
    /// renumbered: a trim drops the oldest past entries, the server keeps past positions in
    /// `pastStart..<pastEnd` and future ones below `futureEnd`, and takes `rows` (stack 0 = past,
    /// 1 = future) in place of what it had at theirs.
    struct Tail: Equatable {
        var pastStart: Int
        var pastEnd: Int
        var futureEnd: Int
        var rows: [(stack: Int, position: Int, settings: String)]

        static func == (a: Tail, b: Tail) -> Bool {
            a.pastStart == b.pastStart && a.pastEnd == b.pastEnd && a.futureEnd == b.futureEnd
                && a.rows.elementsEqual(b.rows) { $0.stack == $1.stack && $0.position == $1.position && $0.settings == $1.settings }
        }
    }

    struct Stacks: Codable, Equatable {
        var past: [String]
        var future: [String]
    }

    let path: String
    private let queue: DatabaseQueue

    /// Reads without GRDB's read-only guard: it switches `PRAGMA query_only` on and off, and
    /// SQLite expires every prepared statement when a flag pragma changes, so each read made every
    /// cached statement compile again (13 times per autosave). The queue is serial: nothing writes
    /// between the statements of one read.
    private func read<T>(_ body: (Database) throws -> T) throws -> T { try queue.inDatabase(body) }

    static func defaultPath(for address: TeamAddress, environment env: [String: String]) -> String {
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        let name = "\(address.user)@\(address.host)_\(address.port)_\(address.database)"
            .map { $0.isLetter || $0.isNumber || "@_.-".contains($0) ? $0 : "_" }
        return state + "/dataviewer/journal-" + String(name) + ".sqlite"
    }

    init(path: String) throws(LibraryError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(5)
            // WAL with normal sync: a write per keystroke stays cheap and survives kill -9.
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS pending (dataKey TEXT PRIMARY KEY, settings TEXT NOT NULL, sessionName TEXT,
                        baseline TEXT, place TEXT, savedAt INTEGER NOT NULL, stacks TEXT, seq INTEGER NOT NULL, waiting INTEGER NOT NULL)
                    """)
                // Journals written before pushed rows were kept: add the column (they hold no pushed rows).
                if try !db.columns(in: "pending").contains(where: { $0.name == "pushed" }) {
                    try db.execute(sql: "ALTER TABLE pending ADD COLUMN pushed INTEGER NOT NULL DEFAULT 0")
                }
                // The stacks one entry a row, so that a change writes only what changed; a head row says
                // the stacks are known, and from which position on each stack the server lacks them.
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS stack_entry (dataKey TEXT NOT NULL, stack INTEGER NOT NULL, position INTEGER NOT NULL,
                        settings TEXT NOT NULL, PRIMARY KEY (dataKey, stack, position)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS stack_head (dataKey TEXT PRIMARY KEY, pastBase INTEGER NOT NULL DEFAULT 0,
                        pastDirty INTEGER, futureDirty INTEGER);
                    """)
                try Self.moveWholeStacks(db)
            }
        } catch {
            throw .cannotOpen(path: path, reason: "the local autosave journal cannot be written (\(error))")
        }
    }

    /// Journals of earlier versions kept the whole stacks in the pending row (packed, or JSON before
    /// that): they become rows, to be sent whole when not pushed yet.
    private static func moveWholeStacks(_ db: Database) throws {
        for r in try Row.fetchAll(db, sql: "SELECT dataKey, stacks, pushed FROM pending WHERE stacks IS NOT NULL") {
            let key: String = r["dataKey"], stored: DatabaseValue = r["stacks"], pushed: Int = r["pushed"]
            let s: Stacks?
            switch stored.storage {
            case .blob(let data): s = Stacks(packed: data)
            case .string(let json): s = try? JSONDecoder().decode(Stacks.self, from: Data(json.utf8))
            case .null, .int64, .double: s = nil
            }
            if let s { try replaceStacks(db, key, Positioned(s), dirty: pushed == 0 ? 0 : nil) }
            try db.execute(sql: "UPDATE pending SET stacks = NULL WHERE dataKey = ?", arguments: [key])
        }
    }

    /// Stacks with the positions they are kept at (the server's, when read from it).
    struct Positioned {
        var past: [(Int, String)]
        var future: [(Int, String)]
        init(_ s: Stacks) { past = Array(s.past.enumerated()); future = Array(s.future.enumerated()) }
        init(past: [(Int, String)], future: [(Int, String)]) { self.past = past; self.future = future }
    }

    private static func replaceStacks(_ db: Database, _ key: String, _ s: Positioned, dirty: Int?) throws {
        try db.execute(sql: "DELETE FROM stack_entry WHERE dataKey = ?", arguments: [key])
        let insert = try db.cachedStatement(sql: "INSERT INTO stack_entry (dataKey, stack, position, settings) VALUES (?, ?, ?, ?)")
        for (stack, list) in [s.past, s.future].enumerated() {
            for (position, text) in list { try insert.execute(arguments: [key, stack, position, text]) }
        }
        try db.execute(sql: """
            INSERT INTO stack_head (dataKey, pastBase, pastDirty, futureDirty) VALUES (?1, ?2, ?3, ?3)
            ON CONFLICT(dataKey) DO UPDATE SET pastBase = ?2, pastDirty = ?3, futureDirty = ?3
            """, arguments: [key, s.past.first?.0 ?? 0, dirty])
    }

    /// Records the latest view of a data set and the undo stacks' change, if any; returns how many
    /// changes now wait for the server. A change writes its own entries only, not the whole stacks.
    func put(_ dataKey: String, _ view: AutosaveDocument, history: HistoryChange?) throws(LibraryError) -> Int {
        do {
            return try queue.write { db in
                if let h = history {
                    // The past's first entry is at `base`; a trim moves it on, and nothing is renumbered.
                    let was = try Int.fetchOne(db.cachedStatement(sql: "SELECT pastBase FROM stack_head WHERE dataKey = ?"), arguments: [dataKey]) ?? 0
                    let base = was + h.pastDrop
                    if h.pastDrop > 0 {
                        try db.cachedStatement(sql: "DELETE FROM stack_entry WHERE dataKey = ? AND stack = 0 AND position < ?").execute(arguments: [dataKey, base])
                    }
                    let cut = try db.cachedStatement(sql: "DELETE FROM stack_entry WHERE dataKey = ? AND stack = ? AND position >= ?")
                    let insert = try db.cachedStatement(sql: "INSERT INTO stack_entry (dataKey, stack, position, settings) VALUES (?, ?, ?, ?)")
                    for (stack, from, append) in [(0, base + h.pastKeep, h.pastAppend), (1, h.futureKeep, h.futureAppend)] {
                        try cut.execute(arguments: [dataKey, stack, from])
                        for (i, text) in append.enumerated() { try insert.execute(arguments: [dataKey, stack, from + i, text]) }
                    }
                    // The server lacks each stack from the lowest position changed since it last had them.
                    try db.cachedStatement(sql: """
                        INSERT INTO stack_head (dataKey, pastBase, pastDirty, futureDirty) VALUES (?, ?, ?, ?)
                        ON CONFLICT(dataKey) DO UPDATE SET pastBase = excluded.pastBase,
                            pastDirty = min(coalesce(stack_head.pastDirty, excluded.pastDirty), excluded.pastDirty),
                            futureDirty = min(coalesce(stack_head.futureDirty, excluded.futureDirty), excluded.futureDirty)
                        """).execute(arguments: [dataKey, base, base + h.pastKeep, h.futureKeep])
                }
                try db.cachedStatement(sql: """
                    INSERT INTO pending (dataKey, settings, sessionName, baseline, place, savedAt, stacks, seq, waiting)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, 1, 1)
                    ON CONFLICT(dataKey) DO UPDATE SET settings = excluded.settings, sessionName = excluded.sessionName,
                        baseline = excluded.baseline, place = excluded.place, savedAt = excluded.savedAt, seq = pending.seq + 1,
                        waiting = CASE WHEN pending.pushed = 1 THEN 1 ELSE pending.waiting + 1 END, pushed = 0
                    """).execute(arguments: [dataKey, view.settings, view.sessionName, view.baseline, view.place, view.savedAt])
                return try Int.fetchOne(db.cachedStatement(sql: "SELECT sum(waiting) FROM pending WHERE pushed = 0")) ?? 0
            }
        } catch {
            throw .database("the local autosave journal could not be written (\(error))")
        }
    }

    /// What waits for the server, oldest first, each with the stacks' changed ends.
    func entries() -> [Entry] {
        (try? read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.*, h.pastBase, h.pastDirty, h.futureDirty FROM pending p LEFT JOIN stack_head h USING (dataKey)
                WHERE p.pushed = 0 ORDER BY p.savedAt
                """)).map { r in
                var e = Self.entry(r)
                let pastDirty: Int? = r["pastDirty"], futureDirty: Int? = r["futureDirty"]
                if pastDirty != nil || futureDirty != nil { e.history = try Self.tail(db, e.dataKey, base: r["pastBase"], from: [pastDirty, futureDirty]) }
                return e
            }
        }) ?? []
    }

    private static func tail(_ db: Database, _ key: String, base: Int, from: [Int?]) throws -> Tail {
        var ends = [base, 0]
        for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT stack, max(position) + 1 AS n FROM stack_entry WHERE dataKey = ? GROUP BY stack"), arguments: [key]) {
            let stack: Int = r["stack"]
            if stack == 0 || stack == 1 { ends[stack] = r["n"] }
        }
        var rows: [(stack: Int, position: Int, settings: String)] = []
        for stack in 0...1 {
            guard let f = from[stack] else { continue }
            for r in try Row.fetchAll(db.cachedStatement(sql: "SELECT position, settings FROM stack_entry WHERE dataKey = ? AND stack = ? AND position >= ? ORDER BY position"),
                                      arguments: [key, stack, f]) {
                rows.append((stack, r["position"], r["settings"]))
            }
        }
        return Tail(pastStart: base, pastEnd: ends[0], futureEnd: ends[1], rows: rows)
    }

    private static func entry(_ r: Row) -> Entry {
        Entry(dataKey: r["dataKey"],
              view: AutosaveDocument(settings: r["settings"], sessionName: r["sessionName"], baseline: r["baseline"],
                                     place: r["place"], savedAt: r["savedAt"]),
              history: nil, seq: r["seq"], waiting: r["waiting"])
    }

    /// The data set's view not yet on the server.
    func entry(_ dataKey: String) -> Entry? {
        (try? read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM pending WHERE dataKey = ? AND pushed = 0"), arguments: [dataKey]) })?
            .flatMap { $0 }.map(Self.entry)
    }

    /// The last view of a data set this machine wrote, pushed or not (for a start while the server is gone).
    func lastKnown(_ dataKey: String) -> Entry? {
        (try? read { db in try Row.fetchOne(db, sql: "SELECT * FROM pending WHERE dataKey = ?", arguments: [dataKey]) })?
            .flatMap { $0 }.map(Self.entry)
    }

    /// The whole stacks as this machine last knew them; nil when it never had them.
    func stacks(_ dataKey: String) -> Stacks? {
        try? read { db -> Stacks? in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM stack_head WHERE dataKey = ?", arguments: [dataKey]) != nil else { return nil }
            var lists: [[String]] = [[], []]
            for r in try Row.fetchAll(db, sql: "SELECT stack, settings FROM stack_entry WHERE dataKey = ? ORDER BY stack, position", arguments: [dataKey]) {
                let stack: Int = r["stack"]
                if stack == 0 || stack == 1 { lists[stack].append(r["settings"]) }
            }
            return Stacks(past: lists[0], future: lists[1])
        } ?? nil
    }

    /// True when the stacks changed here since the server last had them.
    func stacksWaiting(_ dataKey: String) -> Bool {
        ((try? read { db in
            try Bool.fetchOne(db, sql: "SELECT pastDirty IS NOT NULL OR futureDirty IS NOT NULL FROM stack_head WHERE dataKey = ?", arguments: [dataKey])
        }) ?? nil) ?? false
    }

    /// Keeps the server's stacks, at the server's positions, as the ones this machine knows, unless
    /// changes of its own wait to be sent.
    func know(_ dataKey: String, _ s: Positioned) {
        _ = try? queue.write { db in
            let waiting = try Bool.fetchOne(db, sql: "SELECT pastDirty IS NOT NULL OR futureDirty IS NOT NULL FROM stack_head WHERE dataKey = ?",
                                            arguments: [dataKey]) ?? false
            if !waiting { try Self.replaceStacks(db, dataKey, s, dirty: nil) }
        }
    }

    /// Marks an entry as on the server, unless a newer write came meanwhile.
    func pushed(_ e: Entry) {
        _ = try? queue.write { db in
            // The stacks' marks go only with the very write that was sent: a newer one still lacks its part.
            try db.cachedStatement(sql: """
                UPDATE stack_head SET pastDirty = NULL, futureDirty = NULL
                WHERE dataKey = ?1 AND (SELECT seq FROM pending WHERE dataKey = ?1) = ?2
                """).execute(arguments: [e.dataKey, e.seq])
            try db.cachedStatement(sql: "UPDATE pending SET pushed = 1, waiting = 0 WHERE dataKey = ? AND seq = ?").execute(arguments: [e.dataKey, e.seq])
            try db.cachedStatement(sql: "UPDATE pending SET waiting = max(0, waiting - ?) WHERE dataKey = ? AND pushed = 0").execute(arguments: [e.waiting, e.dataKey])
        }
    }

    var waiting: Int { (try? read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT sum(waiting) FROM pending WHERE pushed = 0")) }) ?? 0 }
}

extension AutosaveJournal.Stacks {
    /// The stacks whole, as length-prefixed UTF-8: how the previous version of the journal kept
    /// them in the pending row (read when such a journal is converted; tests write it to make one).
    var packed: Data {
        var d = Data([1])
        func count(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { d.append(contentsOf: $0) } }
        for list in [past, future] {
            count(list.count)
            for text in list {
                count(text.utf8.count)
                d.append(contentsOf: text.utf8)
            }
        }
        return d
    }

    init?(packed d: Data) {
        let bytes = [UInt8](d)
        guard bytes.first == 1 else { return nil }
        var at = 1
        func count() -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        var lists: [[String]] = []
        for _ in 0..<2 {
            guard let n = count() else { return nil }
            var list: [String] = []
            list.reserveCapacity(n)
            for _ in 0..<n {
                guard let len = count(), at + len <= bytes.count else { return nil }
                list.append(String(decoding: bytes[at..<at + len], as: UTF8.self))
                at += len
            }
            lists.append(list)
        }
        guard at == bytes.count else { return nil }
        self.init(past: lists[0], future: lists[1])
    }
}
