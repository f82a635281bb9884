/// Keys of the field forms: every form moves, types, chooses and ticks alike.
enum FormKeys {
    static let table = KeyTable("Form", [
        KeyBinding([.tab, .down, .backTab, .up], "Tab  ↑ ↓", "next / previous field", hint: Hint("Tab/↑↓", "field"), edit),
        KeyBinding([.char(" "), .left, .right, .char("h"), .char("l")], "Space  ← →", "choose, tick", hint: Hint("Space/←→", "choose"), edit),
        KeyBinding([], "type", "edit a text field", hint: Hint("type", "text"), takesText: true, edit),
        KeyBinding([.enter], "Enter", "apply the form", hint: Hint("Enter", "apply"), does: [.form(.submit)]),
        KeyBinding([.escape], "Esc", "cancel", hint: Hint("Esc", "cancel"), does: [.app(.closeOverlay)]),
    ])

    /// The field that has the focus decides what a key does (Space types in a text field, ticks a box).
    @Sendable private static func edit(_ k: Key, _ s: AppState) -> [Action]? {
        guard case .form(let f)? = s.topOverlay else { return nil }
        return f.editing(k).map { [.form(.edit($0))] } ?? []
    }
}
