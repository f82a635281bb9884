import GRDB

extension SessionRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
}

extension SessionSummary: FetchableRecord {}

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

    /// Each save is a new version; the one it replaces stays in the session's history.
    public func saveDocument(owner: String, name: String, json: String, shareable: Bool?, overwrite: Bool,
                             watermark: String?) throws(LibraryError) -> SessionRecord {
        let result: Result<SessionRecord, LibraryError> = try write { db in
            let now = Self.now
            if var existing = try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db) {
                guard overwrite else { return .failure(.sessionExists(name: name)) }
                existing.settings = json
                existing.updatedAt = max(now, existing.updatedAt + 1)
                if let shareable { Self.applyShareable(&existing, shareable) }
                try existing.update(db)
                try Self.recordVersion(db, existing, kind: "saved", author: owner, watermark: .some(watermark))
                return .success(existing)
            }
            var r = SessionRecord(id: nil, owner: owner, name: name, settings: json, shareable: false,
                                  shareToken: nil, createdAt: now, updatedAt: now)
            Self.applyShareable(&r, shareable ?? false)
            try r.insert(db)
            r.id = db.lastInsertedRowID
            try Self.recordVersion(db, r, kind: "created", author: owner, watermark: .some(watermark))
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
            try Self.recordVersion(db, r, kind: "renamed", detail: from, author: owner)
            return .success(r)
        }
        return try result.get()
    }
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
