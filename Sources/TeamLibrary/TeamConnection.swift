import Foundation
import LibraryCore
import PostgresNIO

/// One connection to the server, used from ordinary threads: each call waits for its answer on a
/// private one-thread event loop (never the shared singleton, never the caller's thread pool).
final class TeamConnection: @unchecked Sendable {
    let address: TeamAddress
    private let group: MultiThreadedEventLoopGroup
    private var connection: PostgresConnection?
    private let lock = NSLock()
    private let logger = quietLogger
    private static let ids = ManagedCounter()

    init(_ address: TeamAddress, group: MultiThreadedEventLoopGroup) {
        self.address = address
        self.group = group
    }

    deinit { try? connection?.close().wait() }

    func close() {
        lock.lock(); defer { lock.unlock() }
        try? connection?.close().wait()
        connection = nil
    }

    var isOpen: Bool {
        lock.lock(); defer { lock.unlock() }
        return connection.map { !$0.isClosed } ?? false
    }

    func configuration() throws(LibraryError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.tls {
            case .disable: tls = .disable
            case .allow, .prefer, .require:
                var c = TLSConfiguration.makeClientConfiguration()
                c.certificateVerification = .none
                let ctx = try NIOSSLContext(configuration: c)
                tls = address.tls == .require ? .require(ctx) : .prefer(ctx)
            case .verifyCA, .verifyFull:
                var c = TLSConfiguration.makeClientConfiguration()
                c.certificateVerification = address.tls == .verifyFull ? .fullVerification : .noHostnameVerification
                if let root = address.rootCertificate { c.trustRoots = .file(root) }
                tls = .require(try NIOSSLContext(configuration: c))
            }
        } catch {
            throw .unreachable(library: address.display, reason: "TLS could not be set up (\(error))")
        }
        var config = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                      password: address.password, database: address.database, tls: tls)
        config.options.connectTimeout = .seconds(5)
        // A name is checked against the certificate as sent; an address (which TLS may not send as a
        // name) is checked against the peer's address.
        if address.tls == .verifyFull, !Self.isAddressLiteral(address.host) { config.options.tlsServerName = address.host }
        return config
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The open connection, connecting first when there is none (or it was lost).
    private func live() throws(LibraryError) -> PostgresConnection {
        if let c = connection, !c.isClosed { return c }
        connection = nil
        let config = try configuration()
        do {
            let c = try PostgresConnection.connect(on: group.next(), configuration: config, id: Self.ids.next(), logger: logger).wait()
            connection = c
            return c
        } catch {
            throw TeamErrors.translate(error, address)
        }
    }

    /// Runs one statement and returns its rows.
    func query(_ q: PostgresQuery) throws(LibraryError) -> [PostgresRow] {
        try onLiveConnection { c in Array(try c.query(q, logger: logger).wait().rows) }
    }

    /// Runs a statement prepared once per connection: the server parses and plans it the first
    /// time only, which matters for statements sent many times a second (autosave pushes).
    func execute<S: PostgresPreparedStatement>(_ statement: S) throws(LibraryError) where S.Row == () {
        try onLiveConnection { c in _ = try waitFor { [logger] in try await c.execute(statement, logger: logger) } }
    }

    /// Runs `body` on the open connection, one caller at a time. A lost connection is retried once,
    /// freshly connected (a new connection prepares its statements again).
    private func onLiveConnection<T>(_ body: (PostgresConnection) throws -> T) throws(LibraryError) -> T {
        lock.lock(); defer { lock.unlock() }
        for attempt in 0..<2 {
            let c = try live()
            do {
                return try body(c)
            } catch {
                let e = TeamErrors.translate(error, address)
                if case .unreachable = e, attempt == 0 { connection = nil; continue }
                throw e
            }
        }
        throw .unreachable(library: address.display, reason: "the connection was lost")
    }

    /// Runs `body` inside BEGIN … COMMIT on this connection; any error rolls back.
    func transaction<T>(_ body: (TeamConnection.Tx) throws(LibraryError) -> T) throws(LibraryError) -> T {
        lock.lock(); defer { lock.unlock() }
        let c = try live()
        let tx = Tx(connection: c, logger: logger, address: address)
        do {
            try tx.run("BEGIN")
            let value = try body(tx)
            try tx.run("COMMIT")
            return value
        } catch {
            _ = try? c.query("ROLLBACK", logger: logger).wait()
            if case .unreachable = error { connection = nil }
            throw error
        }
    }

    struct Tx {
        let connection: PostgresConnection
        let logger: Logger
        let address: TeamAddress

        @discardableResult
        func run(_ q: PostgresQuery) throws(LibraryError) -> [PostgresRow] {
            do { return Array(try connection.query(q, logger: logger).wait().rows) }
            catch { throw TeamErrors.translate(error, address) }
        }
    }

    /// The raw connection for LISTEN (the listener owns its own `TeamConnection`).
    func withLive<T>(_ body: (PostgresConnection) throws -> T) throws(LibraryError) -> T {
        lock.lock(); defer { lock.unlock() }
        let c = try live()
        do { return try body(c) } catch { throw TeamErrors.translate(error, address) }
    }
}

/// The driver's log would write over the screen: only what cannot happen is let through.
let quietLogger: Logger = {
    var l = Logger(label: "dataviewer.team")
    l.logLevel = .critical
    return l
}()

final class ManagedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

/// Server and network errors as the sentences of `LibraryError`.
enum TeamErrors {
    static func translate(_ error: Error, _ a: TeamAddress) -> LibraryError {
        if let e = error as? LibraryError { return e }
        if let p = error as? PSQLError {
            if let state = p.serverInfo?[.sqlState] {
                let message = p.serverInfo?[.message] ?? "\(state)"
                switch state {
                case "28P01": return .wrongPassword(library: a.display, user: a.user)
                case "28000":
                    if message.contains("no encryption") {
                        return .noPermission(library: a.display, detail: "the server takes only encrypted connections (use ?sslmode=require or verify-full)")
                    }
                    return message.contains("no pg_hba.conf entry")
                        ? .noPermission(library: a.display, detail: "the server does not let \(a.user) connect from here")
                        : .noPermission(library: a.display, detail: message)
                case "3D000": return .noDatabase(library: a.display, database: a.database)
                case "42P01", "3F000", "42883": return .notInitialised(library: a.display)
                case "42501": return .noPermission(library: a.display, detail: message)
                case "57P01", "57P02", "57P03", "08006", "08003", "08001", "08004":
                    return .unreachable(library: a.display, reason: "the server is shutting down or starting (\(message))")
                case "53300": return .unreachable(library: a.display, reason: "the server has too many connections")
                default: return .database(message)
                }
            }
            switch p.code {
            case .authMechanismRequiresPassword: return .noPassword(library: a.display, user: a.user)
            case .sslUnsupported: return .unreachable(library: a.display, reason: "the server does not offer TLS (try ?sslmode=disable)")
            case .saslError: return .wrongPassword(library: a.display, user: a.user)
            case .unsupportedAuthMechanism: return .noPermission(library: a.display, detail: "the server asks for an authentication method dataviewer does not support")
            default:
                if let u = p.underlying { return unreachable(u, a) }
                return .unreachable(library: a.display, reason: "the connection was lost")
            }
        }
        return unreachable(error, a)
    }

    static func unreachable(_ error: Error, _ a: TeamAddress) -> LibraryError {
        let text = "\(error)"
        if text.contains("connectTimeout") || text.contains("imeout") {
            return .unreachable(library: a.display, reason: "no answer within 5 seconds")
        }
        if text.contains("Connection refused") || text.contains("connectionRefused") || text.contains("ECONNREFUSED") {
            return .unreachable(library: a.display, reason: "nothing is listening on \(a.host) port \(a.port)")
        }
        if text.contains("NXDOMAIN") || text.contains("resolution") || text.contains("unknownHost") || text.contains("getaddrinfo") {
            return .unreachable(library: a.display, reason: "the host name \(a.host) is unknown")
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return .unreachable(library: a.display, reason: "the server's certificate is not trusted (set PGSSLROOTCERT to the certificate of the authority that signed it)")
        }
        if text.contains("ValidateHostname") || text.contains("hostname") {
            return .unreachable(library: a.display, reason: "the server's certificate is not made out to \(a.host)")
        }
        if error is NIOSSLError || text.contains("SSL") || text.contains("handshake") {
            return .unreachable(library: a.display, reason: "TLS failed (\(text.prefix(120)))")
        }
        return .unreachable(library: a.display, reason: "the connection failed or was lost")
    }
}

/// Waits on this (non-async) thread for an async call of the driver. The call runs on an executor
/// of its own, never on the concurrency pool: the waiting thread may be one of the pool's (a test, a
/// task), and with every pool thread waiting the call would never run.
private func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>(), done = DispatchSemaphore(value: 0)
    Task(executorPreference: DriverCallExecutor.shared) {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

/// A serial queue (it gets a thread of its own when it has work) that runs the driver's async calls.
private final class DriverCallExecutor: TaskExecutor {
    static let shared = DriverCallExecutor()
    private let queue = DispatchQueue(label: "dataviewer.team.driver-calls")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
