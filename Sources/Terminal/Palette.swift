import CNcurses
import Rendering
import Themes

/// Maps colour roles to ncurses colour pairs from a theme: direct colour, 256 or 8 colours
/// (nearest match), or none.
struct Palette {
    enum Depth { case none, eight, full, direct }
    let depth: Depth
    private var pairs: [ColorRole: Int16] = [:]

    static var allRoles: [ColorRole] {
        [.text, .dim, .border, .borderFocused, .title, .titleBar, .accent, .selection, .cursor, .status,
         .statusKey, .warning, .error, .axis, .threshold, .mapLayer, .mapWater, .mapLabel]
            + (0..<ColorRole.seriesPaletteSize).map { .series($0) }
            + (0..<8).map { .named($0) }
            + (0..<(4 * ColorRole.heatLevels)).map { .heat($0) }
    }

    init(colorAllowed: Bool, theme: Theme) {
        guard colorAllowed, has_colors() else { depth = .none; return }
        start_color()
        use_default_colors()
        let n = cn_colors()
        depth = n >= 0x1000000 ? .direct : n >= 256 ? .full : .eight
        apply(theme)
    }

    private func number(_ c: ThemeColor) -> Int32 {
        switch depth {
        case .none: return -1
        case .eight: return Int32(c.index8)
        case .full: return Int32(c.index256)
        case .direct:
            guard let (r, g, b) = c.rgb else { return -1 }
            return Int32(r << 16 | g << 8 | b)
        }
    }

    /// (Re)defines every pair; cells already on screen take the new colours at the next refresh.
    mutating func apply(_ theme: Theme) {
        guard depth != .none else { return }
        var next: Int16 = 1
        for role in Self.allRoles where Int32(next) < cn_color_pairs() {
            let (fg, bg) = theme.colors(for: role)
            init_extended_pair(Int32(next), number(fg), number(bg))
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
            case .threshold, .named: a |= cn_a_underline()
            case .dim: a |= cn_a_dim()
            default: break
            }
            return (a, 0)
        }
        return (a, pairs[role] ?? 0)
    }
}
