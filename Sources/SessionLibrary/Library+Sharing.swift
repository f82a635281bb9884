import GRDB

extension Library {
    static func retire(_ db: Database, _ token: String, reason: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO retiredLink (token, reason, retiredAt) VALUES (?, ?, ?)",
                       arguments: [token, reason, now])
    }

    /// Ticks or unticks *shareable* without touching the settings. Unticking keeps the token, so
    /// ticking again brings the same link back.
    @discardableResult
    public func setShareable(owner: String, name: String, _ on: Bool) throws(LibraryError) -> SessionRecord {
        try modify(owner: owner, name: name) { r in Self.applyShareable(&r, on) }
    }

    /// Replaces the link for good: the old one stops working at once.
    @discardableResult
    public func newLink(owner: String, name: String) throws(LibraryError) -> SessionRecord {
        let result: Result<SessionRecord, LibraryError> = try write { db in
            guard var r = try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db) else {
                return .failure(.noSuchSession(name: name))
            }
            if let old = r.shareToken { try Self.retire(db, old, reason: "replaced") }
            r.shareToken = ShareLink.newToken()
            r.shareable = true
            try r.update(db)
            try Self.recordVersion(db, r, kind: "new-link", author: owner)
            return .success(r)
        }
        return try result.get()
    }

    private func modify(owner: String, name: String, _ change: @escaping (inout SessionRecord) -> Void) throws(LibraryError) -> SessionRecord {
        let result: Result<SessionRecord, LibraryError> = try write { db in
            guard var r = try SessionRecord.filter(Column("owner") == owner && Column("name") == name).fetchOne(db) else {
                return .failure(.noSuchSession(name: name))
            }
            let wasShared = r.shareable
            change(&r)
            try r.update(db)
            // Only a change of the flag is a version; ticking an already shared session is not.
            if r.shareable != wasShared { try Self.recordVersion(db, r, kind: r.shareable ? "shared" : "unshared", author: owner) }
            return .success(r)
        }
        return try result.get()
    }

    /// The session a link points to, for any user of the library. Lookup by the unique (indexed) token.
    public func resolve(link: String) throws(LibraryError) -> Result<SessionRecord, LinkError> {
        guard let token = ShareLink.token(in: link) else { return .failure(.malformed) }
        return try read { db in
            if let r = try SessionRecord.filter(Column("shareToken") == token).fetchOne(db) {
                return r.shareable ? .success(r) : .failure(.notShared)
            }
            if let reason = try String.fetchOne(db, sql: "SELECT reason FROM retiredLink WHERE token = ?", arguments: [token]) {
                return .failure(reason == "deleted" ? .deleted : .replaced)
            }
            return .failure(.unknown)
        }
    }
}
