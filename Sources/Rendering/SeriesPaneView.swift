import DataCore
import ViewCore

/// §2.1: the list of series, with selection marks, the cursor and the active filter.
enum SeriesPaneView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ r: Rect) {
        let visible = s.visibleSeries
        let f = s.settings.series.filter
        let present = Set(s.catalog.map(\.id))
        var title = "Series \(s.settings.series.selected.filter { present.contains($0) }.count)/\(s.catalog.count)"
        if !f.text.isEmpty { title += " /\(f.text)" }
        // Active filters show in the title, so an empty-looking plot is never a mystery.
        let active = [f.phenomenon, f.station, f.window == .all ? nil : "time", (f.valueMin ?? f.valueMax) == nil ? nil : "values"].compactMap { $0 }
        if !active.isEmpty { title += " · " + active.joined(separator: ", ") }
        BoxDrawing.draw(&grid, r, title: title, focused: s.ui.focus == .series && s.topOverlay == nil, unicode: s.ui.unicode)
        let inner = r.inner
        guard inner.width > 0, inner.height > 0 else { return }
        if visible.isEmpty {
            grid.put(s.catalog.isEmpty ? (s.data.loading != nil && s.data.version == 0 ? "reading the data…" : "no series") : "no series match", x: inner.x + 1, y: inner.y, role: .dim, maxWidth: inner.width - 1)
            return
        }
        let palette = Dictionary(s.settings.series.selected.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let first = SeriesListScroll.firstRow(cursor: s.ui.cursor, rows: inner.height, count: visible.count)
        for row in 0..<min(inner.height, visible.count - first) {
            let i = first + row
            let series = visible[i]
            let y = inner.y + row
            let selectedIndex = palette[series.id]
            let mark = selectedIndex != nil ? (s.ui.unicode ? "●" : "*") : (s.ui.unicode ? "○" : "o")
            let isCursor = i == s.ui.cursor
            let lineRole: ColorRole = isCursor ? .cursor : .text
            if isCursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", role: .cursor, style: [.reverse])) }
            let style: CellStyle = isCursor ? [.reverse] : []
            grid.put(mark, x: inner.x, y: y, role: isCursor ? .cursor : selectedIndex.map { .series($0 % ColorRole.seriesPaletteSize) } ?? .dim, style: style)
            let unit = series.unit.map { " (\($0))" } ?? ""
            grid.put(" " + series.name + unit, x: inner.x + 1, y: y, role: lineRole, style: style.union(selectedIndex != nil ? [.bold] : []), maxWidth: inner.width - 1)
        }
        if visible.count > inner.height {
            let pos = "\(s.ui.cursor + 1)/\(visible.count)"
            grid.put(" \(pos) ", x: r.x + r.width - TextWidth.of(pos) - 3, y: r.y + r.height - 1, role: .dim)
        }
    }
}
