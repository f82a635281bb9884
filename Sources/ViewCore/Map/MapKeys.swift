/// Keys of the map pane.
enum MapKeys {
    static let table = KeyTable("Map pane", helpPrefix: "map: ", [
        KeyBinding([.left, .char("h"), .right, .char("l"), .up, .char("k"), .down, .char("j")], "hjkl  ←→↑↓", "pan the map",
                   hint: Hint("hjkl", "pan")) { k, _ in
            switch k {
            case .left, .char("h"): return [.map(.pan(dx: -0.25, dy: 0))]
            case .right, .char("l"): return [.map(.pan(dx: 0.25, dy: 0))]
            case .up, .char("k"): return [.map(.pan(dx: 0, dy: 0.25))]
            default: return [.map(.pan(dx: 0, dy: -0.25))]
            }
        },
        KeyBinding([.char("+"), .char("="), .char("-")], "+ -  wheel", "zoom the map", hint: Hint("+/-", "zoom")) { k, _ in
            [.map(.zoom(by: k == .char("-") ? -1 : 1))]
        },
        KeyBinding([.char("H")], "H", "heat-map on/off", hint: Hint("H", "heat-map"), does: [.map(.heatmapToggle)]),
        KeyBinding([.char("["), .char("]")], "[ ]", "heat-map radius", hint: Hint("[ ]", "radius")) { k, _ in
            [.map(.heatmapRadius(by: k == .char("[") ? -1 : 1))]
        },
        KeyBinding([.char("{"), .char("}")], "{ }", "heat-map intensity", hint: Hint("{ }", "intensity")) { k, _ in
            [.map(.heatmapIntensity(by: k == .char("{") ? -1 : 1))]
        },
        KeyBinding([.char("c")], "c", "heat-map colour ramp", hint: Hint("c", "ramp"), does: [.map(.heatmapCycleRamp)]),
        KeyBinding([.char("b")], "b", "heat-map of the series under the cursor (again: the selection)", hint: Hint("b", "series"),
                   does: [.map(.heatmapBindToCursorSeries)]),
        KeyBinding([.char("g")], "g", "map layer on/off: coasts, borders, places (remembered for you)", hint: Hint("g", "layer"),
                   does: [.map(.layerToggle)]),
        KeyBinding([.char("0")], "0", "show all positions", hint: Hint("0", "reset"), does: [.map(.reset)]),
    ])
}
