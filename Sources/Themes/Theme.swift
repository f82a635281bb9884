import Rendering

/// Colours for the screen's roles, read from a small TOML file in `themes/`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var colors: [String: ThemeColor]
    public var series: [ThemeColor]
    public var heat: [ThemeColor]

    /// Every key a theme may set, with what it colours; all are optional but `text`.
    public static let keys: [String: String] = [
        "background": "screen background", "text": "ordinary text", "dim": "secondary text",
        "border": "pane borders", "border_focused": "the focused pane's border", "title": "pane titles",
        "title_bar_fg": "title bar text", "title_bar_bg": "title bar background",
        "accent": "keys and highlights", "selection_fg": "selected row text", "selection_bg": "selected row",
        "cursor_bg": "the series cursor", "status_fg": "status line text", "status_bg": "status line",
        "warning": "messages", "error": "errors", "axis": "axes and labels", "threshold": "threshold lines",
        "map": "the map layer's coasts and borders", "map_water": "the map layer's lakes and rivers (defaults to map)",
        "map_label": "place names and the scale bar on the map",
    ]

    func color(_ key: String, _ fallback: String) -> ThemeColor {
        colors[key] ?? colors[fallback] ?? .terminalDefault
    }

    /// Foreground and background of a role.
    public func colors(for role: ColorRole) -> (fg: ThemeColor, bg: ThemeColor) {
        let bg = colors["background"] ?? .terminalDefault
        switch role {
        case .text: return (color("text", "text"), bg)
        case .dim: return (color("dim", "text"), bg)
        case .border: return (color("border", "dim"), bg)
        case .borderFocused: return (color("border_focused", "accent"), bg)
        case .title: return (color("title", "text"), bg)
        case .titleBar: return (color("title_bar_fg", "text"), color("title_bar_bg", "selection_bg"))
        case .accent: return (color("accent", "text"), bg)
        case .selection: return (color("selection_fg", "background"), color("selection_bg", "accent"))
        case .cursor: return (color("selection_fg", "text"), color("cursor_bg", "selection_bg"))
        case .status: return (color("status_fg", "text"), color("status_bg", "background"))
        case .statusKey: return (color("accent", "text"), color("status_bg", "background"))
        case .warning: return (color("warning", "accent"), color("status_bg", "background"))
        case .error: return (color("error", "warning"), bg)
        case .axis: return (color("axis", "dim"), bg)
        case .threshold: return (color("threshold", "error"), bg)
        case .mapLayer: return (color("map", "border"), bg)
        case .mapWater: return (color("map_water", "map"), bg)
        case .mapLabel: return (color("map_label", "dim"), bg)
        case .series(let k): return (series.isEmpty ? color("text", "text") : series[k % series.count], bg)
        case .named(let k):
            let names: [ThemeColor] = [.rgb(255, 0, 0), .rgb(255, 135, 0), .rgb(255, 255, 0), .rgb(255, 0, 255),
                                       .rgb(0, 255, 255), .rgb(0, 255, 0), .rgb(0, 135, 255), .rgb(255, 255, 255)]
            return (names[k % 8], bg)
        case .heat(let k):
            let ramp = k / 8, level = k % 8
            if ramp == 0, heat.count == 8 { return (heat[level], bg) }
            return (Self.ramps[ramp % Self.ramps.count][level], bg)
        }
    }

    /// The fixed ramps (viridis is the theme's own `heat`, defaulting to this one).
    static let ramps: [[ThemeColor]] = [
        [0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187, 0x4ac16d, 0xa0da39, 0xfde725],
        [0x000004, 0x320a5e, 0x781b6c, 0xbb3754, 0xec6824, 0xfbb41a, 0xf4dd4c, 0xfcffa4],
        [0x262626, 0x3a3a3a, 0x4e4e4e, 0x626262, 0x808080, 0x9e9e9e, 0xc6c6c6, 0xeeeeee],
        [0x1a9850, 0x66bd63, 0xa6d96a, 0xd9ef8b, 0xfee08b, 0xfdae61, 0xf46d43, 0xd73027],
    ].map { $0.map { ThemeColor.rgb(UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)) } }

    /// Used when no theme file can be read: the same as `themes/dark.toml`.
    public static let builtIn = Theme(name: "dark", colors: [
        "background": .terminalDefault, "text": .indexed(252), "dim": .indexed(244), "border": .indexed(240), "border_focused": .indexed(39),
        "title": .indexed(153), "title_bar_fg": .indexed(255), "title_bar_bg": .indexed(24), "accent": .indexed(214),
        "selection_fg": .indexed(16), "selection_bg": .indexed(39), "cursor_bg": .indexed(238), "status_fg": .indexed(250),
        "status_bg": .indexed(236), "warning": .indexed(220), "error": .indexed(196), "axis": .indexed(246), "threshold": .indexed(203),
        "map": .indexed(239), "map_water": .indexed(24), "map_label": .indexed(245),
    ], series: [39, 214, 120, 205, 226, 141, 51, 209].map { .indexed($0) }, heat: ramps[0])
}
