import LibraryCore
import PostgresNIO

/// Every version of a session is kept on the server (up to the library's limit): saves, renames,
/// share changes and restores each add one in the same transaction as the change. Row-level
/// security keeps versions to their owner: a shared session's history is not readable by others.
extension TeamLibrary {
    public static let defaultKeepVersions = 100
    static let versionColumns = "number, kind, detail, author, at, name, shareable, settings, watermark"

    public func versionDocuments(owner: String, name: String) throws(LibraryError) -> [VersionDocument] {
        try mine(owner)
        try reachable()
        guard let id = try sessionID(name) else { throw .noSuchSession(name: name) }
        // Without the watermarks: they are the bulk of a version and a history does not show them.
        var q = PostgresQuery(unsafeSQL: "SELECT number, kind, detail, author, at, name, shareable, settings, NULL::text FROM dataviewer.session_version WHERE session_id = $1 ORDER BY number")
        q.binds.append(id)
        return try db.query(q).compactMap { try? Self.version($0) }
    }

    public func versionDocument(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        try mine(owner)
        try reachable()
        guard let id = try sessionID(name) else { throw .noSuchSession(name: name) }
        var q = PostgresQuery(unsafeSQL: "SELECT \(Self.versionColumns) FROM dataviewer.session_version WHERE session_id = $1 AND number = $2")
        q.binds.append(id); q.binds.append(number)
        if let row = try db.query(q).first, let v = try? Self.version(row) { return v }
        throw try noSuchVersion(name, number, id) { sql throws(LibraryError) in try db.query(sql) }
    }

    /// Makes version `number` current as a new version (nothing is lost). Only the owner can:
    /// only the owner's sessions are found by name, and the server's policies say the same.
    @discardableResult
    public func restoreVersion(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument {
        try mine(owner)
        return try online("restore a version") { () throws(LibraryError) in try db.transaction { tx throws(LibraryError) in
            guard var r = try selectForUpdate(tx, name), let id = r.id else { throw .noSuchSession(name: name) }
            var q = PostgresQuery(unsafeSQL: "SELECT \(Self.versionColumns) FROM dataviewer.session_version WHERE session_id = $1 AND number = $2")
            q.binds.append(id); q.binds.append(number)
            guard let row = try tx.run(q).first, let old = try? Self.version(row) else {
                throw try noSuchVersion(name, number, id) { sql throws(LibraryError) in try tx.run(sql) }
            }
            r.settings = old.settings
            r.updatedAt = max(libraryNow(), r.updatedAt + 1)
            r = try update(tx, r)
            return try Self.recordVersion(tx, r, kind: "restored", detail: String(number), watermark: .some(old.watermark))
        } }
    }

    public func watermarkDocument(owner: String, name: String) throws(LibraryError) -> String? {
        try mine(owner)
        try reachable()
        var q = PostgresQuery(unsafeSQL: """
            SELECT v.watermark FROM dataviewer.session_version v JOIN dataviewer.session s ON s.id = v.session_id
            WHERE s.owner = \(TeamLibrary.me) AND s.name = $1 ORDER BY v.number DESC LIMIT 1
            """)
        q.binds.append(name)
        return try db.query(q).first.flatMap { try? $0.decode(String?.self) }
    }

    /// How many versions each session keeps (set by `library init --keep-versions N`).
    public func keepVersions() throws(LibraryError) -> Int {
        try db.query(PostgresQuery(unsafeSQL: Self.keepSQL)).first.flatMap { try? $0.decode(Int.self) } ?? Self.defaultKeepVersions
    }

    /// A library setting: only its administrator may change it (members get the server's refusal as a sentence).
    public func setKeepVersions(_ n: Int) throws(LibraryError) {
        try db.transaction { tx throws(LibraryError) in try Self.setKeepVersions(tx, n) }
    }

    // MARK: inside transactions

    static let keepSQL = "SELECT coalesce((SELECT value::int FROM dataviewer.library_setting WHERE key = 'keep_versions'), \(defaultKeepVersions))"

    static func setKeepVersions(_ tx: TeamConnection.Tx, _ n: Int) throws(LibraryError) {
        guard n >= 1 else { throw .database("--keep-versions must be at least 1 (got \(n))") }
        try tx.run("""
            INSERT INTO dataviewer.library_setting (key, value) VALUES ('keep_versions', \(String(n)))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
        // Trimmed now, so that the setting means what it says.
        try tx.run("""
            DELETE FROM dataviewer.session_version v
            WHERE v.number <= (SELECT max(w.number) FROM dataviewer.session_version w WHERE w.session_id = v.session_id) - \(n)
            """)
    }

    func sessionID(_ name: String) throws(LibraryError) -> Int64? {
        try db.query("SELECT id FROM dataviewer.session WHERE owner = \(unescaped: TeamLibrary.me) AND name = \(name)").first.flatMap { try? $0.decode(Int64.self) }
    }

    /// Appends the session as it is now as its next version, and trims the oldest beyond the limit.
    /// Runs after the session row was locked (FOR UPDATE) or inserted, so concurrent saves number in turn.
    /// `watermark` nil carries the previous version's over (a rename does not change the data seen); `.some(nil)` records none.
    @discardableResult
    static func recordVersion(_ tx: TeamConnection.Tx, _ r: SessionRecord, kind: String, detail: String? = nil,
                              watermark: String?? = nil) throws(LibraryError) -> VersionDocument {
        guard let id = r.id else { throw .database("a session without an id cannot keep versions") }
        var q = PostgresQuery(unsafeSQL: "SELECT number, watermark FROM dataviewer.session_version WHERE session_id = $1 ORDER BY number DESC LIMIT 1")
        q.binds.append(id)
        let last = try tx.run(q).first.flatMap { try? $0.decode((Int, String?).self) }
        let number = (last?.0 ?? 0) + 1
        let mark: String?
        switch watermark {
        case .some(let w): mark = w
        case .none: mark = last?.1
        }
        let at = max(libraryNow(), r.updatedAt)
        let rows = try tx.run(PostgresQuery(unsafeSQL: """
            INSERT INTO dataviewer.session_version (session_id, number, kind, detail, at, name, shareable, settings, watermark)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING author
            """, binds: binds(id, number, kind, detail, at, r.name, r.shareable, r.settings, mark)))
        let author = rows.first.flatMap { try? $0.decode(String.self) } ?? r.owner
        var trim = PostgresQuery(unsafeSQL: "DELETE FROM dataviewer.session_version WHERE session_id = $1 AND number <= $2 - (\(keepSQL))")
        trim.binds.append(id); trim.binds.append(number)
        try tx.run(trim)
        return VersionDocument(number: number, kind: kind, detail: detail, author: author, at: at, name: r.name, shareable: r.shareable,
                               settings: r.settings, watermark: mark)
    }

    static func version(_ row: PostgresRow) throws -> VersionDocument {
        let (n, kind, detail, author, at, name, shareable, settings, mark) =
            try row.decode((Int, String, String?, String, Int64, String, Bool, String, String?).self)
        return VersionDocument(number: n, kind: kind, detail: detail, author: author, at: at, name: name, shareable: shareable,
                               settings: settings, watermark: mark)
    }

    /// The sentence for a version that is not kept: it names the ones that are.
    func noSuchVersion(_ name: String, _ number: Int, _ id: Int64,
                       _ run: (PostgresQuery) throws(LibraryError) -> [PostgresRow]) throws(LibraryError) -> LibraryError {
        var q = PostgresQuery(unsafeSQL: "SELECT coalesce(min(number), 0), coalesce(max(number), 0) FROM dataviewer.session_version WHERE session_id = $1")
        q.binds.append(id)
        let (lo, hi) = try run(q).first.flatMap { try? $0.decode((Int, Int).self) } ?? (0, 0)
        return .noSuchVersion(name: name, number: number, kept: lo...max(lo, hi))
    }
}
