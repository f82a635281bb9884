@_exported import LibraryCore
import Foundation
import GRDB

/// The local session library: one SQLite file, shared safely by several processes.
public final class Library: LibraryBackend, @unchecked Sendable {
    public let path: String
    let pool: DatabasePool
    public var location: String { path }
    /// Anyone may name themselves with `--user` on a local file: it is the user's own.
    public var login: String? { nil }

    /// `--library PATH`, else `DATAVIEWER_LIBRARY`, else `$XDG_DATA_HOME/dataviewer/library.sqlite`.
    public static func resolvePath(explicit: String?, environment env: [String: String]) -> String {
        if let p = explicit, !p.isEmpty { return p }
        if let p = env["DATAVIEWER_LIBRARY"], !p.isEmpty { return p }
        let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return data + "/dataviewer/library.sqlite"
    }

    public init(path: String) throws(LibraryError) {
        self.path = path
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !fm.fileExists(atPath: folder) {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            catch { throw .cannotOpen(path: path, reason: "cannot create the folder \(folder)") }
        }
        if fm.fileExists(atPath: path) { try Self.checkHeader(path) }
        let config = Self.configuration()
        try Self.prepareSchema(path, config)
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(15)
        config.label = "dataviewer-library"
        config.journalMode = .wal
        // Checkpoints run when the viewer is idle (`checkpoint()`), not inside an autosave's commit,
        // so that writing the view on a keystroke never waits for one.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        return config
    }

    /// A file that exists but does not start like SQLite is refused before SQLite touches it.
    static func checkHeader(_ path: String) throws(LibraryError) {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "permission denied")
        }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }  // an empty file becomes a new library
        guard head.starts(with: Array("SQLite format 3\0".utf8)) else { throw .notALibrary(path: path) }
    }

    static func translate(_ error: Error, path: String) -> LibraryError {
        if let e = error as? LibraryError { return e }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notALibrary(path: path)
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
            case .SQLITE_CANTOPEN:
                // An existing library in a folder (or a file) that cannot be written: say so.
                let folder = (path as NSString).deletingLastPathComponent
                if FileManager.default.fileExists(atPath: path),
                   access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                    return .readOnly(path: path)
                }
                return .cannotOpen(path: path, reason: db.message ?? "unable to open the file")
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
            case .SQLITE_FULL: return .database("the disk is full; nothing was saved")
            default: return .database(db.message ?? "\(db.resultCode)")
            }
        }
        return .database("\(error)")
    }

    func write<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        do { return try pool.write(body) } catch { throw Self.translate(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        do { return try pool.read(body) } catch { throw Self.translate(error, path: path) }
    }

    /// Short-lived users (the CLI) leave the log folded in as they go.
    deinit { checkpoint() }

    public func idle() { checkpoint() }

    /// Moves the write-ahead log into the database; cheap when there is little to move.
    public func checkpoint() {
        try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    static var now: Int64 { libraryNow() }

    // MARK: schema

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: sessions and autosave") { db in
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("owner", .text).notNull()
                t.column("name", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("shareable", .boolean).notNull().defaults(to: false)
                t.column("shareToken", .text).unique()
                t.column("createdAt", .integer).notNull()
                t.column("updatedAt", .integer).notNull()
                t.uniqueKey(["owner", "name"])
            }
            // Tokens of links that were replaced or whose session was deleted: their own sentence.
            try db.create(table: "retiredLink") { t in
                t.primaryKey("token", .text)
                t.column("reason", .text).notNull()
                t.column("retiredAt", .integer).notNull()
            }
            // Undo/redo stacks of the autosaved view (position 0 = oldest).
            try db.create(table: "history") { t in
                t.column("owner", .text).notNull()
                t.column("dataKey", .text).notNull()
                t.column("stack", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("settings", .text).notNull()
                t.primaryKey(["owner", "dataKey", "stack", "position"])
            }
            // Per-user preferences (the theme): never part of a session.
            try db.create(table: "preference") { t in
                t.column("owner", .text).notNull()
                t.column("key", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["owner", "key"])
            }
            try db.create(table: "autosave") { t in
                t.column("owner", .text).notNull()
                t.column("dataKey", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("sessionName", .text)
                // The session's settings as last saved or loaded: restores the modified mark exactly.
                t.column("baseline", .text)
                // Where the user was (focus, cursor): not part of a session, but part of "exactly that view".
                t.column("place", .text)
                t.column("savedAt", .integer).notNull()
                t.primaryKey(["owner", "dataKey"])
            }
        }
        registerHistoryMigration(&m)
        return m
    }

    /// Brings the schema up to date before the library is used. Several processes may open a
    /// new (or old) library at once: one migrates under a lock file, the others wait, then find
    /// the work done. Each check uses a fresh connection, so no stale schema is remembered.
    static func prepareSchema(_ path: String, _ config: Configuration) throws(LibraryError) {
        let m = migrator
        let total = 2
        // Checks change nothing (no journal mode switch): a refused library stays byte for byte.
        func state() throws(LibraryError) -> Int {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size == 0 { return 0 }  // a new library
            var plain = config
            plain.journalMode = .default
            do {
                let q = try DatabaseQueue(path: path, configuration: plain)
                defer { try? q.close() }
                let s = try q.read { db in (try m.hasBeenSuperseded(db), try m.completedMigrations(db).count) }
                if s.0 { throw LibraryError.newerSchema(path: path) }
                return s.1
            } catch {
                throw translate(error, path: path)
            }
        }
        // Without the lock another process may be half-way through creating the schema: any
        // doubt (an error included) is settled under the lock.
        do {
            if try state() == total { return }
        } catch .notALibrary(let p) {
            throw .notALibrary(path: p)  // refused at once: nothing is created beside it
        } catch .newerSchema(let p) {
            throw .newerSchema(path: p)
        } catch {}
        let lockPath = path + ".lock"
        let lockExisted = FileManager.default.fileExists(atPath: lockPath)
        let lock = open(lockPath, O_CREAT | O_RDWR, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        var refused = false
        defer {
            if lock >= 0 { flock(lock, LOCK_UN); close(lock) }
            if refused && !lockExisted { unlink(lockPath) }  // leave a refused file's folder as it was
        }
        let done: Int
        do { done = try state() } catch { refused = true; throw error }
        if done == total { return }
        if done > 0 {
            // An older library: keep a copy before changing its schema.
            try? FileManager.default.copyItem(atPath: path, toPath: path + ".backup-before-migration-\(now)")
        }
        do {
            let q = try DatabaseQueue(path: path, configuration: config)
            defer { try? q.close() }
            try m.migrate(q)
        } catch {
            throw translate(error, path: path)
        }
    }
}
