import Foundation

/// One saved session. `settings` is the JSON settings document, kept as text: the library stores
/// documents and never needs the view's types.
public struct SessionRecord: Equatable, Sendable, Codable {
    public var id: Int64?
    public var owner: String
    public var name: String
    public var settings: String
    public var shareable: Bool
    /// Kept when sharing stops, so that sharing again brings the same link back.
    public var shareToken: String?
    /// Milliseconds since the epoch.
    public var createdAt: Int64
    public var updatedAt: Int64
    /// What the token is appended to: a link names its library (not stored, set by the backend).
    public var linkPrefix = ShareLink.prefix

    enum CodingKeys: String, CodingKey { case id, owner, name, settings, shareable, shareToken, createdAt, updatedAt }

    public init(id: Int64?, owner: String, name: String, settings: String, shareable: Bool, shareToken: String?,
                createdAt: Int64, updatedAt: Int64, linkPrefix: String = ShareLink.prefix) {
        self.id = id
        self.owner = owner
        self.name = name
        self.settings = settings
        self.shareable = shareable
        self.shareToken = shareToken
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.linkPrefix = linkPrefix
    }

    public var link: String? { shareable ? shareToken.map { linkPrefix + $0 } : nil }
}

/// Local links look like `dataviewer://session/<token>`, team links `dataviewer://HOST[:PORT]/DB/s/<token>`;
/// the token is 128 random bits, base64url.
public enum ShareLink {
    public static let prefix = "dataviewer://session/"

    public static func make(_ token: String) -> String { prefix + token }

    /// 16 bytes from the system's secure source (getrandom on Linux), never derived from an id.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Validation of session names typed by people or passed on the command line.
public enum SessionName {
    public static func validate(_ raw: String) throws(LibraryError) -> String {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalidName(name: raw, reason: "it is empty") }
        guard name.count <= 100 else { throw .invalidName(name: String(name.prefix(20)) + "…", reason: "it is longer than 100 characters") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
            throw .invalidName(name: name.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined(), reason: "it contains control characters")
        }
        return name
    }
}
