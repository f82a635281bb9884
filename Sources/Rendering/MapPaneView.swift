import DataCore
import Foundation
import ViewCore

/// §2.5: measurement positions on a plain lat/lon map, or a heat-map of their values.
enum MapPaneView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect, layer: MapLayer = .empty) {
        let m = s.settings.map
        let inner = r.inner
        let focused = s.ui.focus == .map && s.topOverlay == nil
        var ids = s.plottedSeries.map(\.id).filter { store.column($0)?.hasPositions == true }
        let showingAll = ids.isEmpty
        if showingAll { ids = store.series.map(\.id).filter { store.column($0)?.hasPositions == true } }
        guard inner.width >= 10, inner.height >= 3, !ids.isEmpty, let bounds = s.positionBounds,
              let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) else {
            BoxDrawing.draw(&grid, r, title: "Map", focused: focused, unicode: s.ui.unicode)
            if inner.width > 4 && inner.height > 0 {
                grid.put("no positions in the data", x: inner.x + 1, y: inner.y + inner.height / 2, role: .dim, maxWidth: inner.width - 2)
            }
            return
        }
        let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        let pw = area.width * 2, ph = area.height * 4
        let v = MapViewport(m, bounds: bounds, pixelWidth: pw, pixelHeight: ph)
        var title = "Map " + String(format: "%.4f, %.4f", v.centerLat, v.centerLon) + " · zoom \(NumberFormat.short(m.zoom))"
        if m.heatmap.enabled { title += " · heat r\(m.heatmap.radius) i\(m.heatmap.intensity) \(m.heatmap.ramp.rawValue)" }
        else if showingAll { title += " · all" }
        BoxDrawing.draw(&grid, r, title: title, focused: focused, unicode: s.ui.unicode)
        let vr = valueRange(s.settings.series.filter)
        let showLayer = s.ui.mapLayer && s.ui.mapLayerProblem == nil && !layer.isEmpty
        if showLayer {
            MapLayerView.lines(layer, v, columns: area.width, rows: area.height).draw(into: &grid, x: area.x, y: area.y, unicode: s.ui.unicode)
        }
        // Cells the data uses: place names never cover them.
        var taken = CellMask(width: area.width, height: area.height)
        if m.heatmap.enabled {
            let heatIDs = m.heatmap.seriesID.map { [$0] } ?? ids
            heat(&grid, s, store, heatIDs, area, v, vis, vr, taken: &taken)
        } else {
            var canvas = BrailleCanvas(columns: area.width, rows: area.height)
            for (n, id) in ids.enumerated() {
                let c = store.column(id)!
                let info = store.series[store.index(ofSeries: id)!]
                let ths = s.settings.thresholds.filter { $0.applied && $0.covers(SeriesInfoRef(id: id, phenomenon: info.phenomenon)) }
                let role: ColorRole = showingAll ? .dim : .series(n % ColorRole.seriesPaletteSize)
                if let (la, lo) = c.fixedPosition {
                    // A fixed station is one dot, in the colour of its last value in view (the one
                    // drawing every point would leave on top).
                    guard let i = c.lastIndex(in: c.indices(in: vis), within: vr) else { continue }
                    let (x, y) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                    let over = ths.first { $0.exceeded(by: c.values[i]) }
                    canvas.set(x, y, role: over.map(PlotPaneView.thresholdRole) ?? role)
                    continue
                }
                let range = c.indices(in: vis)
                if c.positionRuns.usable(count: c.count) {
                    // One dot per stretch at one position; a later dot in a cell sets its colour, so
                    // the stretch's last measurement (inside the value filter) decides it.
                    c.positionRuns.forEach(in: range) { r in
                        let la = c.lats[r.lowerBound], lo = c.lons[r.lowerBound]
                        guard !la.isNaN, let last = c.lastIndex(in: r, within: vr) else { return }
                        let (x, y) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                        let over = ths.isEmpty ? nil : ths.first { $0.exceeded(by: c.values[last]) }
                        canvas.set(x, y, role: over.map(PlotPaneView.thresholdRole) ?? role)
                    }
                    continue
                }
                // A sensor that repeats a position works out its pixel once per repeat.
                var lastLat = Float.nan, lastLon = Float.nan, x = 0, y = 0
                for i in range {
                    let la = c.lats[i], lo = c.lons[i]
                    if la.isNaN { continue }
                    let value = c.values[i]
                    if let vr, !vr.contains(value) { continue }
                    if la != lastLat || lo != lastLon {
                        (x, y) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                        lastLat = la
                        lastLon = lo
                    }
                    if ths.isEmpty {
                        canvas.set(x, y, role: role)
                    } else {
                        let over = ths.first { $0.exceeded(by: value) }
                        canvas.set(x, y, role: over.map(PlotPaneView.thresholdRole) ?? role)
                    }
                }
            }
            canvas.draw(into: &grid, x: area.x, y: area.y, unicode: s.ui.unicode)
            for row in 0..<area.height {
                for col in 0..<area.width where canvas.isSet(column: col, row: row) { taken.mark(x: col, y: row) }
            }
        }
        if showLayer {
            if let bar = MapLayerView.scaleBar(&grid, v, area, unicode: s.ui.unicode) {
                taken.mark(Rect(x: bar.x - area.x, y: bar.y - area.y, width: bar.width, height: 1))
            }
            MapLayerView.labels(&grid, layer, v, area, reserved: &taken, unicode: s.ui.unicode)
        } else if s.ui.mapLayer && s.ui.mapLayerLoading && area.height > 0 {
            // Where the scale bar will be: the layer is still being read in the background.
            grid.put(String("reading map…".prefix(area.width)), x: area.x, y: area.y + area.height - 1, role: .dim)
        }
        axes(&grid, v, area, y: inner.y + inner.height - 1, pw: pw, ph: ph)
    }

    static func valueRange(_ f: SeriesFilter) -> ClosedRange<Double>? {
        (f.valueMin != nil || f.valueMax != nil) ? (f.valueMin ?? -.infinity)...(f.valueMax ?? .infinity) : nil
    }

    /// Heat-map: per cell, the distance-weighted mean of the values around it; the colour is the
    /// value on the ramp, the shade is how much data stands behind it (scaled by intensity).
    static func heat(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ ids: [String], _ area: Rect,
                     _ v: MapViewport, _ vis: ClosedRange<Int64>, _ vr: ClosedRange<Double>?, taken: inout CellMask) {
        let hm = s.settings.map.heatmap
        let f = HeatField(store, ids: ids, visible: vis, valueRange: vr, viewport: v,
                          pixelWidth: area.width * 2, pixelHeight: area.height * 4, columns: area.width, rows: area.height,
                          cellWidth: 0.5, cellHeight: 1, radius: hm.radius)
        guard !f.isEmpty else { return }
        let ramp = HeatmapSettings.Ramp.allCases.firstIndex(of: hm.ramp) ?? 0
        let shades = s.ui.unicode ? ["░", "▒", "▓", "█"] : [".", ":", "*", "#"]
        for cy in 0..<area.height {
            for cx in 0..<area.width where !f.values[cy * area.width + cx].isNaN {
                let i = cy * area.width + cx
                let shade = shades[max(0, min(3, Int(f.density(i, intensity: hm.intensity) * 3.999)))]
                grid[area.x + cx, area.y + cy] = Cell(shade, role: .heat(ramp * 8 + f.level(i)))
                taken.mark(x: cx, y: cy)
            }
        }
        // The ramp's scale, so colours mean something.
        let scale = "\(NumberFormat.short(f.lo))…\(NumberFormat.short(f.hi))"
        grid.put(scale, x: area.x + area.width - TextWidth.of(scale), y: area.y, role: .heat(ramp * 8 + 7), style: [.bold])
        taken.mark(Rect(x: area.width - TextWidth.of(scale), y: 0, width: TextWidth.of(scale), height: 1))
    }

    static func axes(_ grid: inout CellGrid, _ v: MapViewport, _ area: Rect, y: Int, pw: Int, ph: Int) {
        let halfW = Double(pw) / 2 * v.degreesPerPixel / v.k, halfH = Double(ph) / 2 * v.degreesPerPixel
        let left = String(format: "%.3f°E", v.centerLon - halfW), right = String(format: "%.3f°E", v.centerLon + halfW)
        grid.put(left, x: area.x, y: y, role: .axis)
        grid.put(right, x: area.x + area.width - TextWidth.of(right), y: y, role: .axis)
        let lats = String(format: "%.3f…%.3f°N", v.centerLat - halfH, v.centerLat + halfH)
        let lx = area.x + (area.width - TextWidth.of(lats)) / 2
        if lx > area.x + TextWidth.of(left) && lx + TextWidth.of(lats) < area.x + area.width - TextWidth.of(right) {
            grid.put(lats, x: lx, y: y, role: .axis)
        }
    }
}
