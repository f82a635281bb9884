/// One kept version of a session: the settings as they were after a save, rename, share change or
/// restore, with who did it and when. Numbers run 1, 2, 3… in the order the library recorded them.
public struct SessionVersion: Equatable, Sendable {
    public enum Event: Equatable, Sendable {
        case created
        case saved
        case renamed(from: String)
        case shared
        case unshared
        case newLink
        case restored(version: Int)
    }

    public var number: Int
    public var event: Event
    public var author: String
    /// Milliseconds since the epoch.
    public var at: Int64
    /// The session's name and shareable flag at that version.
    public var name: String
    public var shareable: Bool
    public var settings: ViewSettings
    public var watermark: DataWatermark?

    public init(number: Int, event: Event, author: String, at: Int64, name: String, shareable: Bool,
                settings: ViewSettings, watermark: DataWatermark? = nil) {
        self.number = number
        self.event = event
        self.author = author
        self.at = at
        self.name = name
        self.shareable = shareable
        self.settings = settings
        self.watermark = watermark
    }
}

/// How events are stored by a backend: a kind word and an optional detail.
extension SessionVersion.Event {
    public var kind: String {
        switch self {
        case .created: return "created"
        case .saved: return "saved"
        case .renamed: return "renamed"
        case .shared: return "shared"
        case .unshared: return "unshared"
        case .newLink: return "new-link"
        case .restored: return "restored"
        }
    }

    public var detail: String? {
        switch self {
        case .renamed(let from): return from
        case .restored(let v): return String(v)
        default: return nil
        }
    }

    /// nil for a kind this dataviewer does not know (written by a newer one): shown as a save.
    public init(kind: String, detail: String?) {
        switch kind {
        case "created": self = .created
        case "renamed": self = .renamed(from: detail ?? "?")
        case "shared": self = .shared
        case "unshared": self = .unshared
        case "new-link": self = .newLink
        case "restored": self = .restored(version: detail.flatMap { Int($0) } ?? 0)
        default: self = .saved
        }
    }
}

/// The one-line summaries of a history, each version against the one before it.
public enum VersionHistory {
    /// `versions` in number order; the result is in the same order.
    public static func summaries(_ versions: [SessionVersion]) -> [String] {
        versions.indices.map { i in summary(versions[i], previous: i > 0 ? versions[i - 1] : nil) }
    }

    public static func summary(_ v: SessionVersion, previous: SessionVersion?) -> String {
        let diff = previous.map { SettingsDiff(from: $0.settings, to: v.settings) }
        let changes = diff.flatMap { $0.isEmpty ? nil : $0.summary }
        let event: String?
        switch v.event {
        case .created: event = "created"
        case .saved: event = previous == nil ? "saved (older versions were trimmed)" : nil
        case .renamed(let from): event = "renamed \"\(from)\" → \"\(v.name)\""
        case .shared: event = "shared"
        case .unshared: event = "unshared"
        case .newLink: event = "new link"
        case .restored(let n): event = "restored version \(n)"
        }
        return [event, changes].compactMap { $0 }.joined(separator: ": ").nonEmpty ?? "saved, no changes to the view"
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
