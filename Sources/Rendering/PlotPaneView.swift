import DataCore
import ViewCore

/// A braille time-series chart of the plotted series, one y axis per unit: a left and a
/// right axis for two units, stacked sub-plots under one time axis for more.
enum PlotPaneView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect) {
        BoxDrawing.draw(&grid, r, title: PlotModel.title(s), focused: s.ui.focus == .plot && s.topOverlay == nil, unicode: s.ui.unicode)
        let inner = r.inner
        guard inner.width >= 12, inner.height >= 3 else { return }
        guard let m = PlotModel.make(s, store) else {
            let why = PlotModel.emptyReason(s)
            grid.put(why, x: inner.x + max(0, (inner.width - TextWidth.of(why)) / 2), y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        // The axes of each sub-plot, top to bottom; a sub-plot needs two rows.
        let panels: [[Int]]
        switch m.axes.layout {
        case .single: panels = [[0]]
        case .leftRight: panels = [[0, 1]]
        case .stacked: panels = m.axes.axes.indices.prefix(max(1, body.height / 2)).map { [$0] }
        }
        let labels = m.ranges.map { r in [r.upperBound, (r.upperBound + r.lowerBound) / 2, r.lowerBound].map(NumberFormat.short) }
        let multi = m.axes.axes.count > 1
        func labelWidth(_ a: Int) -> Int {
            let w = labels[a].map(TextWidth.of).max() ?? 1
            // With several axes the unit is what tells them apart: make room for it.
            let unitW = multi ? min(8, TextWidth.of(m.axes.axes[a].unit ?? "")) : 0
            return min(10, max(w, unitW) + 1)
        }
        let leftW = panels.map { labelWidth($0[0]) }.max() ?? 1
        let rightW = m.axes.layout == .leftRight ? labelWidth(1) : 0
        let x = inner.x + leftW, w = inner.width - leftW - rightW
        guard w >= 4 else { return }
        var y = body.y
        for (k, h) in split(body.height, into: panels.count).enumerated() {
            panel(&grid, m, panels[k], Rect(x: x, y: y, width: w, height: h), labels, leftW: leftW, rightW: rightW, s)
            y += h
        }
        timeAxis(&grid, m.visible, zone: s.displayZone, y: inner.y + inner.height - 1, x: x, width: w, unicode: s.ui.unicode)
        let hidden = m.axes.axes.count - panels.joined().count
        if hidden > 0 {
            let note = " +\(hidden) units: enlarge, or A for one axis "
            grid.put(note, x: x + max(0, w - TextWidth.of(note)), y: body.y + body.height - 1, role: .warning, maxWidth: w)
        }
    }

    /// `n` rows in `k` nearly equal parts, the larger ones first.
    static func split(_ n: Int, into k: Int) -> [Int] {
        (0..<k).map { n / k + ($0 < n % k ? 1 : 0) }
    }

    /// One sub-plot: the series of its axes (one on the left, and a second on the right), their
    /// thresholds, exceedances, value labels, units and legend.
    static func panel(_ grid: inout CellGrid, _ m: PlotModel, _ axes: [Int], _ area: Rect, _ labels: [[String]],
                      leftW: Int, rightW: Int, _ s: AppState) {
        let u = s.ui.unicode, p = s.settings.plot
        let multi = m.axes.axes.count > 1
        // Value labels at the top, middle and bottom; a short sub-plot of several gives its middle
        // row to the unit, which matters more there.
        let unitRow = multi && area.height >= 3 && area.height < 5
        let rows = area.height >= 3 && !unitRow ? [(0, area.y), (1, area.y + (area.height - 1) / 2), (2, area.y + area.height - 1)]
                                                : [(0, area.y), (2, area.y + area.height - 1)]
        var unitsInside: [(String, ColorRole)] = []
        for (side, a) in axes.enumerated() {
            let left = side == 0
            // Several axes: each is coloured like its (first) series, so it is clear which is which.
            let role: ColorRole = multi ? m.traces[m.axes.axes[a].series[0]].role : .axis
            for (j, yy) in rows {
                let label = labels[a][j]
                grid.put(label, x: left ? area.x - 1 - TextWidth.of(label) : area.x + area.width + 1, y: yy, role: role)
            }
            if let unit = m.axes.axes[a].unit {
                if area.height >= 5 || unitRow {
                    let text = TextWidth.truncate(unit, to: (left ? leftW : rightW) - 1)
                    grid.put(text, x: left ? area.x - leftW : area.x + area.width + 1, y: area.y + 1, role: multi ? role : .dim)
                } else if multi {
                    unitsInside.append((unit, role))
                }
            }
            for yy in area.y..<area.y + area.height {
                grid[left ? area.x - 1 : area.x + area.width, yy] = Cell(u ? (left ? "┤" : "├") : "|", role: .axis)
            }
        }
        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        for a in axes { for t in m.thresholds(onAxis: a) { thresholdLine(t, into: &canvas, m.ranges[a]) } }
        var traces: [PlotTrace] = []
        for a in axes {
            for i in m.axes.axes[a].series {
                let t = m.traces[i]
                traces.append(t)
                plot(t, into: &canvas, m.visible, m.ranges[a], p.style)
                let own = m.thresholds(of: t)
                if !own.isEmpty { exceedances(t, own, into: &canvas, m.visible, m.ranges[a]) }
            }
        }
        canvas.draw(into: &grid, x: area.x, y: area.y, unicode: u)
        for a in axes {
            let (lo, hi) = (m.ranges[a].lowerBound, m.ranges[a].upperBound)
            for t in m.thresholds(onAxis: a) where (lo...hi).contains(t.value) {
                let y = area.y + min(area.height - 1, max(0, Int(((hi - t.value) / (hi - lo) * Double(area.height * 4 - 1)).rounded()) / 4))
                grid.put(" " + t.label + " ", x: area.x + 1, y: y, role: thresholdRole(t), style: [.bold], maxWidth: area.width / 3)
            }
        }
        var ux = area.x + 1
        for (unit, role) in unitsInside { ux += grid.put(" " + unit + " ", x: ux, y: area.y, role: role, style: [.bold], maxWidth: area.width / 3) }
        if p.legend { legend(&grid, traces, area) }
    }
}

extension PlotPaneView {
    static func plot(_ t: PlotTrace, into canvas: inout BrailleCanvas, _ vis: ClosedRange<Int64>, _ yr: ClosedRange<Double>, _ style: PlotSettings.Style) {
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        guard pw > 1, ph > 1, !t.isEmpty else { return }
        let span = Double(max(1, vis.upperBound - vis.lowerBound))
        let ys = Double(ph - 1) / (yr.upperBound - yr.lowerBound)
        // Hot loop (every visible point, every frame): no division, no libm rounding.
        let kx = Double(pw - 1) / span, t0 = vis.lowerBound, top = yr.upperBound
        @inline(__always) func px(_ time: Int64) -> Int { Int(Double(time - t0) * kx + 0.5) }
        @inline(__always) func py(_ v: Double) -> Int { min(ph - 1, max(0, Int((top - v) * ys + 0.5))) }
        // Many points per pixel column: draw each column's min..max once (an envelope), in O(points).
        let gap = max(3, pw / 40, Int(t.joinPixels(perMillisecond: kx)))
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
        t.forEachPiece(column: px, pixelWidth: pw) { x, first, last, vMin, vMax in
            // y grows downwards: the largest value is the topmost dot.
            let yTop = py(vMax), yBottom = vMin == vMax ? yTop : py(vMin)
            if x != colX {
                flush()
                colX = x; colMin = yTop; colMax = yBottom; colFirst = first == vMax ? yTop : py(first)
            } else {
                colMin = min(colMin, yTop); colMax = max(colMax, yBottom)
            }
            colLast = last == vMax ? yTop : py(last)
        }
        flush()
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
    static func exceedances(_ tr: PlotTrace, _ ths: [Threshold], into canvas: inout BrailleCanvas, _ vis: ClosedRange<Int64>, _ yr: ClosedRange<Double>) {
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        let span = Double(max(1, vis.upperBound - vis.lowerBound))
        // Buckets whose values all stay on the safe side of every threshold are passed over whole.
        tr.forEachPoint(where: { lo, hi in ths.contains { $0.exceeded(by: lo) || $0.exceeded(by: hi) } }) { time, value in
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

    static func legend(_ grid: inout CellGrid, _ traces: [PlotTrace], _ area: Rect) {
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
