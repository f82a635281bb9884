import DataCore
import ViewCore

/// The field forms (filters, thresholds, y range) and the thresholds list.
enum FormView {
    static func form(_ grid: inout CellGrid, _ s: AppState, _ f: FieldForm) {
        let w = min(s.ui.width - 4, 72)
        let r = BoxDrawing.dialog(&grid, width: w, height: f.fields.count + 6, title: f.title, unicode: s.ui.unicode)
        let inner = r.inner
        let labelW = min(16, (f.fields.map { TextWidth.of($0.label) }.max() ?? 8) + 2)
        for (i, field) in f.fields.enumerated() {
            let y = inner.y + 1 + i
            let on = i == f.focus
            grid.put(field.label, x: inner.x + 1, y: y, role: on ? .accent : .text, style: on ? [.bold] : [])
            let x = inner.x + 1 + labelW
            let valueW = min(28, inner.width - labelW - 2)
            let shown: String
            switch field.value {
            case .text(let t): shown = t
            case .choice: shown = "‹ " + field.text + " ›"
            case .toggle(let v): shown = v ? "[x]" : "[ ]"
            }
            grid.fill(Rect(x: x, y: y, width: valueW, height: 1), with: Cell(" ", role: .cursor, style: on ? [.underline] : []))
            let used = grid.put(shown, x: x, y: y, role: .cursor, style: on ? [.bold, .underline] : [], maxWidth: valueW)
            if on, case .text = field.value { grid.put("▏", x: x + used, y: y, role: .accent) }
            if !field.hint.isEmpty && x + valueW + 2 < inner.x + inner.width {
                grid.put(field.hint, x: x + valueW + 1, y: y, role: .dim, maxWidth: inner.x + inner.width - x - valueW - 2)
            }
        }
        if let e = f.error { grid.put(e, x: inner.x + 1, y: inner.y + inner.height - 2, role: .error, style: [.bold], maxWidth: inner.width - 2) }
        grid.put(KeyMap.table(for: .form(f)).footer, x: inner.x + 1, y: inner.y + inner.height - 1,
                 role: .dim, maxWidth: inner.width - 2)
    }

    static func thresholds(_ grid: inout CellGrid, _ s: AppState, cursor: Int) {
        let list = s.settings.thresholds
        let w = min(s.ui.width - 4, 74)
        let r = BoxDrawing.dialog(&grid, width: w, height: max(8, min(s.ui.height - 2, list.count + 5)), title: "Thresholds · \(list.count)", unicode: s.ui.unicode)
        let inner = r.inner
        if list.isEmpty {
            grid.put("No thresholds yet. Press a to add one for the series under the cursor", x: inner.x + 1, y: inner.y + 1, role: .dim, maxWidth: inner.width - 2)
            grid.put("(or for its whole phenomenon).", x: inner.x + 1, y: inner.y + 2, role: .dim, maxWidth: inner.width - 2)
        }
        for (i, t) in list.enumerated() where i < inner.height - 2 {
            let y = inner.y + i
            let on = i == cursor
            if on { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", role: .selection, style: [.reverse])) }
            let style: CellStyle = on ? [.reverse] : []
            grid.put(t.applied ? "[x]" : "[ ]", x: inner.x + 1, y: y, role: on ? .selection : .text, style: style)
            grid.put("━━", x: inner.x + 5, y: y, role: on ? .selection : PlotPaneView.thresholdRole(t), style: style)
            let scope: String
            switch t.scope {
            case .phenomenon(let p): scope = "all \(p)"
            case .series(let id): scope = id
            }
            let text = "\(t.label)  \(t.above ? ">" : "<") \(NumberFormat.short(t.value))  · \(scope)"
            grid.put(text, x: inner.x + 8, y: y, role: on ? .selection : .text, style: style, maxWidth: inner.width - 9)
        }
        grid.put(KeyMap.table(for: .thresholds(cursor: cursor)).footer, x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim, maxWidth: inner.width - 2)
    }
}

extension FormView {
    static func themes(_ grid: inout CellGrid, _ s: AppState, _ p: ThemePicker) {
        let r = BoxDrawing.dialog(&grid, width: 44, height: max(7, min(s.ui.height - 2, p.names.count + 5)), title: "Theme", unicode: s.ui.unicode)
        let inner = r.inner
        grid.put("previewed as you move; a preference, not part of sessions", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 2)
        for (i, name) in p.names.enumerated() where i < inner.height - 3 {
            let y = inner.y + 2 + i
            let on = i == p.cursor
            if on { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", role: .selection, style: [.reverse])) }
            grid.put((name == p.original ? "● " : "  ") + name, x: inner.x + 1, y: y, role: on ? .selection : .text, style: on ? [.reverse, .bold] : [])
        }
        grid.put(KeyMap.table(for: .themes(p)).footer + " to \(p.original)", x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim, maxWidth: inner.width - 2)
    }
}
