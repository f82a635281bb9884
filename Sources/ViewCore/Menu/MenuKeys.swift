/// Keys of the ☰ menu, the `?` help and notices.
enum MenuKeys {
    static let menu = KeyTable("Menu", [
        KeyBinding([.up, .char("k")], "↑ k", "previous entry", does: [.menu(.move(-1))]),
        KeyBinding([.down, .char("j"), .tab], "↓ j  Tab", "next entry", hint: Hint("↑↓", "move"), does: [.menu(.move(1))]),
        KeyBinding([.enter, .char(" "), .right], "Enter  Space  →", "open the entry", hint: Hint("Enter", "open")) { _, s in
            guard case .menu(let i)? = s.topOverlay else { return nil }
            return [.menu(.choose(i))]
        },
        KeyBinding([.escape, .char("m"), .function(10), .left], "Esc  m  F10  ←", "close the menu", hint: Hint("Esc", "close"),
                   does: [.app(.closeOverlay)]),
        KeyBinding(MenuEntry.allCases.flatMap { [Key.char($0.hotkey), .char(Character($0.hotkey.uppercased()))] },
                   "letter", "the entry with that letter") { k, _ in
            guard case .char(let c) = k, let j = MenuEntry.allCases.firstIndex(where: { $0.hotkey == Character(c.lowercased()) }) else { return nil }
            return [.menu(.choose(j))]
        },
    ])

    static let help = KeyTable("Help", [
        KeyBinding([.escape, .enter, .char("?"), .char("q")], "Esc", "close the help", hint: Hint("Esc", "close"), does: [.app(.closeOverlay)]),
        KeyBinding([.down, .char("j"), .pageDown, .up, .char("k"), .pageUp], "j k  PgDn PgUp", "scroll", hint: Hint("j k", "scroll")) { k, _ in
            let step = k == .pageDown || k == .pageUp ? 10 : 1
            return [.menu(.scrollHelp(by: k == .down || k == .char("j") || k == .pageDown ? step : -step))]
        },
    ])

    static let notice = KeyTable("Notice", [
        KeyBinding([.escape, .enter, .char("?")], "Esc", "close", hint: Hint("Esc", "close"), does: [.app(.closeOverlay)]),
    ])
}
