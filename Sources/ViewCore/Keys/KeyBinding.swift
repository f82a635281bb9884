/// One entry of a part's key table: the keys, what they do, and the words help and hints show for them
/// (the way Bubble Tea's `key.Binding` carries its help). The key map, `?` help, the status line and
/// the dialog footers all read these tables, so they cannot disagree.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// Also takes text keys (a printable character, Backspace, Ctrl-U): a text field's "type".
    public let takesText: Bool
    /// How `?` help writes the keys ("j k  ↑ ↓").
    public let label: String
    /// The `?` help line.
    public let help: String
    /// Shown on the status line and in dialog footers; nil when only `?` help mentions the binding.
    public let hint: Hint?
    /// The actions for key `k`; nil when the binding does not apply just now (the next binding is tried).
    let act: @Sendable (Key, AppState) -> [Action]?

    init(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil, takesText: Bool = false,
         _ act: @escaping @Sendable (Key, AppState) -> [Action]?) {
        self.keys = keys
        self.takesText = takesText
        self.label = label
        self.help = help
        self.hint = hint
        self.act = act
    }

    /// A binding whose keys always do the same thing.
    init(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil, does actions: [Action]) {
        self.init(keys, label, help, hint: hint) { _, _ in actions }
    }

    public func matches(_ k: Key) -> Bool {
        if keys.contains(k) { return true }
        guard takesText else { return false }
        switch k {
        case .char, .backspace, .ctrl("u"): return true
        default: return false
        }
    }

    /// What pressing `k` does in state `s`, or nil when this binding does not take it.
    public func actions(_ k: Key, _ s: AppState) -> [Action]? { matches(k) ? act(k, s) : nil }
}

/// A binding's short form: "j/k move". `panes` limits a main-screen hint to those panes (empty: all).
public struct Hint: Equatable, Sendable {
    public let key: String
    public let word: String
    public let panes: [Pane]
    public init(_ key: String, _ word: String, panes: [Pane] = []) {
        self.key = key
        self.word = word
        self.panes = panes
    }
}

/// The bindings of one part (or one dialog), in the order help lists them and keys are tried.
public struct KeyTable: Sendable {
    public let name: String
    /// Put before each label in `?` help ("map: "), so a key that differs by pane says where.
    public let helpPrefix: String
    public let bindings: [KeyBinding]

    public init(_ name: String, helpPrefix: String = "", _ bindings: [KeyBinding]) {
        self.name = name
        self.helpPrefix = helpPrefix
        self.bindings = bindings
    }

    public func actions(_ k: Key, _ s: AppState) -> [Action]? {
        for b in bindings { if let a = b.actions(k, s) { return a } }
        return nil
    }

    public var hints: [Hint] { bindings.compactMap(\.hint) }

    /// A dialog's footer: its hints, "key word · key word".
    public var footer: String { hints.map { "\($0.key) \($0.word)" }.joined(separator: " · ") }
}
