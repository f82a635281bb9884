import Foundation
import LibraryCore
import PostgresNIO

/// A team library on PostgreSQL. The server enforces who sees what (row-level security); the owner
/// of everything written is the database login, `current_user`.
public final class TeamLibrary: LibraryBackend, @unchecked Sendable {
    public let address: TeamAddress
    public let login: String?
    public var location: String { address.display }
    /// The login as the owner columns hold it. `current_user` is a `name`, collated "C": compared
    /// with `owner` as it is, no index on owner can be used unless the database's collation is "C"
    /// too (every query scanned all owners' rows).
    static let me = #"current_user::text COLLATE "default""#
    let group: MultiThreadedEventLoopGroup
    let db: TeamConnection
    let listener: TeamListener
    let pusher: AutosavePusher

    /// Connects and checks the schema: a missing, older or newer one is refused with its sentence.
    /// With `offlineStart` (the viewer), an unreachable server is no refusal: the library starts
    /// offline on its journal, as the login the address names, and checks the schema when the server is back.
    public init(_ address: TeamAddress, journal journalPath: String? = nil, offlineStart: Bool = false,
                environment env: [String: String] = ProcessInfo.processInfo.environment) throws(LibraryError) {
        self.address = address
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        db = TeamConnection(address, group: group)
        listener = TeamListener(TeamConnection(address, group: group))
        let journal: AutosaveJournal
        var unreached = false
        do {
            do { login = try TeamSchema.check(db) } catch .unreachable where offlineStart {
                login = address.user
                unreached = true
            }
            journal = try AutosaveJournal(path: journalPath ?? AutosaveJournal.defaultPath(for: address, environment: env))
        } catch {
            db.close()
            try? group.syncShutdownGracefully()
            throw error
        }
        let db = db, login = login
        pusher = AutosavePusher(journal: journal, db: db, offline: unreached) { () throws(LibraryError) in
            // The server this journal is pushed to must be ours: the same login, a schema this program knows.
            let now = try TeamSchema.check(db)
            if now != login { throw .otherUser(login: now, given: login ?? "") }
        }
        pusher.start()
    }

    /// True while the server is known to be gone (every read and write would wait for it in vain).
    public var isOffline: Bool { pusher.isOffline }

    /// Reads need the server: while it is known to be gone they fail at once, without waiting for a connection.
    func reachable() throws(LibraryError) {
        if pusher.isOffline { throw .unreachable(library: address.display, reason: "it is offline; autosaves wait in the local journal") }
    }

    deinit {
        pusher.stop()
        if !pusher.isOffline { pusher.pushAll() }  // a short-lived command leaves nothing behind when the server is there
        listener.stop()
        db.close()
        try? group.syncShutdownGracefully()
    }

    /// `dataviewer library init`: creates or upgrades the schema and the group role.
    /// `keepVersions` sets how many versions each session keeps (trimming at once); nil leaves it.
    public static func initialise(_ address: TeamAddress, group role: String = TeamSchema.defaultGroup,
                                  keepVersions: Int? = nil) throws(LibraryError) -> [Int] {
        try initialise(address, group: role, keepVersions: keepVersions, through: TeamSchema.latest)
    }

    /// `through` stops at an older schema version (the migrations' tests start from there).
    static func initialise(_ address: TeamAddress, group role: String, keepVersions: Int?, through: Int) throws(LibraryError) -> [Int] {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let c = TeamConnection(address, group: group)
        defer { c.close() }
        return try TeamSchema.initialise(c, group: role, keepVersions: keepVersions, through: through)
    }

    func mine(_ owner: String) throws(LibraryError) {
        if let login, owner != login { throw .otherUser(login: login, given: owner) }
    }

    static let sessionColumns = "id, owner, name, settings, shareable, share_token, created_at, updated_at"

    func record(_ row: PostgresRow) throws(LibraryError) -> SessionRecord {
        do {
            let (id, owner, name, settings, shareable, token, created, updated) =
                try row.decode((Int64, String, String, String, Bool, String?, Int64, Int64).self)
            return SessionRecord(id: id, owner: owner, name: name, settings: settings, shareable: shareable,
                                 shareToken: token, createdAt: created, updatedAt: updated, linkPrefix: address.linkPrefix)
        } catch { throw .database("unexpected row from the server (\(error))") }
    }

    // MARK: sessions

    public func summaries(owner: String) throws(LibraryError) -> [SessionSummary] {
        try mine(owner)
        // Known to be gone: say so at once rather than wait for a connection attempt.
        try reachable()
        let rows = try db.query("""
            SELECT name, shareable, share_token, updated_at FROM dataviewer.session
            WHERE owner = \(unescaped: TeamLibrary.me) ORDER BY updated_at DESC, name
            """)
        var out: [SessionSummary] = []
        out.reserveCapacity(rows.count)
        for r in rows {
            guard let (name, shareable, token, updated) = try? r.decode((String, Bool, String?, Int64).self) else { continue }
            out.append(SessionSummary(name: name, shareable: shareable, shareToken: token, updatedAt: updated, linkPrefix: address.linkPrefix))
        }
        return out
    }

    public func list(owner: String) throws(LibraryError) -> [SessionRecord] {
        try mine(owner)
        try reachable()
        return try db.query(PostgresQuery(unsafeSQL: "SELECT \(Self.sessionColumns) FROM dataviewer.session WHERE owner = \(TeamLibrary.me) ORDER BY updated_at DESC, name"))
            .map { r throws(LibraryError) in try record(r) }
    }

    public func session(owner: String, name: String) throws(LibraryError) -> SessionRecord? {
        try mine(owner)
        try reachable()
        var q = PostgresQuery(unsafeSQL: "SELECT \(Self.sessionColumns) FROM dataviewer.session WHERE owner = \(TeamLibrary.me) AND name = $1")
        q.binds.append(name)
        return try db.query(q).first.map { r throws(LibraryError) in try record(r) }
    }

    func selectForUpdate(_ tx: TeamConnection.Tx, _ name: String) throws(LibraryError) -> SessionRecord? {
        var q = PostgresQuery(unsafeSQL: "SELECT \(Self.sessionColumns) FROM dataviewer.session WHERE owner = \(TeamLibrary.me) AND name = $1 FOR UPDATE")
        q.binds.append(name)
        return try tx.run(q).first.map { r throws(LibraryError) in try record(r) }
    }

    func update(_ tx: TeamConnection.Tx, _ r: SessionRecord) throws(LibraryError) -> SessionRecord {
        let rows = try tx.run(PostgresQuery(unsafeSQL: "UPDATE dataviewer.session SET name = $1, settings = $2, shareable = $3, share_token = $4, updated_at = $5 WHERE id = $6 RETURNING \(Self.sessionColumns)",
                                            binds: binds(r.name, r.settings, r.shareable, r.shareToken, r.updatedAt, r.id!)))
        guard let row = rows.first else { throw .noSuchSession(name: r.name) }
        return try record(row)
    }

    public func saveDocument(owner: String, name rawName: String, json: String, shareable: Bool?, overwrite: Bool,
                             watermark: String?) throws(LibraryError) -> SessionRecord {
        try mine(owner)
        let name = try SessionName.validate(rawName)
        do {
            return try online("save a session") { () throws(LibraryError) in try db.transaction { tx throws(LibraryError) in
                let now = libraryNow()
                if var existing = try selectForUpdate(tx, name) {
                    guard overwrite else { throw .sessionExists(name: name) }
                    existing.settings = json
                    existing.updatedAt = max(now, existing.updatedAt + 1)
                    if let shareable { Self.applyShareable(&existing, shareable) }
                    let saved = try update(tx, existing)
                    try Self.recordVersion(tx, saved, kind: "saved", watermark: .some(watermark))
                    return saved
                }
                var r = SessionRecord(id: nil, owner: owner, name: name, settings: json, shareable: false, shareToken: nil,
                                      createdAt: now, updatedAt: now)
                Self.applyShareable(&r, shareable ?? false)
                let rows = try tx.run(PostgresQuery(unsafeSQL: "INSERT INTO dataviewer.session (name, settings, shareable, share_token, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING \(Self.sessionColumns)",
                                                    binds: binds(name, json, r.shareable, r.shareToken, now, now)))
                guard let row = rows.first else { throw .database("the server did not return the saved session") }
                let created = try record(row)
                try Self.recordVersion(tx, created, kind: "created", watermark: .some(watermark))
                return created
            } }
        } catch .database(let m) where m.contains("duplicate key") {
            throw .sessionExists(name: name)  // saved at the same moment by another process of the same user
        }
    }

    static func applyShareable(_ r: inout SessionRecord, _ on: Bool) {
        r.shareable = on
        if on && r.shareToken == nil { r.shareToken = ShareLink.newToken() }
    }

    public func delete(owner: String, name: String) throws(LibraryError) {
        try mine(owner)
        var q = PostgresQuery(unsafeSQL: "DELETE FROM dataviewer.session WHERE owner = \(TeamLibrary.me) AND name = $1 RETURNING id")
        q.binds.append(name)
        if try online("delete a session", { () throws(LibraryError) in try db.query(q) }).isEmpty { throw .noSuchSession(name: name) }
    }

    public func rename(owner: String, from: String, to rawNew: String) throws(LibraryError) -> SessionRecord {
        try mine(owner)
        let newName = try SessionName.validate(rawNew)
        return try online("rename a session") { () throws(LibraryError) in try db.transaction { tx throws(LibraryError) in
            guard var r = try selectForUpdate(tx, from) else { throw .noSuchSession(name: from) }
            if newName == from { return r }
            if try selectForUpdate(tx, newName) != nil { throw .sessionExists(name: newName) }
            r.name = newName
            r.updatedAt = max(libraryNow(), r.updatedAt + 1)
            let renamed = try update(tx, r)
            try Self.recordVersion(tx, renamed, kind: "renamed", detail: from)
            return renamed
        } }
    }

    public func setShareable(owner: String, name: String, _ on: Bool) throws(LibraryError) -> SessionRecord {
        try online(on ? "share a session" : "stop sharing a session") { () throws(LibraryError) in
            // Only a change of the flag is a version; ticking an already shared session is not.
            try modify(owner, name, kind: { was, now in was.shareable == now.shareable ? nil : (now.shareable ? "shared" : "unshared") }) { r in
                Self.applyShareable(&r, on)
            }
        }
    }

    public func newLink(owner: String, name: String) throws(LibraryError) -> SessionRecord {
        try online("replace a link") { () throws(LibraryError) in
            try modify(owner, name, kind: { _, _ in "new-link" }) { r in
                r.shareToken = ShareLink.newToken()  // the trigger retires the old one
                r.shareable = true
            }
        }
    }

    /// Changes a session in one transaction; `kind` names the version it makes (nil: none).
    private func modify(_ owner: String, _ name: String, kind: (SessionRecord, SessionRecord) -> String?,
                        _ change: (inout SessionRecord) -> Void) throws(LibraryError) -> SessionRecord {
        try mine(owner)
        return try db.transaction { tx throws(LibraryError) in
            guard var r = try selectForUpdate(tx, name) else { throw .noSuchSession(name: name) }
            let before = r
            change(&r)
            let after = try update(tx, r)
            if let k = kind(before, after) { try Self.recordVersion(tx, after, kind: k) }
            return after
        }
    }

    public func resolve(link: String) throws(LibraryError) -> Result<SessionRecord, LinkError> {
        guard let token = ShareLink.token(in: link) else { return .failure(.malformed) }
        try reachable()
        var q = PostgresQuery(unsafeSQL: "SELECT status, s_owner, s_name, s_settings, s_created, s_updated FROM dataviewer.shared_session($1)")
        q.binds.append(token)
        guard let row = try db.query(q).first,
              let (status, owner, name, settings, created, updated) = try? row.decode((String, String?, String?, String?, Int64?, Int64?).self)
        else { return .failure(.unknown) }
        switch status {
        case "shared":
            guard let owner, let name, let settings else { return .failure(.unknown) }
            return .success(SessionRecord(id: nil, owner: owner, name: name, settings: settings, shareable: true, shareToken: token,
                                          createdAt: created ?? 0, updatedAt: updated ?? 0, linkPrefix: address.linkPrefix))
        case "not-shared": return .failure(.notShared)
        case "deleted": return .failure(.deleted)
        case "replaced": return .failure(.replaced)
        default: return .failure(.unknown)
        }
    }

    // MARK: autosave, history, preferences

    public func preference(owner: String, key: String) throws(LibraryError) -> String? {
        try mine(owner)
        try reachable()
        return try db.query("SELECT value FROM dataviewer.preference WHERE owner = \(unescaped: TeamLibrary.me) AND key = \(key)").first
            .flatMap { try? $0.decode(String.self) }
    }

    public func setPreference(owner: String, key: String, value: String) throws(LibraryError) {
        try mine(owner)
        try reachable()
        _ = try db.query("""
            INSERT INTO dataviewer.preference (key, value) VALUES (\(key), \(value))
            ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value
            """)
    }

    public func idle() {}

    /// Listens for sessions changed on the server (someone saved, renamed, deleted or unshared) and
    /// reports autosaves waiting for it. Only the viewer watches: a command opens no second connection.
    public func watch(_ news: @escaping @Sendable (LibraryNews) -> Void) {
        listener.start { news(.sessionsChanged) }
        pusher.watchStatus { news(.waiting($0)) }
    }

    /// Every change to a session is notified (and a reconnected listener says so once).
    public var announcesChanges: Bool { true }
}

/// Binds in order, for statements written with $1, $2, …
func binds(_ values: (any PostgresDynamicTypeEncodable)?...) -> PostgresBindings {
    var b = PostgresBindings()
    for v in values {
        if let v { b.append(v) } else { b.appendNull() }
    }
    return b
}
