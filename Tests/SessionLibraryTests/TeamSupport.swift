import Foundation
import GRDB
import PostgresHarness
@testable import SessionLibrary
import TeamLibrary

/// A library for two people, alice and bob, on either backend.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }

    /// The two people's views of one fresh library.
    func make() throws -> (alice: any LibraryBackend, bob: any LibraryBackend) {
        switch self {
        case .sqlite:
            let path = tempLibraryPath()
            return (try Library(path: path), try Library(path: path))
        case .postgres:
            let db = try TeamTest.database()
            return (try TeamTest.open(db, as: "alice"), try TeamTest.open(db, as: "bob"))
        }
    }
}

/// One fresh library on a backend, with what a test needs beyond the library API.
struct LibraryFixture {
    let alice: any LibraryBackend
    let bob: any LibraryBackend
    /// Opens the same library again as alice (another process, another connection).
    let again: @Sendable () throws -> any LibraryBackend
    /// The library's keep-versions setting, as its administrator changes it.
    let setKeepVersions: (Int) throws -> Void
    /// Versions left without their session (must be none).
    let orphanVersions: () throws -> Int
}

extension Backend {
    func fixture() throws -> LibraryFixture {
        switch self {
        case .sqlite:
            let path = tempLibraryPath()
            let alice = try Library(path: path)
            return LibraryFixture(alice: alice, bob: try Library(path: path), again: { try Library(path: path) },
                                  setKeepVersions: { try alice.setKeepVersions($0) },
                                  orphanVersions: {
                                      try DatabaseQueue(path: path).read { db in
                                          try Int.fetchOne(db, sql: "SELECT count(*) FROM sessionVersion WHERE sessionID NOT IN (SELECT id FROM session)") ?? -1
                                      }
                                  })
        case .postgres:
            let db = try TeamTest.database()
            let server = TeamTest.server
            // A setting of the library: only its administrator (here the superuser, through library init) sets it.
            let admin = try TeamAddress.parse(server.url(db), environment: server.environment(user: PostgresServer.superuser))
            return LibraryFixture(alice: try TeamTest.open(db, as: "alice"), bob: try TeamTest.open(db, as: "bob"),
                                  again: { try TeamTest.open(db, as: "alice") },
                                  setKeepVersions: { _ = try TeamLibrary.initialise(admin, keepVersions: $0) },
                                  orphanVersions: {
                                      let out = try server.psql(db, "SELECT count(*) FROM dataviewer.session_version WHERE session_id NOT IN (SELECT id FROM dataviewer.session)")
                                      return Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                                  })
        }
    }
}

enum TeamTest {
    static var server: PostgresServer { PostgresServer.shared! }

    /// A fresh database copied from the migrated template (of the shared server, or of one's own).
    static func database(on s: PostgresServer = server, initialised: Bool = true) throws -> String {
        try s.makeDatabase(initialised: initialised) { url in
            _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: s.environment(user: PostgresServer.superuser)))
        }
    }

    /// `user`'s address of a database, with only the password the test gives (no ~/.pgpass).
    static func address(_ db: String, on s: PostgresServer = server, as user: String, password: String? = nil,
                        url: String? = nil, environment extra: [String: String] = [:]) throws -> TeamAddress {
        var env = s.environment(user: user)
        if let password { env["PGPASSWORD"] = password }
        env["PGPASSFILE"] = "/nonexistent"
        env.merge(extra) { $1 }
        return try TeamAddress.parse(url ?? s.url(db), environment: env)
    }

    static func open(_ db: String, as user: String) throws -> TeamLibrary {
        try TeamLibrary(address(db, as: user))
    }
}
