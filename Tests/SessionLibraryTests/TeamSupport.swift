import Foundation
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

enum TeamTest {
    static var server: PostgresServer { PostgresServer.shared! }

    /// A fresh database copied from the migrated template.
    static func database(initialised: Bool = true) throws -> String {
        try server.makeDatabase(initialised: initialised) { url in
            _ = try TeamLibrary.initialise(TeamAddress.parse(url, environment: server.environment(user: PostgresServer.superuser)))
        }
    }

    static func address(_ db: String, as user: String, password: String? = nil) throws -> TeamAddress {
        var env = server.environment(user: user)
        if let password { env["PGPASSWORD"] = password }
        env["PGPASSFILE"] = "/nonexistent"
        return try TeamAddress.parse(server.url(db), environment: env)
    }

    static func open(_ db: String, as user: String) throws -> TeamLibrary {
        try TeamLibrary(address(db, as: user))
    }
}
