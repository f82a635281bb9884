import GRDB
import ViewCore

/// Why a link does not open. Each has its own sentence.
public enum LinkError: Error, Equatable, CustomStringConvertible {
    case malformed
    case unknown
    case notShared
    case deleted
    case replaced

    public var description: String {
        switch self {
        case .malformed: return "this is not a dataviewer link; links look like \(ShareLink.prefix)<token>"
        case .unknown: return "no shared session has this link; check that it was copied whole"
        case .notShared: return "the session behind this link is no longer shared; ask its owner to share it again"
        case .deleted: return "the session behind this link was deleted by its owner"
        case .replaced: return "this link was replaced by a new one; ask the session's owner for the new link"
        }
    }
}

extension ShareLink {
    /// The token of a link, or nil when the text is not a well-formed dataviewer link.
    public static func token(in link: String) -> String? {
        let text = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("dataviewer://") else { return nil }
        guard let last = text.split(separator: "/", omittingEmptySubsequences: false).last else { return nil }
        let token = String(last)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard token.count == 22, token.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return token
    }

    public static func looksLikeLink(_ s: String) -> Bool { s.hasPrefix("dataviewer:") }
}

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
            try Self.recordVersion(db, r, event: .newLink, author: owner)
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
            if r.shareable != wasShared { try Self.recordVersion(db, r, event: r.shareable ? .shared : .unshared, author: owner) }
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
