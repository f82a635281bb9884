import Foundation

/// Why a link does not open. Each has its own sentence.
public enum LinkError: Error, Equatable, CustomStringConvertible {
    case malformed
    case unknown
    case notShared
    case deleted
    case replaced

    public var description: String {
        switch self {
        case .malformed: return "this is not a dataviewer link; links look like dataviewer://HOST/DATABASE/s/<token> or \(ShareLink.prefix)<token>"
        case .unknown: return "no shared session has this link; check that it was copied whole"
        case .notShared: return "the session behind this link is no longer shared; ask its owner to share it again"
        case .deleted: return "the session behind this link was deleted by its owner"
        case .replaced: return "this link was replaced by a new one; ask the session's owner for the new link"
        }
    }
}

/// Where a link points: a session in the local library, or in a team library it names.
public enum LinkTarget: Equatable, Sendable {
    case local(token: String)
    case team(host: String, port: Int?, database: String, token: String)
}

extension ShareLink {
    /// The token of a link, or nil when the text is not a well-formed dataviewer link.
    public static func token(in link: String) -> String? {
        switch target(of: link) {
        case .local(let t)?, .team(_, _, _, let t)?: return t
        case nil: return nil
        }
    }

    /// `dataviewer://session/TOKEN` or `dataviewer://HOST[:PORT]/DB/s/TOKEN`; nil for anything else.
    public static func target(of link: String) -> LinkTarget? {
        let text = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("dataviewer://") else { return nil }
        let parts = text.dropFirst("dataviewer://".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let token = parts.last, isToken(token) else { return nil }
        if parts.count == 2, parts[0] == "session" { return .local(token: token) }
        guard parts.count == 4, parts[2] == "s", !parts[0].isEmpty, !parts[1].isEmpty,
              let database = parts[1].removingPercentEncoding else { return nil }
        let (host, port) = splitHostPort(parts[0])
        guard let host, !host.isEmpty else { return nil }
        if port == -1 { return nil }
        return .team(host: host, port: port, database: database, token: token)
    }

    /// The start of the links of a team library: `dataviewer://HOST[:PORT]/DB/s/`.
    public static func teamPrefix(host: String, port: Int?, database: String) -> String {
        let h = host.contains(":") ? "[\(host)]" : host
        let db = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? database
        return "dataviewer://\(h)\(port.map { ":\($0)" } ?? "")/\(db)/s/"
    }

    public static func looksLikeLink(_ s: String) -> Bool { s.hasPrefix("dataviewer:") }

    static func isToken(_ t: String) -> Bool {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return t.count == 22 && t.allSatisfy { alphabet.contains($0) }
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`; a port that is not a number gives -1.
    public static func splitHostPort(_ s: String) -> (String?, Int?) {
        var rest = Substring(s)
        var host: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return (nil, nil) }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            rest = rest[colon...]
        } else {
            host = rest
            rest = ""
        }
        if rest.isEmpty { return (String(host), nil) }
        guard rest.hasPrefix(":"), let p = Int(rest.dropFirst()), (1...65535).contains(p) else { return (String(host), -1) }
        return (String(host), p)
    }
}
