import Foundation
import LibraryCore

/// Where a team library is and who connects to it: the URL, then libpq's environment and ~/.pgpass.
public struct TeamAddress: Equatable, Sendable {
    public enum TLSMode: String, Sendable { case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full" }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: String?
    public var tls: TLSMode
    /// The certificate to trust for verify-ca and verify-full (PGSSLROOTCERT, else
    /// ~/.postgresql/root.crt, as libpq finds it); nil trusts the system's roots.
    public var rootCertificate: String? = nil
    /// Whether the URL named the port (links repeat only what the URL said).
    var explicitPort: Bool

    /// `postgres://host:port/db`, without credentials: safe to print.
    public var display: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(h):\(port)/\(database)"
    }

    /// The prefix of this library's links, `dataviewer://HOST[:PORT]/DB/s/`.
    public var linkPrefix: String { ShareLink.teamPrefix(host: host, port: port == 5432 ? nil : port, database: database) }

    public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// Parses `postgres://[user[:password]@]host[:port]/db[?sslmode=…]`; what the URL leaves out
    /// comes from PGUSER, PGPASSWORD, PGHOST, PGPORT, PGDATABASE, PGSSLMODE, then PGPASSFILE or ~/.pgpass.
    public static func parse(_ text: String, environment env: [String: String]) throws(LibraryError) -> TeamAddress {
        func bad(_ reason: String) -> LibraryError { .malformedURL(text: Self.redacted(text), reason: reason) }
        guard isURL(text) else { throw bad("it does not start with postgres://") }
        var rest = Substring(text[text.range(of: "://")!.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: q)...]); rest = rest[..<q] }
        var path = ""
        if let slash = rest.firstIndex(of: "/") { path = String(rest[rest.index(after: slash)...]); rest = rest[..<slash] }
        var user: String? = nil, password: String? = nil
        if let at = rest.lastIndex(of: "@") {
            let cred = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = cred.firstIndex(of: ":") {
                user = String(cred[..<colon]).removingPercentEncoding
                password = String(cred[cred.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(cred).removingPercentEncoding
            }
            if user == nil { throw bad("the user name is badly encoded") }
        }
        let (h, p) = ShareLink.splitHostPort(String(rest))
        if p == -1 { throw bad("the port is not a number from 1 to 65535") }
        guard let h else { throw bad("the host is badly written") }
        if path.contains("/") { throw bad("the database name has a slash") }
        var tls = TLSMode(rawValue: env["PGSSLMODE"] ?? "") ?? .prefer
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw bad("\"\(pair)\" is not key=value") }
            switch kv[0] {
            case "sslmode":
                guard let m = TLSMode(rawValue: kv[1]) else { throw bad("sslmode must be disable, allow, prefer, require, verify-ca or verify-full") }
                tls = m
            case "user": user = kv[1]
            case "password": password = kv[1]
            case "host": throw bad("unix sockets are not supported; give a host name")
            default: throw bad("\"\(kv[0])\" is not a setting dataviewer knows")
            }
        }
        let host = h.isEmpty ? (env["PGHOST"].flatMap { $0.isEmpty || $0.hasPrefix("/") ? nil : $0 } ?? "localhost") : h
        let port = p ?? env["PGPORT"].flatMap(Int.init) ?? 5432
        let database = (path.removingPercentEncoding ?? path).isEmpty ? (env["PGDATABASE"] ?? "") : (path.removingPercentEncoding ?? path)
        guard !database.isEmpty else { throw bad("it names no database") }
        let login = user ?? env["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.osLogin(env)
        let pass = password ?? env["PGPASSWORD"] ?? PassFile.lookup(env: env, host: host, port: port, database: database, user: login)
        return TeamAddress(host: host, port: port, database: database, user: login, password: pass, tls: tls,
                           rootCertificate: Self.rootCertificate(env), explicitPort: p != nil)
    }

    /// The URL of the library a team link names, for the opener's own credentials.
    public static func forLink(host: String, port: Int?, database: String, environment env: [String: String]) throws(LibraryError) -> TeamAddress {
        let h = host.contains(":") ? "[\(host)]" : host
        return try parse("postgres://\(h)\(port.map { ":\($0)" } ?? "")/\(database)", environment: env)
    }

    static func rootCertificate(_ env: [String: String]) -> String? {
        if let root = env["PGSSLROOTCERT"], !root.isEmpty { return root }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        let path = home + "/.postgresql/root.crt"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func osLogin(_ env: [String: String]) -> String {
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "postgres"
    }

    /// The URL as typed, with any password replaced: sentences never show secrets.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > scheme.upperBound else { return text }
        let cred = text[scheme.upperBound..<at]
        guard let colon = cred.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// libpq's password file: `host:port:database:user:password`, `*` matches anything, `\` escapes.
enum PassFile {
    static func lookup(env: [String: String], host: String, port: Int, database: String, user: String) -> String? {
        let path = env["PGPASSFILE"] ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let f = fields(String(line))
            guard f.count == 5 else { continue }
            let want = [host, String(port), database, user]
            if zip(f.prefix(4), want).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }) { return f[4] }
        }
        return nil
    }

    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", escaped = false
        for c in line {
            if escaped { cur.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ":" && out.count < 4 { out.append(cur); cur = "" }
            else { cur.append(c) }
        }
        out.append(cur)
        return out
    }
}
