/// Keys of the thresholds list.
enum ThresholdsKeys {
    static let table = KeyTable("Thresholds", [
        KeyBinding([.up, .char("k"), .down, .char("j")], "j k  ↑ ↓", "choose a threshold") { k, _ in
            [.thresholds(.move(by: k == .up || k == .char("k") ? -1 : 1))]
        },
        KeyBinding([.char("a"), .char("n")], "a n", "add a threshold", hint: Hint("a", "add"), does: [.thresholds(.add)]),
        KeyBinding([.char("e"), .enter], "Enter e", "edit the threshold", hint: Hint("Enter", "edit"), does: [.thresholds(.edit)]),
        KeyBinding([.char(" ")], "Space", "apply it or not", hint: Hint("Space", "apply on/off"), does: [.thresholds(.toggleApplied)]),
        KeyBinding([.char("d"), .delete], "d  Del", "delete the threshold", hint: Hint("d", "delete"), does: [.thresholds(.delete)]),
        KeyBinding([.escape, .char("q"), .char("T")], "Esc q T", "close the list", hint: Hint("Esc", "close"), does: [.app(.closeOverlay)]),
    ])
}
