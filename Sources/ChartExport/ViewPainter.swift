import DataCore
import Rendering
import ViewCore

/// The picture's grid: the terminal's screen layout at a cell size that suits the picture, so
/// panes sit where they sit on screen (same layout rules), drawn in pixels.
struct ChartGeometry {
    let width: Double, height: Double
    let cols: Int, rows: Int
    let cw: Double, ch: Double

    init(width w: Int, height h: Int) {
        width = Double(w)
        height = Double(h)
        // About 45 rows on a 900-pixel picture; at least 80 columns across, as on a terminal.
        var row = max(14, Double(h) / 45)
        if Double(w) / (row / 2) < 80 { row = Double(w) * 2 / 80 }
        rows = max(ViewRenderer.minHeight, Int(Double(h) / row))
        cols = max(ViewRenderer.minWidth, Int(Double(w) / (row / 2)))
        cw = Double(w) / Double(cols)
        ch = Double(h) / Double(rows)
    }

    var font: Double { ch * 0.6 }
    var small: Double { ch * 0.5 }
    var gap: Double { cw * 0.5 }

    func rect(_ r: Rect) -> PixelRect {
        PixelRect(x: Double(r.x) * cw, y: Double(r.y) * ch, width: Double(r.width) * cw, height: Double(r.height) * ch)
    }
}

/// Draws the whole view as a chart: title, series, plot, map, dashboard and a footer.
struct ViewPainter {
    let s: AppState
    let store: MeasurementStore
    let colors: ChartColors
    let geo: ChartGeometry
    let surface: Surface
    let backdrop: MapBackdrop?

    func draw() {
        surface.fill(PixelRect(x: 0, y: 0, width: geo.width, height: geo.height), colors.background)
        let layout = ScreenLayout(width: geo.cols, height: geo.rows)
        titleBar(geo.rect(layout.title))
        series(card(layout.panes[.series]!, title: seriesTitle))
        PlotPainter(p: self).draw(card(layout.panes[.plot]!, title: PlotModel.title(s)))
        MapPainter(p: self).draw(layout.panes[.map]!)
        DashboardPainter(p: self).draw(card(layout.panes[.dashboard]!, title: "Dashboard · \(s.settings.dashboard.count) panels"))
        footer(geo.rect(layout.status))
    }

    /// A pane as a card with its title; returns the inside.
    @discardableResult
    func card(_ r: Rect, title: String) -> PixelRect {
        let box = geo.rect(r).inset(left: geo.gap / 2, top: geo.gap / 2, right: geo.gap / 2, bottom: geo.gap / 2)
        surface.fill(box, colors.pane, radius: geo.cw * 0.6)
        surface.stroke(box, colors.fg(.border), width: 1, radius: geo.cw * 0.6)
        let t = surface.fitted(title, width: box.width - 2 * geo.cw, size: geo.font, bold: true)
        surface.text(t, x: box.x + geo.cw, y: box.y + geo.ch * 0.85, size: geo.font, bold: true, colors.fg(.title))
        return box.inset(left: geo.cw, top: geo.ch * 1.25, right: geo.cw, bottom: geo.ch * 0.4)
    }

    var seriesTitle: String {
        let present = Set(s.catalog.map(\.id))
        return "Series \(s.settings.series.selected.filter { present.contains($0) }.count)/\(s.catalog.count)"
    }

    func titleBar(_ r: PixelRect) {
        surface.fill(r, colors.bg(.titleBar))
        let fg = colors.fg(.titleBar), y = r.y + r.height * 0.7
        let left = "dataviewer · " + s.dataName
        surface.text(surface.fitted(left, width: r.width / 2, size: geo.font, bold: true), x: r.x + geo.cw, y: y, size: geo.font, bold: true, fg)
        var right = s.session.name.map { "session: " + $0 } ?? "no session"
        if s.session.name != nil { right += " · " + (s.session.savedSettings == s.settings ? "saved" : "modified") }
        surface.text(surface.fitted(right, width: r.width / 2 - 2 * geo.cw, size: geo.font), x: r.maxX - geo.cw, y: y, size: geo.font, anchor: .end, fg)
    }

    func footer(_ r: PixelRect) {
        let y = r.y + r.height * 0.7
        if let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) {
            let zone = s.displayZone
            let text = TimeFormat.dateTime(vis.lowerBound, in: zone) + " – " + TimeFormat.dateTime(vis.upperBound, in: zone) + " " + TimeTicks.zoneLabel(vis, zone: zone)
            surface.text(text, x: r.x + geo.cw, y: y, size: geo.small, colors.fg(.dim))
        }
        surface.text("drawn by dataviewer", x: r.maxX - geo.cw, y: y, size: geo.small, anchor: .end, colors.fg(.dim))
    }

    /// The series list: plotted series in their colours, the others dimmed.
    func series(_ r: PixelRect) {
        let visible = s.visibleSeries
        let plotted = s.plottedSeries.map(\.id)
        let rows = max(1, Int(r.height / geo.ch))
        if visible.isEmpty {
            surface.text(s.catalog.isEmpty ? "no series" : "no series match", x: r.x, y: r.y + geo.ch * 0.7, size: geo.font, colors.fg(.dim))
            return
        }
        // Plotted series first: they are what the picture is about.
        let ordered = visible.filter { plotted.contains($0.id) } + visible.filter { !plotted.contains($0.id) }
        let shown = ordered.count > rows ? Array(ordered.prefix(rows - 1)) : ordered
        for (k, info) in shown.enumerated() {
            let y = r.y + Double(k) * geo.ch
            let idx = plotted.firstIndex(of: info.id)
            let mark = idx.map { colors.fg(.series($0 % ColorRole.seriesPaletteSize)) } ?? colors.fg(.dim)
            if idx != nil { surface.fill(PixelRect(x: r.x, y: y + geo.ch * 0.3, width: geo.cw, height: geo.ch * 0.45), mark, radius: 2) }
            else { surface.stroke(PixelRect(x: r.x, y: y + geo.ch * 0.3, width: geo.cw, height: geo.ch * 0.45), mark, width: 1, radius: 2) }
            let label = info.name + (info.unit.map { " (\($0))" } ?? "")
            surface.text(surface.fitted(label, width: r.width - 2 * geo.cw, size: geo.font, bold: idx != nil), x: r.x + geo.cw * 1.8,
                         y: y + geo.ch * 0.72, size: geo.font, bold: idx != nil, idx != nil ? colors.text : colors.fg(.dim))
        }
        if ordered.count > shown.count {
            surface.text("+\(ordered.count - shown.count) more", x: r.x + geo.cw * 1.8, y: r.y + Double(shown.count) * geo.ch + geo.ch * 0.72,
                         size: geo.small, colors.fg(.dim))
        }
    }
}
