import GRDB

extension Library {
    public func preference(owner: String, key: String) throws(LibraryError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM preference WHERE owner = ? AND key = ?", arguments: [owner, key])
        }
    }

    public func setPreference(owner: String, key: String, value: String) throws(LibraryError) {
        try write { db in
            try db.execute(sql: "INSERT INTO preference (owner, key, value) VALUES (?, ?, ?) ON CONFLICT(owner, key) DO UPDATE SET value = excluded.value",
                           arguments: [owner, key, value])
        }
    }
}
