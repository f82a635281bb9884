import ViewCore

/// Box drawing for panes and dialogs.
enum BoxDrawing {
    static func draw(_ grid: inout CellGrid, _ r: Rect, title: String, focused: Bool, unicode: Bool) {
        guard r.width >= 2, r.height >= 2 else { return }
        let role: ColorRole = focused ? .borderFocused : .border
        let (h, v, tl, tr, bl, br) = unicode
            ? (focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘"))
            : ("-", "|", "+", "+", "+", "+")
        for x in r.x + 1..<r.x + r.width - 1 {
            grid[x, r.y] = Cell(h, role: role)
            grid[x, r.y + r.height - 1] = Cell(h, role: role)
        }
        for y in r.y + 1..<r.y + r.height - 1 {
            grid[r.x, y] = Cell(v, role: role)
            grid[r.x + r.width - 1, y] = Cell(v, role: role)
        }
        grid[r.x, r.y] = Cell(tl, role: role)
        grid[r.x + r.width - 1, r.y] = Cell(tr, role: role)
        grid[r.x, r.y + r.height - 1] = Cell(bl, role: role)
        grid[r.x + r.width - 1, r.y + r.height - 1] = Cell(br, role: role)
        if !title.isEmpty && r.width > 4 {
            let t = " " + TextWidth.truncate(title, to: r.width - 4) + " "
            grid.put(t, x: r.x + 1, y: r.y, role: focused ? .borderFocused : .title, style: focused ? [.bold] : [])
        }
    }

    /// A dialog: cleared area with a border, centred on the screen.
    static func dialog(_ grid: inout CellGrid, width: Int, height: Int, title: String, unicode: Bool) -> Rect {
        let w = min(width, grid.width), h = min(height, grid.height - 1)  // the status line stays visible
        let r = Rect(x: (grid.width - w) / 2, y: max(0, (grid.height - h) / 2), width: w, height: h)
        grid.fill(r)
        draw(&grid, r, title: title, focused: true, unicode: unicode)
        return r
    }
}
