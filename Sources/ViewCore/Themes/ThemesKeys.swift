/// Keys of the theme picker.
enum ThemesKeys {
    static let table = KeyTable("Theme", [
        KeyBinding([.up, .char("k"), .down, .char("j")], "↑ ↓  k j", "preview another theme", hint: Hint("↑↓", "preview")) { k, _ in
            [.themes(.move(by: k == .up || k == .char("k") ? -1 : 1))]
        },
        KeyBinding([.enter, .char(" ")], "Enter  Space", "choose the theme", hint: Hint("Enter", "choose"), does: [.themes(.choose)]),
        KeyBinding([.escape, .char("q")], "Esc q", "back to the theme before", hint: Hint("Esc", "back"), does: [.app(.closeOverlay)]),
    ])
}
