/// The keys of a session's history (opened with `h` in the sessions dialog): its list and its diff.
enum HistoryKeys {
    private static func on(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil,
                           _ act: @escaping @Sendable (Key, AppState) -> [HistoryAction]?) -> KeyBinding {
        KeyBinding(keys, label, help, hint: hint) { k, s in act(k, s).map { $0.map { .sessions(.history($0)) } } }
    }
    private static func on(_ keys: [Key], _ label: String, _ help: String, hint: Hint? = nil, does a: [HistoryAction]) -> KeyBinding {
        KeyBinding(keys, label, help, hint: hint, does: a.map { .sessions(.history($0)) })
    }

    static let list = KeyTable("History", [
        on([.up, .char("k"), .down, .char("j")], "j k  ↑ ↓", "move (newest first)", hint: Hint("↑↓", "move")) { k, _ in
            [.move(by: k == .up || k == .char("k") ? -1 : 1)]
        },
        on([.enter], "Enter", "what changed from this version to the current one", hint: Hint("Enter", "diff with current"), does: [.showDiff]),
        on([.char("r")], "r", "make this version current (asks first)", hint: Hint("r", "restore"), does: [.restore]),
        on([.escape, .char("q"), .char("h")], "Esc q h", "back to the sessions", hint: Hint("Esc", "back"), does: [.back]),
    ])

    static let diff = KeyTable("History diff", [
        on([.up, .char("k"), .down, .char("j")], "j k  ↑ ↓", "scroll", hint: Hint("↑↓", "scroll")) { k, _ in
            [.scrollDiff(by: k == .up || k == .char("k") ? -1 : 1)]
        },
        on([.escape, .enter, .char("q")], "Esc Enter q", "back to the versions", hint: Hint("Esc", "back to the list"), does: [.back]),
    ])
}
