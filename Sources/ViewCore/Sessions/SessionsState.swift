/// A row of the sessions dialog: what the library says about one session.
public struct SessionRow: Equatable, Sendable {
    public var name: String
    public var shareable: Bool
    public var link: String?
    /// Milliseconds since the epoch.
    public var updatedAt: Int64
    public init(name: String, shareable: Bool, link: String?, updatedAt: Int64) {
        self.name = name
        self.shareable = shareable
        self.link = link
        self.updatedAt = updatedAt
    }
}

/// The sessions dialog. Row 0 is "New session"; rows 1… are `visibleRows`.
public struct SessionsDialog: Equatable, Sendable {
    public var rows: [SessionRow] = []
    public var cursor = 0
    public var filter = ""
    public var filtering = false
    public var loading = true
    public init() {}

    public var visibleRows: [SessionRow] {
        guard !filter.isEmpty else { return rows }
        let needle = filter.lowercased()
        return rows.filter { $0.name.lowercased().contains(needle) }
    }

    /// The session under the cursor, nil on "New session".
    public var current: SessionRow? {
        let v = visibleRows
        return cursor >= 1 && cursor <= v.count ? v[cursor - 1] : nil
    }
}

/// The new/save form: a name and a shareable checkbox.
public struct SessionForm: Equatable, Sendable {
    public enum Field: Equatable, Sendable { case name, shareable }
    public var name: String
    public var shareable: Bool
    public var field: Field = .name
    /// The session this form saves into (for the title), nil for a new one.
    public var existing: String?
    public init(name: String = "", shareable: Bool = false, existing: String? = nil) {
        self.name = name
        self.shareable = shareable
        self.existing = existing
    }
}

public struct RenameForm: Equatable, Sendable {
    public var from: String
    public var text: String
    public init(from: String) {
        self.from = from
        self.text = from
    }
}

/// A yes/no question. Nothing destructive happens without it.
public struct Confirmation: Equatable, Sendable {
    public var title: String
    public var message: String
    public var confirmLabel: String
    public var confirmFocused: Bool
    public var onConfirm: Effect
    public init(title: String, message: String, confirmLabel: String, confirmFocused: Bool, onConfirm: Effect) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.confirmFocused = confirmFocused
        self.onConfirm = onConfirm
    }
}

/// What the title bar says about the session: its name and saved/modified.
public struct SessionStatus: Equatable, Sendable {
    public var name: String?
    /// The settings as last saved or loaded; the view is "modified" when it differs.
    public var savedSettings: ViewSettings?
    /// When the live view was last autosaved, as shown in the title bar.
    public var autosaved: String?
    /// Autosaves waiting for an unreachable server: shown instead of the autosave time.
    public var waiting: String?
    public init(name: String? = nil, savedSettings: ViewSettings? = nil) {
        self.name = name
        self.savedSettings = savedSettings
    }
}
