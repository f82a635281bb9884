import GRDB
import ViewCore

/// Saving, listing, loading, renaming and deleting sessions. Every change is one transaction.
extension Library {
    public func list(owner: String) throws(LibraryError) -> [SessionRecord] {
        try read { db in
            try SessionRecord.filter(Column("owner") == owner).order(Column("updatedAt").desc, Column("name")).fetchAll(db)
        }
    }

    public func session(owner: String, name: String) throws(LibraryError) -> SessionRecord? {
        try read { db in
            try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db)
        }
    }

    /// Settings of a session, decoded; a document from a newer version is refused whole.
    public func settings(owner: String, name: String) throws(LibraryError) -> ViewSettings {
        guard let r = try session(owner: owner, name: name) else { throw .noSuchSession(name: name) }
        do { return try SettingsDocument.decode(r.settings) }
        catch { throw .badSettings(name: name, reason: error.description) }
    }

    /// Saves `settings` under `name`. An existing session is replaced only with `overwrite`.
    /// `shareable` nil keeps the session's current flag.
    @discardableResult
    public func save(owner: String, name rawName: String, settings: ViewSettings, shareable: Bool? = nil,
                     overwrite: Bool, watermark: DataWatermark? = nil) throws(LibraryError) -> SessionRecord {
        let name = try SessionName.validate(rawName)
        let json = SettingsDocument.encode(settings)
        return try saveDocument(owner: owner, name: name, json: json, shareable: shareable, overwrite: overwrite, watermark: watermark)
    }

    /// Each save is a new version; the one it replaces stays in the session's history.
    func saveDocument(owner: String, name: String, json: String, shareable: Bool?, overwrite: Bool,
                      watermark: DataWatermark? = nil) throws(LibraryError) -> SessionRecord {
        let result: Result<SessionRecord, LibraryError> = try write { db in
            let now = Self.now
            if var existing = try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db) {
                guard overwrite else { return .failure(.sessionExists(name: name)) }
                existing.settings = json
                existing.updatedAt = max(now, existing.updatedAt + 1)
                if let shareable { Self.applyShareable(&existing, shareable) }
                try existing.update(db)
                try Self.recordVersion(db, existing, event: .saved, author: owner, watermark: .some(watermark))
                return .success(existing)
            }
            var r = SessionRecord(id: nil, owner: owner, name: name, settings: json, shareable: false,
                                  shareToken: nil, createdAt: now, updatedAt: now)
            Self.applyShareable(&r, shareable ?? false)
            try r.insert(db)
            r.id = db.lastInsertedRowID
            try Self.recordVersion(db, r, event: .created, author: owner, watermark: .some(watermark))
            return .success(r)
        }
        return try result.get()
    }

    static func applyShareable(_ r: inout SessionRecord, _ on: Bool) {
        r.shareable = on
        if on && r.shareToken == nil { r.shareToken = ShareLink.newToken() }
    }

    public func delete(owner: String, name: String) throws(LibraryError) {
        let n = try write { db -> Int in
            let request = SessionRecord.filter(Column("owner") == owner && Column("name") == name)
            if let token = try request.fetchOne(db)?.shareToken { try Self.retire(db, token, reason: "deleted") }
            return try request.deleteAll(db)
        }
        if n == 0 { throw .noSuchSession(name: name) }
    }

    public func rename(owner: String, from: String, to rawNew: String) throws(LibraryError) -> SessionRecord {
        let newName = try SessionName.validate(rawNew)
        let result: Result<SessionRecord, LibraryError> = try write { db in
            guard var r = try SessionRecord.filter(Column("owner") == owner && Column("name") == from).fetchOne(db) else {
                return .failure(.noSuchSession(name: from))
            }
            if newName == from { return .success(r) }
            if try SessionRecord.filter(Column("owner") == owner && Column("name") == newName).fetchCount(db) > 0 {
                return .failure(.sessionExists(name: newName))
            }
            r.name = newName
            r.updatedAt = max(Self.now, r.updatedAt + 1)
            try r.update(db)
            try Self.recordVersion(db, r, event: .renamed(from: from), author: owner)
            return .success(r)
        }
        return try result.get()
    }

    /// Imports a settings document (validated first: a broken or newer one is refused, nothing written).
    @discardableResult
    public func importDocument(owner: String, name rawName: String, json: String, overwrite: Bool = false) throws(LibraryError) -> SessionRecord {
        let name = try SessionName.validate(rawName)
        let settings: ViewSettings
        do { settings = try SettingsDocument.decode(json) } catch { throw .badSettings(name: name, reason: error.description) }
        return try saveDocument(owner: owner, name: name, json: SettingsDocument.encode(settings), shareable: nil, overwrite: overwrite)
    }
}

/// The columns the sessions dialog shows, without the settings documents (fast with 10,000 sessions).
public struct SessionSummary: Equatable, Sendable, FetchableRecord, Decodable {
    public var name: String
    public var shareable: Bool
    public var shareToken: String?
    public var updatedAt: Int64
    public var link: String? { shareable ? shareToken.map(ShareLink.make) : nil }
}

extension Library {
    public func summaries(owner: String) throws(LibraryError) -> [SessionSummary] {
        try read { db in
            try SessionSummary.fetchAll(db, sql: """
                SELECT name, shareable, shareToken, updatedAt FROM session WHERE owner = ? ORDER BY updatedAt DESC, name
                """, arguments: [owner])
        }
    }
}
