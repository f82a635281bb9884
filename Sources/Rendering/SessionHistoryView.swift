import DataCore
import ViewCore

/// A session's history in the sessions dialog: `version N · time · author · summary`, newest
/// first, or the diff of the chosen version against the current one.
enum SessionHistoryView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ h: HistoryDialog) {
        let count = h.diff?.lines.count ?? h.rows.count
        let l = SessionsDialogLayout(width: s.ui.width, height: s.ui.height, rows: count, maxWidth: 100)
        let r = l.frame
        grid.fill(r)
        BoxDrawing.draw(&grid, r, title: h.diff?.title ?? "History of \"\(h.name)\"", focused: true, unicode: s.ui.unicode)
        let inner = r.inner
        let w = inner.width - 2
        if let pane = h.diff {
            grid.put("what changed, part by part", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: w)
            for (k, line) in pane.lines.dropFirst(pane.scroll).prefix(l.listRows).enumerated() {
                let heading = !line.hasPrefix(" ")
                let role: ColorRole = heading ? .title : line.hasPrefix("  +") ? .accent : line.hasPrefix("  −") ? .error : .text
                grid.put(line, x: inner.x + 1, y: l.listTop + k, role: role, style: heading ? [.bold] : [], maxWidth: w)
            }
        } else {
            grid.put(h.loading ? "reading the history…" : "\(h.rows.count) versions, newest first", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: w)
            let first = l.firstRow(cursor: h.cursor, total: h.rows.count)
            for k in 0..<l.listRows {
                let i = first + k
                guard i < h.rows.count else { break }
                let y = l.listTop + k
                let on = i == h.cursor
                if on { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", role: .selection, style: [.reverse])) }
                grid.put(TextWidth.truncate(h.rows[i].line(in: s.displayZone), to: w), x: inner.x + 1, y: y, role: on ? .selection : .text,
                         style: on ? [.reverse] : [], maxWidth: w)
            }
        }
        let keys = KeyMap.table(for: .sessionHistory(h)).footer
        grid.put(TextWidth.truncate(keys, to: w), x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim)
    }
}
