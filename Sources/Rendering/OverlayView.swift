import DataCore
import ViewCore

/// Help, the ☰ menu, notices and the filter field, drawn above the panes.
enum OverlayView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ o: Overlay) {
        switch o {
        case .help:
            let lines = HelpText.lines
            let r = BoxDrawing.dialog(&grid, width: 64, height: lines.count + 3, title: "Help · keys", unicode: s.ui.unicode)
            let rows = max(1, r.inner.height - 1)
            let first = max(0, min(s.ui.helpScroll, lines.count - rows))
            for (k, line) in lines.dropFirst(first).prefix(rows).enumerated() {
                let keyText = s.ui.unicode ? line.key : line.key.replacingOccurrences(of: "☰", with: "=")
                grid.put(keyText, x: r.inner.x + 1, y: r.inner.y + k, role: .accent, style: [.bold], maxWidth: 19)
                grid.put(line.what, x: r.inner.x + 21, y: r.inner.y + k, role: .text, maxWidth: r.inner.width - 22)
            }
            let more = first + rows < lines.count ? " (\(lines.count - first - rows) more)" : ""
            grid.put(KeyMap.table(for: o).footer + more, x: r.inner.x + 1, y: r.inner.y + r.inner.height - 1, role: .dim)
        case .menu(let selected):
            let r = ScreenLayout.menuRect()
            grid.fill(r)
            BoxDrawing.draw(&grid, r, title: s.ui.unicode ? "☰" : "=", focused: true, unicode: s.ui.unicode)
            for (k, e) in MenuEntry.allCases.enumerated() {
                let y = r.inner.y + k
                let on = k == selected
                if on { grid.fill(Rect(x: r.inner.x, y: y, width: r.inner.width, height: 1), with: Cell(" ", role: .selection, style: [.reverse])) }
                grid.put(" " + e.rawValue, x: r.inner.x, y: y, role: on ? .selection : .text, style: on ? [.reverse, .bold] : [])
                grid.put(String(e.hotkey), x: r.inner.x + r.inner.width - 2, y: y, role: on ? .selection : .accent, style: on ? [.reverse, .bold] : [.bold])
            }
        case let .notice(title, lines):
            let w = min(grid.width - 2, max(30, (lines.map(TextWidth.of).max() ?? 0) + 4))
            let r = BoxDrawing.dialog(&grid, width: w, height: lines.count + 4, title: title, unicode: s.ui.unicode)
            for (k, l) in lines.enumerated() { grid.put(l, x: r.inner.x + 1, y: r.inner.y + k, role: .text, maxWidth: r.inner.width - 2) }
            grid.put(KeyMap.table(for: o).footer, x: r.inner.x + 1, y: r.inner.y + r.inner.height - 1, role: .dim)
        case .sessions(let d): SessionsView.dialog(&grid, s, d)
        case .sessionHistory(let h): SessionHistoryView.draw(&grid, s, h)
        case .sessionForm(let f): SessionsView.form(&grid, s, f)
        case .rename(let r): SessionsView.rename(&grid, s, r)
        case .confirm(let c): SessionsView.confirm(&grid, s, c)
        case .form(let f): FormView.form(&grid, s, f)
        case .thresholds(let c): FormView.thresholds(&grid, s, cursor: c)
        case .themes(let p): FormView.themes(&grid, s, p)
        case .textInput(let input):
            let pane = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.series]!
            let y = pane.y + pane.height - 1
            grid.fill(Rect(x: pane.x, y: y, width: pane.width, height: 1), with: Cell(" ", role: .accent))
            let text = TextWidth.truncate("/" + input.text, to: pane.width - 2)
            let x = grid.put(text, x: pane.x + 1, y: y, role: .accent, style: [.bold])
            grid.put("▏", x: pane.x + 1 + x, y: y, role: .accent)
        }
    }
}
