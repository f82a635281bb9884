import LibraryCore
import PostgresNIO

/// The team library's schema, as numbered migrations. `library init` applies them under an
/// advisory lock, so any number of people running it at once migrate exactly once.
public enum TeamSchema {
    public static let defaultGroup = "dataviewer_users"
    static let lockKey: Int64 = 0x6461_7461_7669_6577  // "dataview"

    static let migrations: [(version: Int, name: String, statements: [String])] = [
        (1, "sessions, autosave, history, preferences with row-level security", [
            """
            CREATE TABLE dataviewer.session (
                id bigserial PRIMARY KEY,
                owner text NOT NULL DEFAULT current_user,
                name text NOT NULL,
                settings text NOT NULL,
                shareable boolean NOT NULL DEFAULT false,
                share_token text UNIQUE,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                UNIQUE (owner, name))
            """,
            "CREATE INDEX session_by_owner ON dataviewer.session (owner, updated_at DESC, name)",
            // Tokens of replaced links and deleted sessions, so that each gets its own sentence.
            "CREATE TABLE dataviewer.retired_link (token text PRIMARY KEY, reason text NOT NULL, retired_at bigint NOT NULL)",
            """
            CREATE TABLE dataviewer.autosave (owner text NOT NULL DEFAULT current_user, data_key text NOT NULL,
                settings text NOT NULL, session_name text, baseline text, place text, saved_at bigint NOT NULL,
                PRIMARY KEY (owner, data_key))
            """,
            """
            CREATE TABLE dataviewer.history (owner text NOT NULL DEFAULT current_user, data_key text NOT NULL,
                stack text NOT NULL, position int NOT NULL, settings text NOT NULL,
                PRIMARY KEY (owner, data_key, stack, position))
            """,
            """
            CREATE TABLE dataviewer.preference (owner text NOT NULL DEFAULT current_user, key text NOT NULL,
                value text NOT NULL, PRIMARY KEY (owner, key))
            """,
        ] + ["session", "autosave", "history", "preference"].flatMap { t in [
            "ALTER TABLE dataviewer.\(t) ENABLE ROW LEVEL SECURITY",
            // Everyone reads and changes only their own rows, whatever client they use.
            "CREATE POLICY own_rows ON dataviewer.\(t) USING (owner = current_user) WITH CHECK (owner = current_user)",
        ] } + [
            """
            CREATE FUNCTION dataviewer.session_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = dataviewer, pg_temp AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.share_token IS NOT NULL THEN
                        INSERT INTO retired_link VALUES (OLD.share_token, 'deleted', (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                        ON CONFLICT (token) DO UPDATE SET reason = excluded.reason;
                    END IF;
                    PERFORM pg_notify('dataviewer_sessions', OLD.id::text);
                    RETURN OLD;
                END IF;
                IF TG_OP = 'UPDATE' AND OLD.share_token IS NOT NULL AND OLD.share_token IS DISTINCT FROM NEW.share_token THEN
                    INSERT INTO retired_link VALUES (OLD.share_token, 'replaced', (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                    ON CONFLICT (token) DO UPDATE SET reason = excluded.reason;
                END IF;
                -- Only the id: listeners re-read what they may see.
                PERFORM pg_notify('dataviewer_sessions', NEW.id::text);
                RETURN NEW;
            END $$
            """,
            "REVOKE ALL ON FUNCTION dataviewer.session_changed() FROM PUBLIC",
            "CREATE TRIGGER session_changed AFTER INSERT OR UPDATE OR DELETE ON dataviewer.session FOR EACH ROW EXECUTE FUNCTION dataviewer.session_changed()",
            // The one way to read someone else's session: by its token, and only while it is shared.
            """
            CREATE FUNCTION dataviewer.shared_session(p_token text)
            RETURNS TABLE (status text, s_owner text, s_name text, s_settings text, s_created bigint, s_updated bigint)
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = dataviewer, pg_temp AS $$
            BEGIN
                RETURN QUERY SELECT CASE WHEN s.shareable THEN 'shared' ELSE 'not-shared' END,
                    CASE WHEN s.shareable THEN s.owner END, CASE WHEN s.shareable THEN s.name END,
                    CASE WHEN s.shareable THEN s.settings END, s.created_at, s.updated_at
                    FROM session s WHERE s.share_token = p_token;
                IF FOUND THEN RETURN; END IF;
                RETURN QUERY SELECT r.reason, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::bigint
                    FROM retired_link r WHERE r.token = p_token;
            END $$
            """,
            "REVOKE ALL ON FUNCTION dataviewer.shared_session(text) FROM PUBLIC",
        ]),
        (2, "session versions, owner-only; the library's settings", [
            """
            CREATE TABLE dataviewer.session_version (
                session_id bigint NOT NULL REFERENCES dataviewer.session (id) ON DELETE CASCADE,
                number int NOT NULL,
                owner text NOT NULL DEFAULT current_user,
                kind text NOT NULL,
                detail text,
                author text NOT NULL DEFAULT current_user,
                at bigint NOT NULL,
                name text NOT NULL,
                shareable boolean NOT NULL,
                settings text NOT NULL,
                watermark text,
                PRIMARY KEY (session_id, number))
            """,
            "ALTER TABLE dataviewer.session_version ENABLE ROW LEVEL SECURITY",
            // Only the owner reads or writes a session's versions, and only for a session of their own:
            // sharing a session shares its current settings, never its history.
            """
            CREATE POLICY own_rows ON dataviewer.session_version USING (owner = current_user)
            WITH CHECK (owner = current_user AND EXISTS (SELECT 1 FROM dataviewer.session s WHERE s.id = session_id AND s.owner = current_user))
            """,
            "CREATE TABLE dataviewer.library_setting (key text PRIMARY KEY, value text NOT NULL)",
            // Every existing session starts its history with what it is now.
            """
            INSERT INTO dataviewer.session_version (session_id, number, owner, kind, author, at, name, shareable, settings)
            SELECT id, 1, owner, 'saved', owner, updated_at, name, shareable, settings FROM dataviewer.session
            """,
        ]),
    ]

    public static var latest: Int { migrations.last!.version }

    /// Creates or upgrades the schema and grants `group` what team members need. Returns the
    /// migrations this call applied (none when someone else already did).
    static func initialise(_ c: TeamConnection, group: String, keepVersions: Int? = nil, through: Int = latest) throws(LibraryError) -> [Int] {
        guard group.range(of: "^[A-Za-z_][A-Za-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw .database("\(group) cannot be a role name: use letters, digits and _")
        }
        return try c.transaction { tx throws(LibraryError) in
            try tx.run("SELECT pg_advisory_xact_lock(\(lockKey))")
            try tx.run("CREATE SCHEMA IF NOT EXISTS dataviewer")
            try tx.run(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS dataviewer.migration (version int PRIMARY KEY, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)
                """))
            let done = try tx.run("SELECT coalesce(max(version), 0) FROM dataviewer.migration").first
                .map { (try? $0.decode(Int.self)) ?? 0 } ?? 0
            if done > latest { throw .newerTeamSchema(library: c.address.display) }
            var applied: [Int] = []
            for m in migrations where m.version > done && m.version <= through {
                for sql in m.statements { try tx.run(PostgresQuery(unsafeSQL: sql)) }
                try tx.run("INSERT INTO dataviewer.migration (version, name) VALUES (\(m.version), \(m.name))")
                applied.append(m.version)
            }
            let g = "\"\(group)\""
            try tx.run(PostgresQuery(unsafeSQL: """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(group)') THEN CREATE ROLE \(g) NOLOGIN; END IF;
                END $$
                """))
            for sql in [
                "GRANT USAGE ON SCHEMA dataviewer TO \(g)",
                "GRANT SELECT ON dataviewer.migration TO \(g)",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON dataviewer.session, dataviewer.autosave, dataviewer.history, dataviewer.preference TO \(g)",
                "GRANT USAGE ON SEQUENCE dataviewer.session_id_seq TO \(g)",
                "GRANT EXECUTE ON FUNCTION dataviewer.shared_session(text) TO \(g)",
            ] { try tx.run(PostgresQuery(unsafeSQL: sql)) }
            if max(done, through) >= 2 {
                // Trimming their own old versions is part of every member's save.
                for sql in ["GRANT SELECT, INSERT, DELETE ON dataviewer.session_version TO \(g)",
                            "GRANT SELECT ON dataviewer.library_setting TO \(g)"] { try tx.run(PostgresQuery(unsafeSQL: sql)) }
            }
            if let keepVersions { try TeamLibrary.setKeepVersions(tx, keepVersions) }
            return applied
        }
    }

    /// The schema version in use; refuses a library that is missing, newer or older than this program.
    static func check(_ c: TeamConnection) throws(LibraryError) -> String {
        let rows = try c.query("SELECT current_user::text, (SELECT max(version) FROM dataviewer.migration)")
        guard let row = rows.first, let (login, version) = try? row.decode((String, Int?).self) else {
            throw .notInitialised(library: c.address.display)
        }
        guard let version else { throw .notInitialised(library: c.address.display) }
        if version > latest { throw .newerTeamSchema(library: c.address.display) }
        if version < latest { throw .olderTeamSchema(library: c.address.display) }
        return login
    }
}
