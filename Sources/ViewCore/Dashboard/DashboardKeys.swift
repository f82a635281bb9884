/// Keys of the dashboard pane.
enum DashboardKeys {
    static let table = KeyTable("Dashboard pane", helpPrefix: "dash: ", [
        KeyBinding([.up, .char("k"), .down, .char("j")], "j k  ↑ ↓", "choose a panel", hint: Hint("j/k", "panel")) { k, _ in
            [.dashboard(.move(by: k == .up || k == .char("k") ? -1 : 1))]
        },
        KeyBinding([.char("n")], "n", "add a panel", hint: Hint("n", "add"), does: [.dashboard(.add)]),
        KeyBinding([.char("d"), .delete], "d  Del", "remove the panel", hint: Hint("d", "remove"), does: [.dashboard(.remove)]),
        KeyBinding([.char("K"), .char("J")], "K J", "move the panel up / down", hint: Hint("J/K", "move")) { k, _ in
            [.dashboard(.reorder(by: k == .char("K") ? -1 : 1))]
        },
        KeyBinding([.char("t")], "t", "change the panel's kind", hint: Hint("t", "kind"), does: [.dashboard(.cycleKind)]),
        KeyBinding([.char("b")], "b", "bind the panel to the series under the cursor (again: unbind)", hint: Hint("b", "bind"),
                   does: [.dashboard(.bindToCursorSeries)]),
    ])
}
