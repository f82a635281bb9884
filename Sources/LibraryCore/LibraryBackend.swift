import Foundation

/// The session library's API: what the viewer and the commands use, whichever backend holds it
/// (a SQLite file, or a team library on PostgreSQL). Settings travel as JSON documents, so no
/// backend needs the view's types; typed helpers sit on top of this in the view's own layer.
public protocol LibraryBackend: AnyObject, Sendable {
    /// The path or URL (without credentials), for sentences.
    var location: String { get }
    /// On a team library, the database login: the owner of everything saved. Nil where any name goes.
    var login: String? { get }

    func summaries(owner: String) throws(LibraryError) -> [SessionSummary]
    func list(owner: String) throws(LibraryError) -> [SessionRecord]
    func session(owner: String, name: String) throws(LibraryError) -> SessionRecord?
    /// Saves a (validated) settings document under `name`; replaces only with `overwrite`.
    /// `shareable` nil keeps the session's current flag.
    /// Each save is a new version; `watermark` (a JSON document) notes the data it was saved with.
    func saveDocument(owner: String, name: String, json: String, shareable: Bool?, overwrite: Bool, watermark: String?) throws(LibraryError) -> SessionRecord
    func delete(owner: String, name: String) throws(LibraryError)
    func rename(owner: String, from: String, to: String) throws(LibraryError) -> SessionRecord
    /// Unticking keeps the token, so ticking again brings the same link back.
    @discardableResult
    func setShareable(owner: String, name: String, _ on: Bool) throws(LibraryError) -> SessionRecord
    /// Replaces the link for good: the old one stops working at once.
    @discardableResult
    func newLink(owner: String, name: String) throws(LibraryError) -> SessionRecord
    /// The session a link points to, for any user of the library.
    func resolve(link: String) throws(LibraryError) -> Result<SessionRecord, LinkError>

    /// Writes the autosaved view (and the change of the undo stacks) in one transaction; returns its time.
    func writeAutosave(owner: String, dataKey: String, _ view: AutosaveDocument, history: HistoryChange?) throws(LibraryError) -> Int64
    func autosaveDocument(owner: String, dataKey: String) throws(LibraryError) -> AutosaveDocument?
    /// The undo and redo stacks, oldest first.
    func historyDocuments(owner: String, dataKey: String) throws(LibraryError) -> (past: [String], future: [String])

    // Versions of a session: every save, rename, share change and restore keeps one (up to a limit).
    /// The owner's versions of a session, oldest first, without their watermarks.
    func versionDocuments(owner: String, name: String) throws(LibraryError) -> [VersionDocument]
    /// One version; a number that is not kept is a sentence naming the ones that are.
    func versionDocument(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument
    /// Makes version `number` current as a new version (nothing is lost).
    @discardableResult
    func restoreVersion(owner: String, name: String, number: Int) throws(LibraryError) -> VersionDocument
    /// The data watermark (a JSON document) of the current version; nil when saved without data.
    func watermarkDocument(owner: String, name: String) throws(LibraryError) -> String?
    /// How many versions each session keeps.
    func keepVersions() throws(LibraryError) -> Int
    func setKeepVersions(_ n: Int) throws(LibraryError)

    func preference(owner: String, key: String) throws(LibraryError) -> String?
    func setPreference(owner: String, key: String, value: String) throws(LibraryError)

    /// A quiet moment (the viewer is idle): housekeeping that must not happen during typing.
    func idle()
    /// Starts telling `news` what happens on the library's side without being asked (colleagues'
    /// changes, writes waiting for a server). Called on the library's own threads, never the caller's.
    func watch(_ news: @escaping @Sendable (LibraryNews) -> Void)
    /// True when `watch` tells of every change to sessions: then nobody needs to ask often.
    var announcesChanges: Bool { get }
}

extension LibraryBackend {
    /// A local file has no news: nobody else's changes are pushed to it, nothing waits.
    public func watch(_ news: @escaping @Sendable (LibraryNews) -> Void) {}
    public var announcesChanges: Bool { false }
}

/// What a library says on its own.
public enum LibraryNews: Equatable, Sendable {
    /// Someone changed a session (saved, renamed, deleted, unshared): lists are worth reading again.
    case sessionsChanged
    /// Autosaves not yet on the server ("offline · 3 changes waiting"); nil when all arrived.
    case waiting(String?)
}

/// One kept version of a session as stored: the event as a kind word and detail, documents as text.
public struct VersionDocument: Equatable, Sendable {
    public var number: Int
    public var kind: String
    public var detail: String?
    public var author: String
    /// Milliseconds since the epoch.
    public var at: Int64
    public var name: String
    public var shareable: Bool
    public var settings: String
    public var watermark: String?

    public init(number: Int, kind: String, detail: String?, author: String, at: Int64, name: String, shareable: Bool,
                settings: String, watermark: String?) {
        self.number = number
        self.kind = kind
        self.detail = detail
        self.author = author
        self.at = at
        self.name = name
        self.shareable = shareable
        self.settings = settings
        self.watermark = watermark
    }
}

/// The autosaved view as stored: documents, not types.
public struct AutosaveDocument: Equatable, Sendable {
    public var settings: String
    public var sessionName: String?
    public var baseline: String?
    public var place: String?
    /// Milliseconds since the epoch.
    public var savedAt: Int64

    public init(settings: String, sessionName: String?, baseline: String?, place: String?, savedAt: Int64 = 0) {
        self.settings = settings
        self.sessionName = sessionName
        self.baseline = baseline
        self.place = place
        self.savedAt = savedAt
    }
}

/// What changed in the undo/redo stacks since the last write: keep the first N, append the rest.
public struct HistoryChange: Equatable, Sendable {
    /// Oldest entries of the past dropped first (a trim), so the rest need not be written again.
    public var pastDrop: Int
    public var pastKeep: Int
    public var pastAppend: [String]
    public var futureKeep: Int
    public var futureAppend: [String]

    public init(pastDrop: Int = 0, pastKeep: Int, pastAppend: [String], futureKeep: Int, futureAppend: [String]) {
        self.pastDrop = pastDrop
        self.pastKeep = pastKeep
        self.pastAppend = pastAppend
        self.futureKeep = futureKeep
        self.futureAppend = futureAppend
    }

    /// Applies the change to stacks held in memory (a journal, a test).
    public func apply(to past: inout [String], _ future: inout [String]) {
        past = Array(past.dropFirst(pastDrop).prefix(pastKeep)) + pastAppend
        future = Array(future.prefix(futureKeep)) + futureAppend
    }
}

/// The columns the sessions dialog shows, without the settings documents (fast with 10,000 sessions).
public struct SessionSummary: Equatable, Sendable, Decodable {
    public var name: String
    public var shareable: Bool
    public var shareToken: String?
    public var updatedAt: Int64
    public var linkPrefix = ShareLink.prefix

    enum CodingKeys: String, CodingKey { case name, shareable, shareToken, updatedAt }

    public init(name: String, shareable: Bool, shareToken: String?, updatedAt: Int64, linkPrefix: String = ShareLink.prefix) {
        self.name = name
        self.shareable = shareable
        self.shareToken = shareToken
        self.updatedAt = updatedAt
        self.linkPrefix = linkPrefix
    }

    public var link: String? { shareable ? shareToken.map { linkPrefix + $0 } : nil }
}

/// Milliseconds since the epoch, the library's clock.
public func libraryNow() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
