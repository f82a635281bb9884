/// The keys of a session's history, declared once: the key map, the footer and the status line
/// all come from these tables.
public enum HistoryKeys {
    public struct Binding: Sendable {
        public var keys: [Key]
        /// How the key is shown ("Enter", "↑↓").
        public var label: String
        public var help: String
        public var action: HistoryAction
    }

    /// In the sessions dialog, on a session's row.
    public static let open = Binding(keys: [.char("h")], label: "h", help: "history", action: .open)

    public static let list: [Binding] = [
        Binding(keys: [.up, .char("k")], label: "↑↓", help: "move", action: .move(by: -1)),
        Binding(keys: [.down, .char("j")], label: "↑↓", help: "move", action: .move(by: 1)),
        Binding(keys: [.enter], label: "Enter", help: "diff with current", action: .showDiff),
        Binding(keys: [.char("r")], label: "r", help: "restore", action: .restore),
        Binding(keys: [.escape, .char("q"), .char("h")], label: "Esc", help: "back", action: .back),
    ]

    public static let diff: [Binding] = [
        Binding(keys: [.down, .char("j")], label: "↑↓", help: "scroll", action: .scrollDiff(by: 1)),
        Binding(keys: [.up, .char("k")], label: "↑↓", help: "scroll", action: .scrollDiff(by: -1)),
        Binding(keys: [.escape, .enter, .char("q")], label: "Esc", help: "back to the list", action: .back),
    ]

    public static func bindings(_ h: HistoryDialog) -> [Binding] { h.diff == nil ? list : diff }

    static func actions(_ k: Key, _ h: HistoryDialog) -> [HistoryAction] {
        bindings(h).first { $0.keys.contains(k) }.map { [$0.action] } ?? []
    }

    /// For the status line and the dialog's footer.
    public static func hints(_ h: HistoryDialog) -> [(String, String)] {
        var seen = Set<String>()
        return bindings(h).compactMap { b in seen.insert(b.label + b.help).inserted ? (b.label, b.help) : nil }
    }
}
