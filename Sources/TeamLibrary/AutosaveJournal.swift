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
        /// The undo/redo stacks to leave on the server; nil leaves them as they are.
        var stacks: Stacks?
        var seq: Int64
        var waiting: Int
    }

    struct Stacks: Codable, Equatable {
        var past: [String]
        var future: [String]
    }

    let path: String
    private let queue: DatabaseQueue

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
            }
        } catch {
            throw .cannotOpen(path: path, reason: "the local autosave journal cannot be written (\(error))")
        }
    }

    /// Records the latest view of a data set; returns how many changes now wait for the server.
    func put(_ dataKey: String, _ view: AutosaveDocument, stacks: Stacks?) throws(LibraryError) -> Int {
        let packed = stacks?.packed
        do {
            return try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO pending (dataKey, settings, sessionName, baseline, place, savedAt, stacks, seq, waiting)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)
                    ON CONFLICT(dataKey) DO UPDATE SET settings = excluded.settings, sessionName = excluded.sessionName,
                        baseline = excluded.baseline, place = excluded.place, savedAt = excluded.savedAt,
                        stacks = coalesce(excluded.stacks, pending.stacks), seq = pending.seq + 1,
                        waiting = CASE WHEN pending.pushed = 1 THEN 1 ELSE pending.waiting + 1 END, pushed = 0
                    """, arguments: [dataKey, view.settings, view.sessionName, view.baseline, view.place, view.savedAt, packed])
                return try Int.fetchOne(db, sql: "SELECT sum(waiting) FROM pending WHERE pushed = 0") ?? 0
            }
        } catch {
            throw .database("the local autosave journal could not be written (\(error))")
        }
    }

    /// What waits for the server, oldest first.
    func entries() -> [Entry] { rows("WHERE pushed = 0") }

    func entry(_ dataKey: String) -> Entry? { entries().first { $0.dataKey == dataKey } }

    /// The last view of a data set this machine wrote, pushed or not (for a start while the server is gone).
    func lastKnown(_ dataKey: String) -> Entry? { rows("").first { $0.dataKey == dataKey } }

    private func rows(_ filter: String) -> [Entry] {
        let rows = (try? queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM pending \(filter) ORDER BY savedAt") }) ?? []
        return rows.map { r in
            let stored: DatabaseValue = r["stacks"]
            let stacks: Stacks?
            switch stored.storage {
            case .blob(let data): stacks = Stacks(packed: data)
            // Journals written before the stacks were packed hold them as JSON text.
            case .string(let json): stacks = try? JSONDecoder().decode(Stacks.self, from: Data(json.utf8))
            case .null, .int64, .double: stacks = nil
            }
            return Entry(dataKey: r["dataKey"],
                         view: AutosaveDocument(settings: r["settings"], sessionName: r["sessionName"], baseline: r["baseline"],
                                                place: r["place"], savedAt: r["savedAt"]),
                         stacks: stacks,
                         seq: r["seq"], waiting: r["waiting"])
        }
    }

    /// Marks an entry as on the server, unless a newer write came meanwhile.
    func pushed(_ e: Entry) {
        _ = try? queue.write { db in
            try db.execute(sql: "UPDATE pending SET pushed = 1, waiting = 0 WHERE dataKey = ? AND seq = ?", arguments: [e.dataKey, e.seq])
            try db.execute(sql: "UPDATE pending SET waiting = max(0, waiting - ?) WHERE dataKey = ? AND pushed = 0", arguments: [e.waiting, e.dataKey])
        }
    }

    var waiting: Int { (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT sum(waiting) FROM pending WHERE pushed = 0") }) ?? 0 }
}

extension AutosaveJournal.Stacks {
    /// The stacks as length-prefixed UTF-8: a journal write per change copies a hundred settings
    /// documents, where JSON would escape every quote in them and read them back character by character.
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
