import Foundation

/// A throwaway PostgreSQL server for tests: `initdb` into a temp folder (as the `postgres` OS user
/// when running as root), started on a private port and socket folder with `fsync=off`, password
/// (SCRAM) authentication for everyone. One per test process; stopped when the process exits.
public final class PostgresServer: @unchecked Sendable {
    public static let superuser = "postgres"
    public static let superPassword = "super-secret-pw"
    /// Team members: SCRAM passwords, no superuser, granted the library's group role.
    public static let users = ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"]

    public let port: Int
    public let folder: String
    let bin: String
    private let lock = NSLock()
    /// Database names are unique in the process, across servers: a client that reached the wrong
    /// server would find no database of its name.
    nonisolated(unsafe) private static var counter = 0

    /// The server binaries, or nil (then the tests that need them are skipped).
    public static let binaries: String? = {
        let fm = FileManager.default
        var candidates: [String] = []
        if let dirs = try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += dirs.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        candidates += ["/usr/local/bin", "/usr/bin", "/opt/homebrew/bin"]
        return candidates.first { fm.isExecutableFile(atPath: $0 + "/initdb") && fm.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }()

    public static var available: Bool { binaries != nil }

    /// The shared server, started on first use (nil when PostgreSQL is not installed).
    public static let shared: PostgresServer? = {
        guard let bin = binaries else { return nil }
        do { return try PostgresServer(bin: bin) } catch {
            FileHandle.standardError.write(Data("test PostgreSQL server did not start: \(error)\n".utf8))
            return nil
        }
    }()

    /// A server of one's own, for a test that stops and starts it. With `tls`, it speaks TLS with a
    /// certificate of its own (`certificate`, for `localhost` and 127.0.0.1) and refuses every
    /// connection over TCP that is not encrypted, as a server on a shared network would.
    public static func makePrivate(tls: Bool = false) throws -> PostgresServer? {
        guard let bin = binaries else { return nil }
        return try PostgresServer(bin: bin, tls: tls)
    }

    /// The server's self-signed certificate (its own root), when it speaks TLS.
    public private(set) var certificate: String? = nil

    nonisolated(unsafe) static var toStop: [(String, String)] = []

    init(bin: String, tls: Bool = false) throws {
        self.bin = bin
        folder = NSTemporaryDirectory() + "dv-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/sock", withIntermediateDirectories: true)
        port = Self.portOfItsOwn()
        let pw = folder + "/pw"
        try Self.superPassword.write(toFile: pw, atomically: true, encoding: .utf8)
        if getuid() == 0 { _ = try Self.run("/bin/chown", ["-R", "postgres:postgres", folder]) }
        try asOwner(bin + "/initdb", ["-D", folder + "/data", "-U", Self.superuser, "--auth=scram-sha-256",
                                      "--pwfile=" + pw, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try """
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(folder)/sock'
            fsync = off
            full_page_writes = off
            max_connections = 400
            shared_buffers = 64MB
            \(tls ? try Self.tlsSettings(in: folder + "/data") : "")
            """.write(toFile: folder + "/data/postgresql.auto.conf", atomically: true, encoding: .utf8)
        if tls {
            certificate = folder + "/data/server.crt"
            try """
                local all all scram-sha-256
                hostssl all all 127.0.0.1/32 scram-sha-256
                hostssl all all ::1/128 scram-sha-256
                hostnossl all all all reject
                """.write(toFile: folder + "/data/pg_hba.conf", atomically: true, encoding: .utf8)
        }
        if getuid() == 0 { _ = try Self.run("/bin/chown", ["-R", "postgres:postgres", folder + "/data"]) }
        try start()
        Self.toStop.append((bin + "/pg_ctl", folder))
        atexit {
            for (pgctl, folder) in PostgresServer.toStop {
                let args = ["-D", folder + "/data", "-m", "immediate", "stop"]
                if getuid() == 0 { _ = try? PostgresServer.run("/usr/sbin/runuser", ["-u", "postgres", "--", pgctl] + args) }
                else { _ = try? PostgresServer.run(pgctl, args) }
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        try psql("postgres", """
            CREATE ROLE dataviewer_users NOLOGIN;
            \(Self.users.map { "CREATE ROLE \($0.key) LOGIN PASSWORD '\($0.value)' IN ROLE dataviewer_users;" }.joined(separator: "\n"))
            """)
        try psql("postgres", "CREATE DATABASE dv_template")
    }

    /// A key and a self-signed certificate for localhost and 127.0.0.1, and the settings that use them.
    static func tlsSettings(in data: String) throws -> String {
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else { throw CommandFailed(command: "openssl", output: "not installed (scripts/deps installs it)") }
        try run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                          "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                          "-keyout", data + "/server.key", "-out", data + "/server.crt"])
        chmod(data + "/server.key", 0o600)
        return "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'"
    }

    public func start() throws {
        try asOwner(bin + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60", "start"])
    }

    /// Stops the server at once (connections are cut), as a crash or a network loss would.
    public func stop() throws {
        try asOwner(bin + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// `postgres://user@127.0.0.1:PORT/db`.
    /// Without an `sslmode`, the one this server accepts: `require` when it speaks TLS, else `disable`.
    public func url(_ database: String, user: String? = nil, host: String = "127.0.0.1", sslmode: String? = nil) -> String {
        let mode = sslmode ?? (certificate == nil ? "disable" : "require")
        return "postgres://\(user.map { "\($0)@" } ?? "")\(host):\(port)/\(database)?sslmode=\(mode)"
    }

    /// Environment for a client acting as `user` (libpq's variables).
    public func environment(user: String) -> [String: String] {
        ["PGUSER": user, "PGPASSWORD": user == Self.superuser ? Self.superPassword : (Self.users[user] ?? "")]
    }

    /// A fresh database for one test; `initialised` copies the migrated template.
    public func makeDatabase(initialised: Bool = true, initialise: (String) throws -> Void) throws -> String {
        let name: String = Self.portLock.withLock { Self.counter += 1; return "dv_\(getpid())_\(Self.counter)" }
        if initialised {
            try templateReady(initialise)
            try psql("postgres", "CREATE DATABASE \(name) TEMPLATE dv_template;")
        } else {
            try psql("postgres", "CREATE DATABASE \(name);")
        }
        return name
    }

    private var templateDone = false
    private func templateReady(_ initialise: (String) throws -> Void) throws {
        try lock.withLock {
            if templateDone { return }
            try initialise(url("dv_template", user: Self.superuser))
            templateDone = true
        }
    }

    /// Runs SQL with psql as `user` (the superuser by default); returns its output (tuples only).
    @discardableResult
    public func psql(_ database: String, _ sql: String, user: String = PostgresServer.superuser) throws -> String {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment(user: user) { env[k] = v }
        // CREATE DATABASE … TEMPLATE needs the template unused: retry briefly while another test copies it.
        for attempt in 0..<20 {
            do {
                return try Self.run(psqlPath, ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)",
                                               "-d", database, "-c", sql], environment: env)
            } catch let e as CommandFailed where e.output.contains("is being accessed by other users") && attempt < 19 {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        throw CommandFailed(command: "psql", output: "template busy")
    }

    var psqlPath: String {
        FileManager.default.isExecutableFile(atPath: bin + "/psql") ? bin + "/psql" : "/usr/bin/psql"
    }

    func asOwner(_ exe: String, _ args: [String]) throws {
        // From /tmp: the postgres user may not enter the caller's folder.
        if getuid() == 0 { _ = try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", "/usr/bin/env", "-C", "/tmp", exe] + args) }
        else { _ = try Self.run(exe, args) }
    }

    public struct CommandFailed: Error, CustomStringConvertible {
        public let command: String
        public let output: String
        public var description: String { "\(command) failed: \(output)" }
    }

    /// posix_spawn and waitpid: Foundation's Process can miss a child's exit when many run at once.
    @discardableResult
    static func run(_ exe: String, _ args: [String], environment: [String: String]? = nil) throws -> String {
        // A file, not a pipe: `pg_ctl start` leaves the server holding its output, and a pipe would never end.
        let outPath = NSTemporaryDirectory() + "dv-pg-out-\(UUID().uuidString)"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        guard rc == 0 else { throw CommandFailed(command: exe, output: "cannot start (\(rc))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else { throw CommandFailed(command: ([exe] + args).joined(separator: " "), output: text) }
        return text
    }

    nonisolated(unsafe) private static var handedOut: Set<Int> = []
    private static let portLock = NSLock()

    /// A free port that no other server of this process was given: a stopped server's port stays
    /// its own, or a colleague's server started meanwhile would answer in its place (same logins,
    /// same database names) and a test of the server going away would see it still there.
    public static func portOfItsOwn() -> Int {
        portLock.withLock {
            while true {
                let p = freePort()
                if handedOut.insert(p).inserted { return p }
            }
        }
    }

    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
