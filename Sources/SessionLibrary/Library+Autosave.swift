import Foundation
import GRDB

extension Library {
    /// Upserts the autosaved view. One short transaction; the statement is cached by GRDB.
    public func writeAutosave(owner: String, dataKey: String, _ view: AutosaveDocument, history: HistoryChange?) throws(LibraryError) -> Int64 {
        let now = Self.now
        try write { db in
            let stmt = try db.cachedStatement(sql: """
                INSERT INTO autosave (owner, dataKey, settings, sessionName, baseline, place, savedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(owner, dataKey) DO UPDATE SET settings = excluded.settings, sessionName = excluded.sessionName,
                    baseline = excluded.baseline, place = excluded.place, savedAt = excluded.savedAt
                """)
            try stmt.execute(arguments: [owner, dataKey, view.settings, view.sessionName, view.baseline, view.place, now])
            if let history { try Self.apply(history, db, owner: owner, dataKey: dataKey) }
        }
        return now
    }

    public func autosaveDocument(owner: String, dataKey: String) throws(LibraryError) -> AutosaveDocument? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT settings, sessionName, baseline, place, savedAt FROM autosave WHERE owner = ? AND dataKey = ?",
                             arguments: [owner, dataKey])
        }
        guard let row else { return nil }
        return AutosaveDocument(settings: row["settings"], sessionName: row["sessionName"], baseline: row["baseline"],
                                place: row["place"], savedAt: row["savedAt"])
    }

    static func apply(_ h: HistoryChange, _ db: Database, owner: String, dataKey: String) throws {
        if h.pastDrop > 0 {
            // Positions stay 0-based: the rest moves down, through negatives so that no two meet on the way.
            try db.execute(sql: "DELETE FROM history WHERE owner = ? AND dataKey = ? AND stack = 'past' AND position < ?",
                           arguments: [owner, dataKey, h.pastDrop])
            try db.execute(sql: "UPDATE history SET position = -1 - (position - ?) WHERE owner = ? AND dataKey = ? AND stack = 'past'",
                           arguments: [h.pastDrop, owner, dataKey])
            try db.execute(sql: "UPDATE history SET position = -1 - position WHERE owner = ? AND dataKey = ? AND stack = 'past'",
                           arguments: [owner, dataKey])
        }
        for (stack, keep, append) in [("past", h.pastKeep, h.pastAppend), ("future", h.futureKeep, h.futureAppend)] {
            try db.execute(sql: "DELETE FROM history WHERE owner = ? AND dataKey = ? AND stack = ? AND position >= ?",
                           arguments: [owner, dataKey, stack, keep])
            for (k, settings) in append.enumerated() {
                try db.execute(sql: "INSERT INTO history (owner, dataKey, stack, position, settings) VALUES (?, ?, ?, ?, ?)",
                               arguments: [owner, dataKey, stack, keep + k, settings])
            }
        }
    }

    public func historyDocuments(owner: String, dataKey: String) throws(LibraryError) -> (past: [String], future: [String]) {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT stack, settings FROM history WHERE owner = ? AND dataKey = ? ORDER BY stack, position",
                             arguments: [owner, dataKey])
        }
        var past: [String] = [], future: [String] = []
        for r in rows {
            if (r["stack"] as String) == "past" { past.append(r["settings"]) } else { future.append(r["settings"]) }
        }
        return (past, future)
    }
}
