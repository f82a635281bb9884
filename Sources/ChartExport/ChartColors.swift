import Rendering
import Themes

/// The theme's colours for a picture. A theme that keeps the terminal's own background or text
/// colour gets a concrete one: dark behind light text, white behind dark text.
struct ChartColors {
    let theme: Theme
    let background: RGBA
    let text: RGBA

    init(_ theme: Theme) {
        self.theme = theme
        let fg = theme.colors(for: .text).fg.rgb.map(Self.rgba)
        let bg = (theme.colors["background"]?.rgb).map(Self.rgba)
        switch (fg, bg) {
        case let (f?, b?): (text, background) = (f, b)
        case let (f?, nil): (text, background) = (f, f.luminance > 0.5 ? RGBA(0.11, 0.11, 0.12) : RGBA(1, 1, 1))
        case let (nil, b?): (text, background) = (b.luminance > 0.5 ? RGBA(0.1, 0.1, 0.1) : RGBA(0.9, 0.9, 0.9), b)
        case (nil, nil): (text, background) = (RGBA(0.9, 0.9, 0.9), RGBA(0.11, 0.11, 0.12))
        }
    }

    static func rgba(_ c: (Int, Int, Int)) -> RGBA { RGBA(Double(c.0) / 255, Double(c.1) / 255, Double(c.2) / 255) }

    /// A role's foreground colour.
    func fg(_ role: ColorRole) -> RGBA { theme.colors(for: role).fg.rgb.map(Self.rgba) ?? text }

    /// A role's background colour (the picture's background when the theme keeps the terminal's).
    func bg(_ role: ColorRole) -> RGBA { theme.colors(for: role).bg.rgb.map(Self.rgba) ?? background }

    /// Grid lines: the axis colour, faint.
    var grid: RGBA { fg(.axis).opacity(0.18) }

    /// A pane's background: a shade off the picture's, so panes read as cards.
    var pane: RGBA {
        let k = background.luminance > 0.5 ? -0.03 : 0.035
        return RGBA(background.r + k, background.g + k, background.b + k)
    }
}
