import DataCore
import ViewCore

/// Draws the sessions dialog, the new/save form, rename, and the yes/no questions.
enum SessionsView {
    static func dialog(_ grid: inout CellGrid, _ s: AppState, _ d: SessionsDialog) {
        let rows = d.visibleRows
        let l = SessionsDialogLayout(width: s.ui.width, height: s.ui.height, rows: rows.count)
        let r = l.frame
        grid.fill(r)
        let title = "Sessions · \(s.catalog.isEmpty ? "" : "")\(d.rows.count) saved"
        BoxDrawing.draw(&grid, r, title: title, focused: true, unicode: s.ui.unicode)
        let inner = r.inner
        // Filter line.
        if d.filtering || !d.filter.isEmpty {
            let x = grid.put("/" + d.filter, x: inner.x + 1, y: inner.y, role: .accent, style: [.bold], maxWidth: inner.width - 3)
            if d.filtering { grid.put("▏", x: inner.x + 1 + x, y: inner.y, role: .accent) }
            grid.put("\(rows.count) match", x: inner.x + inner.width - 9, y: inner.y, role: .dim)
        } else if d.loading {
            grid.put("reading the library…", x: inner.x + 1, y: inner.y, role: .dim)
        } else {
            grid.put("your sessions, newest first", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 2)
        }
        let first = l.firstRow(cursor: d.cursor, total: rows.count + 1)
        let timeW = 16
        for k in 0..<l.listRows {
            let i = first + k
            guard i <= rows.count else { break }
            let y = l.listTop + k
            let on = i == d.cursor
            let style: CellStyle = on ? [.reverse] : []
            if on { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", role: .selection, style: [.reverse])) }
            let role: ColorRole = on ? .selection : .text
            if i == 0 {
                grid.put("＋ New session", x: l.iconX, y: y, role: on ? .selection : .accent, style: style.union(.bold))
                continue
            }
            let row = rows[i - 1]
            grid.put("💾", x: l.iconX, y: y, role: role, style: style)
            grid.put("✕", x: l.iconX + 3, y: y, role: on ? .selection : .error, style: style)
            if row.shareable { grid.put("📋", x: l.iconX + 5, y: y, role: role, style: style) }
            let nameX = l.iconX + 8
            let nameW = inner.x + inner.width - nameX - timeW - 10
            grid.put(TextWidth.truncate(row.name, to: nameW), x: nameX, y: y, role: role, style: style.union(.bold), maxWidth: nameW)
            if row.shareable { grid.put("shared", x: nameX + nameW + 1, y: y, role: on ? .selection : .accent, style: style) }
            grid.put(TimeFormat.dateTime(row.updatedAt, in: s.displayZone), x: inner.x + inner.width - timeW - 1, y: y, role: on ? .selection : .dim, style: style)
        }
        if rows.isEmpty && !d.loading {
            let msg = d.filter.isEmpty ? "no sessions yet: press n (or Enter on New session) to save this view" : "no session matches /\(d.filter)"
            grid.put(msg, x: l.iconX, y: l.listTop + 1, role: .dim, maxWidth: inner.width - 2)
        }
        let keys = KeyMap.table(for: .sessions(d)).footer
        grid.put(TextWidth.truncate(keys, to: inner.width - 2), x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim)
    }

    static func form(_ grid: inout CellGrid, _ s: AppState, _ f: SessionForm) {
        let l = FormLayout(width: s.ui.width, height: s.ui.height)
        grid.fill(l.frame)
        BoxDrawing.draw(&grid, l.frame, title: f.existing == nil ? "New session" : "Save into \"\(f.existing!)\"", focused: true, unicode: s.ui.unicode)
        grid.put("Name:", x: l.frame.x + 2, y: l.nameField.y, role: .text)
        grid.fill(l.nameField, with: Cell(" ", role: .cursor, style: f.field == .name ? [.underline] : []))
        let shown = TextWidth.of(f.name) > l.nameField.width - 2 ? "…" + String(f.name.suffix(l.nameField.width - 3)) : f.name
        let x = grid.put(shown, x: l.nameField.x, y: l.nameField.y, role: .cursor, style: f.field == .name ? [.underline, .bold] : [])
        if f.field == .name { grid.put("▏", x: l.nameField.x + x, y: l.nameField.y, role: .accent) }
        let box = f.shareable ? "[x] shareable" : "[ ] shareable"
        grid.put(box, x: l.checkbox.x, y: l.checkbox.y, role: f.field == .shareable ? .selection : .text,
                 style: f.field == .shareable ? [.reverse, .bold] : [])
        grid.put("anyone with the link can open it", x: l.checkbox.x + 15, y: l.checkbox.y, role: .dim, maxWidth: l.frame.width - 19)
        grid.put("[ Save ]", x: l.saveButton.x, y: l.saveButton.y, role: .accent, style: [.bold])
        grid.put(KeyMap.table(for: .sessionForm(f)).footer, x: l.frame.x + 2, y: l.frame.y + l.frame.height - 2,
                 role: .dim, maxWidth: l.frame.width - 4)
    }

    static func rename(_ grid: inout CellGrid, _ s: AppState, _ r: RenameForm) {
        let l = FormLayout(width: s.ui.width, height: s.ui.height)
        let frame = Rect(x: l.frame.x, y: l.frame.y, width: l.frame.width, height: 6)
        grid.fill(frame)
        BoxDrawing.draw(&grid, frame, title: "Rename \"\(r.from)\"", focused: true, unicode: s.ui.unicode)
        grid.put("Name:", x: frame.x + 2, y: frame.y + 2, role: .text)
        grid.fill(l.nameField, with: Cell(" ", role: .cursor, style: [.underline]))
        let x = grid.put(r.text, x: l.nameField.x, y: l.nameField.y, role: .cursor, style: [.underline, .bold], maxWidth: l.nameField.width - 1)
        grid.put("▏", x: l.nameField.x + x, y: l.nameField.y, role: .accent)
        grid.put(KeyMap.table(for: .rename(r)).footer, x: frame.x + 2, y: frame.y + 4, role: .dim)
    }

    static func confirm(_ grid: inout CellGrid, _ s: AppState, _ c: Confirmation) {
        let l = ConfirmLayout(width: s.ui.width, height: s.ui.height, confirmLabel: c.confirmLabel)
        grid.fill(l.frame)
        BoxDrawing.draw(&grid, l.frame, title: c.title, focused: true, unicode: s.ui.unicode)
        // Wrap the message over two lines at most.
        let w = l.frame.width - 4
        var lines: [String] = [""]
        for word in c.message.split(separator: " ") {
            if TextWidth.of(lines[lines.count - 1]) + word.count + 1 > w && !lines[lines.count - 1].isEmpty { lines.append("") }
            lines[lines.count - 1] += (lines[lines.count - 1].isEmpty ? "" : " ") + word
        }
        for (k, line) in lines.prefix(3).enumerated() { grid.put(line, x: l.frame.x + 2, y: l.frame.y + 1 + k, role: .text, maxWidth: w) }
        grid.put("[ Cancel ]", x: l.cancel.x, y: l.cancel.y, role: c.confirmFocused ? .text : .selection,
                 style: c.confirmFocused ? [] : [.reverse, .bold])
        grid.put("[ \(c.confirmLabel) ]", x: l.confirm.x, y: l.confirm.y, role: c.confirmFocused ? .selection : .text,
                 style: c.confirmFocused ? [.reverse, .bold] : [])
        grid.put(KeyMap.table(for: .confirm(c)).footer, x: l.frame.x + 2, y: l.frame.y + l.frame.height - 2, role: .dim, maxWidth: w)
    }
}
