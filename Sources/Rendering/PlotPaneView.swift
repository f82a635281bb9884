import DataCore
import ViewCore

/// §2.4: a braille time-series chart of the plotted series.
enum PlotPaneView {
    struct Trace {
        var role: ColorRole
        var info: SeriesInfo
        /// Raw data is read in place (no copy per frame); aggregated data is a short list.
        var column: SeriesColumn
        var range: Range<Int>
        var valueRange: ClosedRange<Double>?
        var buckets: [(time: Int64, value: Double)]?

        var isEmpty: Bool { buckets.map(\.isEmpty) ?? range.isEmpty }

        @inline(__always) func forEach(_ body: (Int64, Double) -> Void) {
            if let buckets {
                for b in buckets { body(b.time, b.value) }
                return
            }
            let times = column.times, values = column.values
            if let vr = valueRange {
                for i in range where vr.contains(values[i]) { body(times[i], values[i]) }
            } else {
                for i in range { body(times[i], values[i]) }
            }
        }
    }

    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect) {
        let p = s.settings.plot
        var title = "Plot · \(p.style.rawValue)"
        if p.bucket != .raw { title += " · \(p.bucket.rawValue) \(p.reduce.rawValue)" }
        let vis = PlotTimeWindow.visible(p, data: s.dataRange, window: s.settings.series.filter.window)
        if let vis { title += " · " + TimeFormat.duration(vis.upperBound - vis.lowerBound) }
        if p.span != nil { title += " (zoomed)" }
        BoxDrawing.draw(&grid, r, title: title, focused: s.ui.focus == .plot && s.topOverlay == nil, unicode: s.ui.unicode)
        let inner = r.inner
        guard inner.width >= 12, inner.height >= 3 else { return }
        let plotted = s.plottedSeries
        guard let vis, !plotted.isEmpty else {
            let why = s.catalog.isEmpty ? "no data" : "select a series with Space"
            grid.put(why, x: inner.x + max(0, (inner.width - TextWidth.of(why)) / 2), y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let traces = plotted.enumerated().map { k, info in
            Trace(role: .series(k % ColorRole.seriesPaletteSize), info: info,
                  column: SeriesColumn(), range: 0..<0)
                .reading(store.column(info.id) ?? SeriesColumn(), vis, p, s.settings.series.filter, zone: s.displayZone)
        }
        let ths = appliedThresholds(s, plotted)
        var dataMin = Double.infinity, dataMax = -Double.infinity
        for t in traces { t.forEach { _, v in dataMin = min(dataMin, v); dataMax = max(dataMax, v) } }
        for t in ths { dataMin = min(dataMin, t.value); dataMax = max(dataMax, t.value) }
        if !dataMin.isFinite { dataMin = 0; dataMax = 1 }
        var lo = p.yMin ?? dataMin, hi = p.yMax ?? dataMax
        if p.yMin == nil && p.yMax == nil {
            let pad = (hi - lo) * 0.05
            lo -= pad
            hi += pad
        }
        if hi <= lo { lo -= 1; hi += 1 }
        let units = Set(plotted.compactMap(\.unit))
        let yLabels = [hi, (hi + lo) / 2, lo].map(NumberFormat.short)
        let labelW = min(10, (yLabels.map(TextWidth.of).max() ?? 1) + 1)
        let area = Rect(x: inner.x + labelW, y: inner.y, width: inner.width - labelW, height: inner.height - 1)
        // Y axis: labels at top, middle, bottom; the unit when all series share one.
        let mid = area.y + (area.height - 1) / 2
        for (label, y) in zip(yLabels, [area.y, mid, area.y + area.height - 1]) {
            grid.put(label, x: inner.x + labelW - 1 - TextWidth.of(label), y: y, role: .axis)
        }
        if units.count == 1, area.height >= 5 {
            grid.put(TextWidth.truncate(units.first!, to: labelW - 1), x: inner.x, y: area.y + 1, role: .dim)
        }
        for y in area.y..<area.y + area.height { grid[area.x - 1, y] = Cell(s.ui.unicode ? "┤" : "|", role: .axis) }
        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        for t in ths { thresholdLine(t, into: &canvas, lo...hi) }
        for t in traces {
            plot(t, into: &canvas, vis, lo...hi, p.style)
            let own = ths.filter { $0.covers(SeriesInfoRef(id: t.info.id, phenomenon: t.info.phenomenon)) }
            if !own.isEmpty { exceedances(t, own, into: &canvas, vis, lo...hi) }
        }
        canvas.draw(into: &grid, x: area.x, y: area.y, unicode: s.ui.unicode)
        for t in ths {
            let y = area.y + min(area.height - 1, max(0, Int(((hi - t.value) / (hi - lo) * Double(area.height * 4 - 1)).rounded()) / 4))
            if (lo...hi).contains(t.value) {
                grid.put(" " + t.label + " ", x: area.x + 1, y: y, role: thresholdRole(t), style: [.bold], maxWidth: area.width / 3)
            }
        }
        timeAxis(&grid, vis, zone: s.displayZone, y: inner.y + inner.height - 1, x: area.x, width: area.width, unicode: s.ui.unicode)
        if p.legend { legend(&grid, traces, area) }
    }

}

extension PlotPaneView.Trace {
    /// The visible part of a series: raw (in place), or reduced per bucket.
    func reading(_ c: SeriesColumn, _ vis: ClosedRange<Int64>, _ p: PlotSettings, _ f: SeriesFilter, zone: ZoneTable) -> Self {
        var t = self
        t.column = c
        t.range = c.indices(in: vis)
        t.valueRange = (f.valueMin != nil || f.valueMax != nil) ? (f.valueMin ?? -.infinity)...(f.valueMax ?? .infinity) : nil
        if p.bucket != .raw {
            let red: Reduction = p.reduce == .mean ? .mean : p.reduce == .min ? .min : .max
            t.buckets = c.buckets(in: vis, width: p.bucket.milliseconds, reduce: red, valueRange: t.valueRange, zone: zone)
        }
        return t
    }
}

extension PlotPaneView {
    static func plot(_ t: Trace, into canvas: inout BrailleCanvas, _ vis: ClosedRange<Int64>, _ yr: ClosedRange<Double>, _ style: PlotSettings.Style) {
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        guard pw > 1, ph > 1, !t.isEmpty else { return }
        let span = Double(max(1, vis.upperBound - vis.lowerBound))
        let ys = Double(ph - 1) / (yr.upperBound - yr.lowerBound)
        // Hot loop (every visible point, every frame): no division, no libm rounding.
        let kx = Double(pw - 1) / span, t0 = vis.lowerBound, top = yr.upperBound
        @inline(__always) func px(_ time: Int64) -> Int { Int(Double(time - t0) * kx + 0.5) }
        @inline(__always) func py(_ v: Double) -> Int { min(ph - 1, max(0, Int((top - v) * ys + 0.5))) }
        // Many points per pixel column: draw each column's min..max once (an envelope), in O(points).
        let gap = max(3, pw / 40)
        var prev: (x: Int, y: Int)? = nil
        var colX = -1, colMin = 0, colMax = 0, colFirst = 0, colLast = 0
        func flush() {
            guard colX >= 0 else { return }
            switch style {
            case .scatter:
                canvas.vertical(colX, from: colMin, to: colMax, role: t.role)
            case .bar:
                canvas.vertical(colX, from: colMin, to: ph - 1, role: t.role)
            case .line:
                if let pr = prev, colX - pr.x <= gap { canvas.line(pr.x, pr.y, colX, colFirst, role: t.role) }
                canvas.vertical(colX, from: colMin, to: colMax, role: t.role)
            case .step:
                if let pr = prev, colX - pr.x <= gap {
                    canvas.line(pr.x, pr.y, colX, pr.y, role: t.role)
                    canvas.vertical(colX, from: pr.y, to: colFirst, role: t.role)
                }
                canvas.vertical(colX, from: colMin, to: colMax, role: t.role)
            }
            prev = (colX, colLast)
        }
        t.forEach { time, value in
            let x = px(time), y = py(value)
            if x != colX {
                flush()
                colX = x; colMin = y; colMax = y; colFirst = y
            } else {
                colMin = min(colMin, y); colMax = max(colMax, y)
            }
            colLast = y
        }
        flush()
    }

    /// Ticks at round times (every 15 min, 6 h, 1 d, …), as many as the labels leave room for.
    static func appliedThresholds(_ s: AppState, _ plotted: [SeriesInfo]) -> [Threshold] {
        s.settings.thresholds.filter { t in
            t.applied && plotted.contains { t.covers(SeriesInfoRef(id: $0.id, phenomenon: $0.phenomenon)) }
        }
    }

    static func thresholdRole(_ t: Threshold) -> ColorRole {
        Threshold.colourNames.firstIndex(of: t.color).map { .named($0) } ?? .threshold
    }

    /// A dashed horizontal line at the threshold's value.
    static func thresholdLine(_ t: Threshold, into canvas: inout BrailleCanvas, _ yr: ClosedRange<Double>) {
        guard yr.contains(t.value) else { return }
        let ph = canvas.pixelHeight
        let y = Int(((yr.upperBound - t.value) / (yr.upperBound - yr.lowerBound) * Double(ph - 1)).rounded())
        for x in stride(from: 0, to: canvas.pixelWidth, by: 1) where x % 4 < 2 { canvas.set(x, y, role: thresholdRole(t)) }
    }

    /// Points beyond a threshold are drawn again in the threshold's colour.
    static func exceedances(_ tr: Trace, _ ths: [Threshold], into canvas: inout BrailleCanvas, _ vis: ClosedRange<Int64>, _ yr: ClosedRange<Double>) {
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        let span = Double(max(1, vis.upperBound - vis.lowerBound))
        tr.forEach { time, value in
            guard let t = ths.first(where: { $0.exceeded(by: value) }) else { return }
            let x = Int((Double(time - vis.lowerBound) / span * Double(pw - 1)).rounded())
            let y = min(ph - 1, max(0, Int(((yr.upperBound - value) / (yr.upperBound - yr.lowerBound) * Double(ph - 1)).rounded())))
            canvas.set(x, y, role: thresholdRole(t))
        }
    }

    /// Labels at round local times of the display zone; the zone's abbreviation at the right end
    /// (kept free for it), since the same instant reads differently in every zone.
    static func timeAxis(_ grid: inout CellGrid, _ vis: ClosedRange<Int64>, zone: ZoneTable, y: Int, x: Int, width: Int, unicode: Bool) {
        let span = max(1, vis.upperBound - vis.lowerBound)
        let zoneText = TextWidth.truncate(TextSafety.printable(TimeTicks.zoneLabel(vis, zone: zone)), to: max(3, width / 3))
        let room = width - TextWidth.of(zoneText) - 1
        let labelW = TextWidth.of(TimeFormat.axisLabel(zone.local(vis.lowerBound), span: span)) + 3
        var lastEnd = -1
        for tick in TimeTicks.ticks(vis, zone: zone, maxTicks: max(1, room / labelW)) {
            let cx = Int(Double(tick.time - vis.lowerBound) / Double(span) * Double(width - 1))
            if cx > lastEnd, cx + TextWidth.of(tick.label) + 1 <= room {
                grid.put(unicode ? "└" : "+", x: x + cx, y: y, role: .axis)
                grid.put(tick.label, x: x + cx + 1, y: y, role: .axis)
                lastEnd = cx + TextWidth.of(tick.label) + 1
            }
        }
        grid.put(zoneText, x: x + width - TextWidth.of(zoneText), y: y, role: .dim)
    }

    static func legend(_ grid: inout CellGrid, _ traces: [Trace], _ area: Rect) {
        let space = max(1, area.height - 1)
        // When they do not all fit, the last row says how many more there are.
        let rows = traces.count > space ? space - 1 : traces.count
        let labels = traces.prefix(rows).map { t in t.info.name + (t.info.unit.map { " (\($0))" } ?? "") }
        let w = min(area.width / 2, max(10, (labels.map(TextWidth.of).max() ?? 0) + 3))
        guard w > 4 else { return }
        let x = area.x + area.width - w
        for (k, label) in labels.enumerated() {
            grid.fill(Rect(x: x - 1, y: area.y + k, width: w + 1, height: 1))
            grid.put("━ ", x: x, y: area.y + k, role: traces[k].role, style: [.bold])
            grid.put(TextWidth.truncate(label, to: w - 2), x: x + 2, y: area.y + k, role: .text)
        }
        if traces.count > rows {
            grid.fill(Rect(x: x - 1, y: area.y + rows, width: w + 1, height: 1))
            grid.put("+\(traces.count - rows) more", x: x + 2, y: area.y + rows, role: .dim, maxWidth: w - 2)
        }
    }
}
