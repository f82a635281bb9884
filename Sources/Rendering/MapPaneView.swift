import DataCore
import Foundation
import ViewCore

/// §2.5: measurement positions on a plain lat/lon map (equirectangular, corrected for latitude).
enum MapPaneView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect) {
        let m = s.settings.map
        let inner = r.inner
        var ids = s.plottedSeries.map(\.id).filter { store.column($0)?.hasPositions == true }
        let showingAll = ids.isEmpty
        if showingAll { ids = store.series.map(\.id).filter { store.column($0)?.hasPositions == true } }
        var title = "Map"
        guard inner.width >= 10, inner.height >= 3, !ids.isEmpty,
              let vis = PlotView.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window),
              let bounds = bounds(ids, store) else {
            Frame.draw(&grid, r, title: title, focused: s.ui.focus == .map && s.topOverlay == nil, unicode: s.ui.unicode)
            if inner.width > 4 && inner.height > 0 {
                grid.put("no positions in the data", x: inner.x + 1, y: inner.y + inner.height / 2, role: .dim, maxWidth: inner.width - 2)
            }
            return
        }
        let centerLat = m.centerLat ?? (bounds.minLat + bounds.maxLat) / 2
        let centerLon = m.centerLon ?? (bounds.minLon + bounds.maxLon) / 2
        let k = cos(centerLat * .pi / 180)
        let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        let pw = Double(area.width * 2), ph = Double(area.height * 4)
        // Degrees per pixel that fit all positions, halved per zoom step.
        let fit = max((bounds.maxLon - bounds.minLon) * k / max(1, pw - 2), (bounds.maxLat - bounds.minLat) / max(1, ph - 2), 1e-6)
        let dpp = fit * 1.1 / pow(2, m.zoom)
        title += " " + String(format: "%.4f, %.4f", centerLat, centerLon) + " · zoom \(NumberFormat.short(m.zoom))"
        if showingAll { title += " · all" }
        Frame.draw(&grid, r, title: title, focused: s.ui.focus == .map && s.topOverlay == nil, unicode: s.ui.unicode)
        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        for (n, id) in ids.enumerated() {
            let c = store.column(id)!
            let role: ColorRole = showingAll ? .dim : .series(n % ColorRole.seriesPaletteSize)
            for i in c.indices(in: vis) {
                let lat = Double(c.lats[i]), lon = Double(c.lons[i])
                if lat.isNaN { continue }
                let x = Int((pw / 2 + (lon - centerLon) * k / dpp).rounded())
                let y = Int((ph / 2 - (lat - centerLat) / dpp).rounded())
                canvas.set(x, y, role: role)
            }
        }
        canvas.draw(into: &grid, x: area.x, y: area.y, unicode: s.ui.unicode)
        // Coordinates on the bottom axis: longitudes at both ends, latitudes of the top and bottom edges.
        let halfW = pw / 2 * dpp / k, halfH = ph / 2 * dpp
        let axisY = inner.y + inner.height - 1
        let left = String(format: "%.3f°", centerLon - halfW), right = String(format: "%.3f°", centerLon + halfW)
        grid.put(left, x: area.x, y: axisY, role: .axis)
        grid.put(right, x: area.x + area.width - TextWidth.of(right), y: axisY, role: .axis)
        let lats = String(format: "%.3f…%.3f°N", centerLat - halfH, centerLat + halfH)
        let lx = area.x + (area.width - TextWidth.of(lats)) / 2
        if lx > area.x + TextWidth.of(left) { grid.put(lats, x: lx, y: axisY, role: .axis) }
    }

    struct Bounds { var minLat, maxLat, minLon, maxLon: Double }

    static func bounds(_ ids: [String], _ store: MeasurementStore) -> Bounds? {
        var b = Bounds(minLat: .infinity, maxLat: -.infinity, minLon: .infinity, maxLon: -.infinity)
        for id in ids {
            let c = store.column(id)!
            for i in 0..<c.lats.count where !c.lats[i].isNaN {
                let la = Double(c.lats[i]), lo = Double(c.lons[i])
                b.minLat = min(b.minLat, la); b.maxLat = max(b.maxLat, la)
                b.minLon = min(b.minLon, lo); b.maxLon = max(b.maxLon, lo)
            }
        }
        return b.minLat.isFinite ? b : nil
    }
}
