import Foundation
import GRDB
import ViewCore

/// The live view of one user on one data set, written on every change.
public struct AutosavedView: Equatable, Sendable {
    public var settings: ViewSettings
    public var sessionName: String?
    /// The session's settings as last saved or loaded (the view is "modified" when it differs).
    public var savedSettings: ViewSettings?
    public var place: ViewPlace?
    /// Milliseconds since the epoch.
    public var savedAt: Int64
}

extension Library {
    /// Upserts the autosaved view. One short transaction; the statement is cached by GRDB.
    public func autosave(owner: String, dataKey: String, settings: ViewSettings, sessionName: String?,
                         savedSettings: ViewSettings?, place: ViewPlace? = nil, history: HistoryDelta? = nil) throws(LibraryError) -> Int64 {
        let now = Self.now
        let json = SettingsDocument.encode(settings)
        // Stored in the column `baseline` (its name in existing libraries).
        let base = savedSettings.map(SettingsDocument.encode)
        let placeJSON = place.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        try write { db in
            let stmt = try db.cachedStatement(sql: """
                INSERT INTO autosave (owner, dataKey, settings, sessionName, baseline, place, savedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(owner, dataKey) DO UPDATE SET settings = excluded.settings, sessionName = excluded.sessionName,
                    baseline = excluded.baseline, place = excluded.place, savedAt = excluded.savedAt
                """)
            try stmt.execute(arguments: [owner, dataKey, json, sessionName, base, placeJSON, now])
            if let history { try Self.apply(history, db, owner: owner, dataKey: dataKey) }
        }
        return now
    }

    /// The autosaved view, or nil when there is none (or it cannot be read: then a fresh view is better than none).
    public func autosaved(owner: String, dataKey: String) throws(LibraryError) -> AutosavedView? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT settings, sessionName, baseline, place, savedAt FROM autosave WHERE owner = ? AND dataKey = ?",
                             arguments: [owner, dataKey])
        }
        guard let row, let settings = try? SettingsDocument.decode(row["settings"]) else { return nil }
        let base: String? = row["baseline"]
        let place: String? = row["place"]
        return AutosavedView(settings: settings, sessionName: row["sessionName"],
                             savedSettings: base.flatMap { try? SettingsDocument.decode($0) },
                             place: place.flatMap { try? JSONDecoder().decode(ViewPlace.self, from: Data($0.utf8)) },
                             savedAt: row["savedAt"])
    }
}

/// What changed in the undo/redo stacks since the last write: keep the first N, append the rest.
public struct HistoryDelta: Equatable, Sendable {
    public var pastKeep: Int
    public var pastAppend: [ViewSettings]
    public var futureKeep: Int
    public var futureAppend: [ViewSettings]

    /// The smallest change from `old` to `new` (stacks change at their ends).
    public init?(from old: UndoHistory, to new: UndoHistory) {
        func split(_ a: [ViewSettings], _ b: [ViewSettings]) -> (Int, [ViewSettings]) {
            var i = 0
            while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
            return (i, Array(b[i...]))
        }
        (pastKeep, pastAppend) = split(old.past, new.past)
        (futureKeep, futureAppend) = split(old.future, new.future)
        if pastKeep == old.past.count && pastAppend.isEmpty && futureKeep == old.future.count && futureAppend.isEmpty { return nil }
    }
}

extension Library {
    static func apply(_ h: HistoryDelta, _ db: Database, owner: String, dataKey: String) throws {
        for (stack, keep, append) in [("past", h.pastKeep, h.pastAppend), ("future", h.futureKeep, h.futureAppend)] {
            try db.execute(sql: "DELETE FROM history WHERE owner = ? AND dataKey = ? AND stack = ? AND position >= ?",
                           arguments: [owner, dataKey, stack, keep])
            for (k, settings) in append.enumerated() {
                try db.execute(sql: "INSERT INTO history (owner, dataKey, stack, position, settings) VALUES (?, ?, ?, ?, ?)",
                               arguments: [owner, dataKey, stack, keep + k, SettingsDocument.encode(settings)])
            }
        }
    }

    /// The undo/redo stacks kept for this user and data (unreadable entries are dropped).
    public func history(owner: String, dataKey: String) throws(LibraryError) -> UndoHistory {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT stack, settings FROM history WHERE owner = ? AND dataKey = ? ORDER BY stack, position",
                             arguments: [owner, dataKey])
        }
        var h = UndoHistory()
        for r in rows {
            guard let s = try? SettingsDocument.decode(r["settings"]) else { continue }
            if (r["stack"] as String) == "past" { h.past.append(s) } else { h.future.append(s) }
        }
        return h
    }
}
