import DataCore
import Foundation
import Rendering
import ViewCore

/// What is drawn under the data on the map (coastlines, borders, places): supplied by the map
/// layer, drawn in the map's area with the same viewport as the positions.
public protocol MapBackdrop {
    /// `project` turns a position into picture pixels; `area` is the map's area (clipped to it).
    func draw(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double))
    /// Drawn over the data (names): `taken` holds what the data covers, and what is written here marks it.
    func label(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double), taken: inout PixelMask)
}

public extension MapBackdrop {
    func label(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double), taken: inout PixelMask) {}
}

/// The map as a chart: the backdrop, positions coloured by series (or by the threshold they
/// exceed), or the heat-map with its scale; coordinates on the axes.
struct MapPainter {
    let p: ViewPainter
    var geo: ChartGeometry { p.geo }
    var surface: Surface { p.surface }
    var colors: ChartColors { p.colors }

    func draw(_ pane: Rect) {
        let s = p.s, store = p.store, m = s.settings.map
        var ids = s.plottedSeries.map(\.id).filter { store.column($0)?.hasPositions == true }
        let showingAll = ids.isEmpty
        if showingAll { ids = store.series.map(\.id).filter { store.column($0)?.hasPositions == true } }
        guard !ids.isEmpty, let bounds = s.positionBounds,
              let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) else {
            let r = p.card(pane, title: "Map")
            surface.text("no positions in the data", x: r.x + r.width / 2, y: r.y + r.height / 2, size: geo.font, anchor: .middle, colors.fg(.dim))
            return
        }
        // The title needs the viewport, the viewport needs the area inside the card: same size either way.
        let probe = geo.rect(pane).inset(left: geo.gap / 2 + geo.cw, top: geo.gap / 2 + geo.ch * 1.25, right: geo.gap / 2 + geo.cw, bottom: geo.gap / 2 + geo.ch * 0.4)
        let area = probe.inset(bottom: geo.ch * 1.2)
        let pw = max(1, Int(area.width)), ph = max(1, Int(area.height))
        let v = MapViewport(m, bounds: bounds, pixelWidth: pw, pixelHeight: ph)
        var title = "Map " + String(format: "%.4f, %.4f", v.centerLat, v.centerLon) + " · zoom \(NumberFormat.short(m.zoom))"
        if m.heatmap.enabled { title += " · heat r\(m.heatmap.radius) i\(m.heatmap.intensity) \(m.heatmap.ramp.rawValue)" }
        else if showingAll { title += " · all" }
        p.card(pane, title: title)
        func project(_ lat: Double, _ lon: Double) -> (Double, Double) {
            (area.x + Double(pw) / 2 + (lon - v.centerLon) * v.k / v.degreesPerPixel, area.y + Double(ph) / 2 - (lat - v.centerLat) / v.degreesPerPixel)
        }
        surface.fill(area, colors.background.opacity(0.5))
        let f = s.settings.series.filter
        let vr = (f.valueMin != nil || f.valueMax != nil) ? (f.valueMin ?? -.infinity)...(f.valueMax ?? .infinity) : nil
        var taken = PixelMask(area, cell: max(2, geo.cw / 4))
        surface.clipped(to: area) {
            p.backdrop?.draw(on: surface, area: area, viewport: v, project: project)
            if m.heatmap.enabled {
                heat(m.heatmap.seriesID.map { [$0] } ?? ids, area, v, vis, vr, taken: &taken)
            } else {
                positions(ids, showingAll: showingAll, area, v, vis, vr, taken: &taken)
            }
            p.backdrop?.label(on: surface, area: area, viewport: v, project: project, taken: &taken)
        }
        surface.stroke(area, colors.fg(.border), width: 1, radius: 0)
        axes(v, area, pw: pw, ph: ph)
    }

    func positions(_ ids: [String], showingAll: Bool, _ area: PixelRect, _ v: MapViewport, _ vis: ClosedRange<Int64>, _ vr: ClosedRange<Double>?,
                   taken: inout PixelMask) {
        let pw = Int(area.width), ph = Int(area.height)
        let r = max(2, geo.cw * 0.35)
        for (n, id) in ids.enumerated() {
            guard let c = p.store.column(id), let idx = p.store.index(ofSeries: id) else { continue }
            let info = p.store.series[idx]
            let ths = p.s.settings.thresholds.filter { $0.applied && $0.covers(SeriesInfoRef(id: id, phenomenon: info.phenomenon)) }
            let base: ColorRole = showingAll ? .dim : .series(n % ColorRole.seriesPaletteSize)
            // One dot per pixel and colour: a fixed station's thousands of rows are one dot.
            var seen: [Int: Set<Int>] = [:]  // colour slot → pixel
            var lastLat = Float.nan, lastLon = Float.nan, key = 0
            for i in c.indices(in: vis) {
                let la = c.lats[i], lo = c.lons[i]
                if la.isNaN { continue }
                let value = c.values[i]
                if let vr, !vr.contains(value) { continue }
                if la != lastLat || lo != lastLon {
                    let (x, y) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                    key = x >= -5 && y >= -5 && x < pw + 5 && y < ph + 5 ? (y + 8) * (pw + 16) + (x + 8) : -1
                    lastLat = la
                    lastLon = lo
                }
                guard key >= 0 else { continue }
                let slot = ths.firstIndex { $0.exceeded(by: value) }.map { $0 + 1 } ?? 0
                seen[slot, default: []].insert(key)
            }
            for slot in seen.keys.sorted() {
                let role = slot == 0 ? base : PlotModel.thresholdRole(ths[slot - 1])
                let pts = seen[slot]!.sorted().map { k in (area.x + Double(k % (pw + 16) - 8) + 0.5, area.y + Double(k / (pw + 16) - 8) + 0.5) }
                let radius = slot == 0 ? r : r * 1.2
                surface.dots(pts, radius: radius, colors.fg(role).opacity(showingAll ? 0.6 : 0.9))
                for (x, y) in pts { taken.mark(PixelRect(x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius)) }
            }
        }
    }

    /// The heat-map at dot resolution (a quarter of a text row), the radius as in the terminal.
    func heat(_ ids: [String], _ area: PixelRect, _ v: MapViewport, _ vis: ClosedRange<Int64>, _ vr: ClosedRange<Double>?, taken: inout PixelMask) {
        let hm = p.s.settings.map.heatmap
        let dot = geo.ch / 4
        let w = max(1, Int(area.width / dot)), h = max(1, Int(area.height / dot))
        let pw = Int(area.width), ph = Int(area.height)
        let f = HeatField(p.store, ids: ids, visible: vis, valueRange: vr, viewport: v, pixelWidth: pw, pixelHeight: ph, columns: w, rows: h,
                          cellWidth: Double(pw) / Double(w) / geo.ch, cellHeight: Double(ph) / Double(h) / geo.ch, radius: hm.radius)
        guard !f.isEmpty else { return }
        let ramp = HeatmapSettings.Ramp.allCases.firstIndex(of: hm.ramp) ?? 0
        let cw = area.width / Double(w), chh = area.height / Double(h)
        let under = blend(colors.background, over: colors.pane, 0.5)
        for cy in 0..<h {
            for cx in 0..<w where !f.values[cy * w + cx].isNaN {
                let i = cy * w + cx
                // Blended here rather than drawn translucent: overlapping cell edges leave no seams.
                let c = blend(colors.fg(.heat(ramp * 8 + f.level(i))), over: under, 0.25 + 0.75 * f.density(i, intensity: hm.intensity))
                let cell = PixelRect(x: area.x + Double(cx) * cw, y: area.y + Double(cy) * chh, width: cw + 0.5, height: chh + 0.5)
                surface.fill(cell, c)
                taken.mark(cell)
            }
        }
        // The ramp's scale, so colours mean something.
        let bar = PixelRect(x: area.maxX - geo.cw * 9, y: area.y + geo.ch * 0.4, width: geo.cw * 8, height: geo.ch * 0.4)
        for k in 0..<8 {
            surface.fill(PixelRect(x: bar.x + Double(k) * bar.width / 8, y: bar.y, width: bar.width / 8 + 0.3, height: bar.height), colors.fg(.heat(ramp * 8 + k)))
        }
        surface.text(NumberFormat.short(f.lo), x: bar.x, y: bar.maxY + geo.small * 1.1, size: geo.small, colors.text)
        surface.text(NumberFormat.short(f.hi), x: bar.maxX, y: bar.maxY + geo.small * 1.1, size: geo.small, anchor: .end, colors.text)
        taken.mark(PixelRect(x: bar.x - geo.cw, y: bar.y, width: bar.width + 2 * geo.cw, height: bar.height + geo.small * 1.4))
    }

    func blend(_ c: RGBA, over b: RGBA, _ a: Double) -> RGBA {
        RGBA(c.r * a + b.r * (1 - a), c.g * a + b.g * (1 - a), c.b * a + b.b * (1 - a))
    }

    func axes(_ v: MapViewport, _ area: PixelRect, pw: Int, ph: Int) {
        let halfW = Double(pw) / 2 * v.degreesPerPixel / v.k, halfH = Double(ph) / 2 * v.degreesPerPixel
        let y = area.maxY + geo.ch * 0.9, c = colors.fg(.axis)
        surface.text(String(format: "%.3f°E", v.centerLon - halfW), x: area.x, y: y, size: geo.small, c)
        surface.text(String(format: "%.3f°E", v.centerLon + halfW), x: area.maxX, y: y, size: geo.small, anchor: .end, c)
        surface.text(String(format: "%.3f…%.3f°N", v.centerLat - halfH, v.centerLat + halfH), x: area.x + area.width / 2, y: y, size: geo.small, anchor: .middle, c)
    }
}
