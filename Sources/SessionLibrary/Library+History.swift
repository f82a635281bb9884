import Foundation
import GRDB
import LibraryCore

/// Every version of a session is kept (up to the library's limit): saves, renames, share changes
/// and restores each add one, inside the same transaction as the change itself.
extension Library {
    public static let defaultKeepVersions = 100

    /// The versions of one of the owner's sessions, oldest first. Their data watermarks are left out
    /// (they are the bulk of a version and a history does not show them): `version(…number:)` and
    /// `watermark(owner:name:)` read them.
    public func versionDocuments(owner: String, name: String) throws(LibraryError) -> [VersionDocument] {
        let rows: [Row]? = try read { db in
            guard let id = try Self.sessionID(db, owner: owner, name: name) else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT sessionID, number, kind, detail, author, at, name, shareable, settings FROM sessionVersion
                WHERE sessionID = ? ORDER BY number
                """, arguments: [id])
        }
        guard let rows else { throw .noSuchSession(name: name) }
        return rows.compactMap(Self.version(from:))
    }

    /// One version; a number that is not kept is a sentence naming the ones that are.
    public func versionDocument(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        let found: Result<VersionDocument, LibraryError> = try read { db in
            guard let id = try Self.sessionID(db, owner: owner, name: name) else { return .failure(.noSuchSession(name: name)) }
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM sessionVersion WHERE sessionID = ? AND number = ?", arguments: [id, number]),
               let v = Self.version(from: row) { return .success(v) }
            let range = try Row.fetchOne(db, sql: "SELECT min(number) AS lo, max(number) AS hi FROM sessionVersion WHERE sessionID = ?", arguments: [id])
            return .failure(.noSuchVersion(name: name, number: number, kept: (range?["lo"] ?? 0)...(range?["hi"] ?? 0)))
        }
        return try found.get()
    }

    /// Makes version `number` current as a new version (nothing is lost). Only the owner can, since
    /// only the owner's sessions are found by name.
    @discardableResult
    public func restoreVersion(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        let result: Result<VersionDocument, LibraryError> = try write { db in
            guard var r = try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db), let id = r.id else {
                return .failure(.noSuchSession(name: name))
            }
            let row = try Row.fetchOne(db, sql: "SELECT * FROM sessionVersion WHERE sessionID = ? AND number = ?", arguments: [id, number])
            guard let row, let old = Self.version(from: row) else {
                let range = try Row.fetchOne(db, sql: "SELECT min(number) AS lo, max(number) AS hi FROM sessionVersion WHERE sessionID = ?", arguments: [id])
                return .failure(.noSuchVersion(name: name, number: number, kept: (range?["lo"] ?? 0)...(range?["hi"] ?? 0)))
            }
            r.settings = old.settings
            r.updatedAt = max(Self.now, r.updatedAt + 1)
            try r.update(db)
            let v = try Self.recordVersion(db, r, kind: "restored", detail: String(number), author: owner, watermark: .some(old.watermark))
            return .success(v)
        }
        return try result.get()
    }

    /// The data watermark of the current version (nil: saved without data, e.g. imported).
    public func watermarkDocument(owner: String, name: String) throws(LibraryError) -> String? {
        let text: String? = try read { db in
            try String.fetchOne(db, sql: """
                SELECT v.watermark FROM sessionVersion v JOIN session s ON s.id = v.sessionID
                WHERE s.owner = ? AND s.name = ? ORDER BY v.number DESC LIMIT 1
                """, arguments: [owner, name])
        }
        return text
    }

    /// How many versions each session keeps (a library setting; 100 unless set).
    public func keepVersions() throws(LibraryError) -> Int {
        try read { db in try Self.keepVersions(db) }
    }

    public func setKeepVersions(_ n: Int) throws(LibraryError) {
        guard n >= 1 else { throw .database("--keep-versions must be at least 1 (got \(n))") }
        try write { db in
            try db.execute(sql: "INSERT INTO librarySetting (key, value) VALUES ('keepVersions', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [String(n)])
            // Trim now, so the setting means what it says.
            try db.execute(sql: """
                DELETE FROM sessionVersion WHERE number <= (SELECT max(v.number) FROM sessionVersion v WHERE v.sessionID = sessionVersion.sessionID) - ?
                """, arguments: [n])
        }
    }

    // MARK: inside transactions

    static func keepVersions(_ db: Database) throws -> Int {
        try String.fetchOne(db, sql: "SELECT value FROM librarySetting WHERE key = 'keepVersions'").flatMap { Int($0) } ?? defaultKeepVersions
    }

    static func sessionID(_ db: Database, owner: String, name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM session WHERE owner = ? AND name = ?", arguments: [owner, name])
    }

    /// Appends the session's state as its next version and trims the oldest beyond the limit.
    /// `watermark` nil carries the previous version's over (a rename does not change the data seen);
    /// `.some(nil)` records none.
    @discardableResult
    static func recordVersion(_ db: Database, _ r: SessionRecord, kind: String, detail: String? = nil, author: String,
                              watermark: String?? = nil) throws -> VersionDocument {
        guard let id = r.id else { throw LibraryError.database("a session without an id cannot keep versions") }
        let last = try Row.fetchOne(db, sql: "SELECT number, watermark FROM sessionVersion WHERE sessionID = ? ORDER BY number DESC LIMIT 1", arguments: [id])
        let number = (last?["number"] as Int? ?? 0) + 1
        let mark: String?
        switch watermark {
        case .some(let w): mark = w
        case .none: mark = last?["watermark"] as String?
        }
        let at = max(Self.now, r.updatedAt)
        try db.execute(sql: """
            INSERT INTO sessionVersion (sessionID, number, kind, detail, author, at, name, shareable, settings, watermark)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, number, kind, detail, author, at, r.name, r.shareable, r.settings, mark])
        try db.execute(sql: "DELETE FROM sessionVersion WHERE sessionID = ? AND number <= ?", arguments: [id, number - (try keepVersions(db))])
        return VersionDocument(number: number, kind: kind, detail: detail, author: author, at: at, name: r.name, shareable: r.shareable,
                               settings: r.settings, watermark: mark)
    }

    static func version(from row: Row) -> VersionDocument? {
        VersionDocument(number: row["number"], kind: row["kind"], detail: row["detail"], author: row["author"],
                        at: row["at"], name: row["name"], shareable: row["shareable"], settings: row["settings"],
                        watermark: row.hasColumn("watermark") ? row["watermark"] as String? : nil)
    }

    /// The schema change that brings versions: every existing session gets its current state as version 1.
    static func registerHistoryMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2: session versions") { db in
            try db.create(table: "sessionVersion") { t in
                t.column("sessionID", .integer).notNull().references("session", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("detail", .text)
                t.column("author", .text).notNull()
                t.column("at", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("shareable", .boolean).notNull()
                t.column("settings", .text).notNull()
                t.column("watermark", .text)
                t.primaryKey(["sessionID", "number"])
            }
            try db.create(table: "librarySetting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(sql: """
                INSERT INTO sessionVersion (sessionID, number, kind, detail, author, at, name, shareable, settings, watermark)
                SELECT id, 1, 'saved', NULL, owner, updatedAt, name, shareable, settings, NULL FROM session
                """)
        }
    }
}
