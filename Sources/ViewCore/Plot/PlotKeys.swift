/// Keys of the plot pane (the plot's other keys work from every pane: see `GlobalKeys`).
enum PlotKeys {
    static let table = KeyTable("Plot pane", helpPrefix: "plot: ", [
        KeyBinding([.left, .char("h"), .right, .char("l")], "h l  ← →", "pan the plot in time", hint: Hint("h/l", "pan")) { k, _ in
            [.plot(.pan(fraction: k == .left || k == .char("h") ? -0.25 : 0.25))]
        },
        KeyBinding([.up, .char("k"), .down, .char("j")], "k j  ↑ ↓", "zoom the plot in / out") { k, _ in
            [.plot(.zoom(factor: k == .up || k == .char("k") ? 0.5 : 2))]
        },
    ])
}
