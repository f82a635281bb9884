import Foundation
import GRDB
import ViewCore

/// The live view of one user on one data set, written on every change (SPEC §3.10).
public struct AutosavedView: Equatable, Sendable {
    public var settings: ViewSettings
    public var sessionName: String?
    public var baseline: ViewSettings?
    public var place: ViewPlace?
    /// Milliseconds since the epoch.
    public var savedAt: Int64
}

extension Library {
    /// Upserts the autosaved view. One short transaction; the statement is cached by GRDB.
    public func autosave(owner: String, dataKey: String, settings: ViewSettings, sessionName: String?,
                         baseline: ViewSettings?, place: ViewPlace? = nil) throws(LibraryError) -> Int64 {
        let now = Self.now
        let json = SettingsDocument.encode(settings)
        let base = baseline.map(SettingsDocument.encode)
        let placeJSON = place.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        try write { db in
            let stmt = try db.cachedStatement(sql: """
                INSERT INTO autosave (owner, dataKey, settings, sessionName, baseline, place, savedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(owner, dataKey) DO UPDATE SET settings = excluded.settings, sessionName = excluded.sessionName,
                    baseline = excluded.baseline, place = excluded.place, savedAt = excluded.savedAt
                """)
            try stmt.execute(arguments: [owner, dataKey, json, sessionName, base, placeJSON, now])
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
                             baseline: base.flatMap { try? SettingsDocument.decode($0) },
                             place: place.flatMap { try? JSONDecoder().decode(ViewPlace.self, from: Data($0.utf8)) },
                             savedAt: row["savedAt"])
    }
}
