import CNcurses
import Rendering

/// Maps colour roles to ncurses colour pairs: 256 colours, 8 colours, or none (SPEC §5).
struct Palette {
    enum Depth { case none, eight, full }
    let depth: Depth
    private var pairs: [ColorRole: Int16] = [:]

    /// (foreground, background) as 256-colour numbers and 8-colour fallbacks; -1 is the default.
    private static func spec(_ role: ColorRole) -> (fg256: Int16, bg256: Int16, fg8: Int16, bg8: Int16) {
        switch role {
        case .text: return (252, -1, 7, -1)
        case .dim: return (244, -1, 7, -1)
        case .border: return (240, -1, 7, -1)
        case .borderFocused: return (39, -1, 6, -1)
        case .title: return (153, -1, 6, -1)
        case .titleBar: return (255, 24, 7, 4)
        case .accent: return (214, -1, 3, -1)
        case .selection: return (16, 39, 0, 6)
        case .cursor: return (255, 238, 0, 7)
        case .status: return (250, 236, 7, 0)
        case .statusKey: return (214, 236, 3, 0)
        case .warning: return (220, 236, 3, 0)
        case .error: return (196, -1, 1, -1)
        case .axis: return (246, -1, 7, -1)
        case .threshold: return (203, -1, 1, -1)
        case .series(let k):
            let c256: [Int16] = [39, 214, 120, 205, 226, 141, 51, 209]
            let c8: [Int16] = [6, 3, 2, 5, 3, 5, 6, 1]
            return (c256[k % 8], -1, c8[k % 8], -1)
        case .named(let k):
            // red, orange, yellow, magenta, cyan, green, blue, white
            let c256: [Int16] = [196, 208, 226, 201, 51, 46, 33, 231]
            let c8: [Int16] = [1, 3, 3, 5, 6, 2, 4, 7]
            return (c256[k % 8], -1, c8[k % 8], -1)
        case .heat(let k):
            // Ramps: viridis, inferno, greys, traffic; 8 levels each.
            let ramps: [[Int16]] = [
                [54, 61, 67, 73, 36, 78, 148, 226],
                [16, 53, 89, 125, 161, 202, 214, 229],
                [236, 238, 241, 244, 247, 250, 253, 255],
                [28, 34, 70, 106, 142, 178, 208, 196],
            ]
            let c8: [Int16] = [4, 4, 6, 6, 2, 3, 3, 1]
            return (ramps[(k / 8) % 4][k % 8], -1, c8[k % 8], -1)
        }
    }

    static var allRoles: [ColorRole] {
        [.text, .dim, .border, .borderFocused, .title, .titleBar, .accent, .selection, .cursor, .status,
         .statusKey, .warning, .error, .axis, .threshold]
            + (0..<ColorRole.seriesPaletteSize).map { .series($0) }
            + (0..<8).map { .named($0) }
            + (0..<(4 * ColorRole.heatLevels)).map { .heat($0) }
    }

    init(colorAllowed: Bool) {
        guard colorAllowed, has_colors() else { depth = .none; return }
        start_color()
        use_default_colors()
        depth = cn_colors() >= 256 ? .full : .eight
        var next: Int16 = 1
        for role in Self.allRoles where Int32(next) < cn_color_pairs() {
            let s = Self.spec(role)
            let (fg, bg) = depth == .full ? (s.fg256, s.bg256) : (s.fg8, s.bg8)
            init_pair(next, fg, bg)
            pairs[role] = next
            next += 1
        }
    }

    /// Attributes and pair for a cell. Without colour, roles that carry meaning get bold/reverse/underline.
    func attributes(_ role: ColorRole, _ style: CellStyle) -> (attr_t, Int16) {
        var a = cn_a_normal()
        if style.contains(.bold) { a |= cn_a_bold() }
        if style.contains(.reverse) { a |= cn_a_reverse() }
        if style.contains(.underline) { a |= cn_a_underline() }
        if depth == .none {
            switch role {
            case .titleBar, .selection, .cursor: a |= cn_a_reverse()
            case .borderFocused, .title, .statusKey, .warning, .error, .accent: a |= cn_a_bold()
            case .threshold: a |= cn_a_underline()
            case .dim: a |= cn_a_dim()
            default: break
            }
            return (a, 0)
        }
        return (a, pairs[role] ?? 0)
    }
}
