import DataCore
import Rendering
import ViewCore

/// The plot as a chart: value axes by unit (left/right or stacked), grid, time axis, series
/// lines in their colours, threshold lines, exceeding points in the threshold's colour, legend.
struct PlotPainter {
    let p: ViewPainter
    var geo: ChartGeometry { p.geo }
    var surface: Surface { p.surface }
    var colors: ChartColors { p.colors }

    func draw(_ r: PixelRect) {
        guard let m = PlotModel.make(p.s, p.store) else {
            surface.text(PlotModel.emptyReason(p.s), x: r.x + r.width / 2, y: r.y + r.height / 2, size: geo.font, anchor: .middle, colors.fg(.dim))
            return
        }
        let panels: [[Int]]
        switch m.axes.layout {
        case .single: panels = [[0]]
        case .leftRight: panels = [[0, 1]]
        case .stacked: panels = m.axes.axes.indices.map { [$0] }
        }
        let unitRow = geo.ch * 1.0, timeRow = geo.ch * 1.4
        let bodyH = r.height - timeRow - unitRow * Double(panels.count)
        let panelH = bodyH / Double(panels.count)
        let ticks = m.ranges.map { PlotModel.valueTicks($0, count: max(2, Int(panelH / (geo.ch * 1.6)))) }
        func labelWidth(_ a: Int) -> Double {
            let w = ticks[a].map { surface.textWidth(NumberFormat.short($0), size: geo.small, bold: false) }.max() ?? 0
            return w + geo.cw * 0.8
        }
        let leftW = panels.map { labelWidth($0[0]) }.max() ?? 0
        let rightW = m.axes.layout == .leftRight ? labelWidth(1) : 0
        let x = r.x + leftW, w = r.width - leftW - rightW
        guard w > geo.cw * 4, panelH > geo.ch else { return }
        let boxes = panels.indices.map { k in
            PixelRect(x: x, y: r.y + unitRow * Double(k + 1) + panelH * Double(k), width: w, height: panelH)
        }
        let timeTicks = self.timeTicks(m.visible, width: w)
        for (k, axes) in panels.enumerated() {
            panel(m, axes, boxes[k], ticks: ticks, timeTicks: timeTicks, left: r.x, right: r.maxX)
        }
        let bottom = boxes.last!.maxY
        let span = Double(max(1, m.visible.upperBound - m.visible.lowerBound))
        for t in timeTicks {
            let tx = x + Double(t.time - m.visible.lowerBound) / span * w
            surface.line(tx, bottom, tx, bottom + geo.ch * 0.25, colors.fg(.axis))
            surface.text(t.label, x: tx, y: bottom + geo.ch * 1.0, size: geo.small, anchor: .middle, colors.fg(.axis))
        }
        surface.text(TimeTicks.zoneLabel(m.visible, zone: p.s.displayZone), x: r.maxX, y: bottom + geo.ch * 1.0, size: geo.small, anchor: .end, colors.fg(.dim))
    }

    /// Ticks at round local times of the display zone, as many as their labels leave room for.
    func timeTicks(_ vis: ClosedRange<Int64>, width: Double) -> [TimeTicks.Tick] {
        let zone = p.s.displayZone
        let sample = TimeFormat.axisLabel(zone.local(vis.lowerBound), span: max(1, vis.upperBound - vis.lowerBound))
        let labelW = surface.textWidth(sample, size: geo.small, bold: false) + geo.cw * 3
        return TimeTicks.ticks(vis, zone: zone, maxTicks: max(1, Int(width / labelW)))
    }

    /// `left`/`right`: the pane's inner edges, where the units go above their axes.
    func panel(_ m: PlotModel, _ axes: [Int], _ box: PixelRect, ticks: [[Double]], timeTicks: [TimeTicks.Tick], left paneLeft: Double, right: Double) {
        let multi = m.axes.axes.count > 1
        let span = Double(max(1, m.visible.upperBound - m.visible.lowerBound))
        // Grid: value ticks of the left axis, time ticks.
        for v in ticks[axes[0]] {
            let y = yOf(v, m.ranges[axes[0]], box)
            surface.line(box.x, y, box.maxX, y, colors.grid)
        }
        for t in timeTicks {
            let tx = box.x + Double(t.time - m.visible.lowerBound) / span * box.width
            surface.line(tx, box.y, tx, box.maxY, colors.grid)
        }
        surface.line(box.x, box.maxY, box.maxX, box.maxY, colors.fg(.axis))
        for (side, a) in axes.enumerated() {
            let left = side == 0
            // Several axes: each is coloured like its (first) series, so it is clear which is which.
            let c = multi ? colors.fg(m.traces[m.axes.axes[a].series[0]].role) : colors.fg(.axis)
            let ax = left ? box.x : box.maxX
            surface.line(ax, box.y, ax, box.maxY, c, width: multi ? 1.5 : 1)
            for v in ticks[a] {
                let y = yOf(v, m.ranges[a], box)
                surface.line(ax, y, ax + (left ? -4 : 4), y, c)
                surface.text(NumberFormat.short(v), x: ax + (left ? -6 : 6), y: y + geo.small * 0.35, size: geo.small,
                             anchor: left ? .end : .start, c)
            }
            if let unit = m.axes.axes[a].unit {
                surface.text(unit, x: left ? paneLeft : right, y: box.y - geo.ch * 0.3, size: geo.small, bold: true,
                             anchor: left ? .start : .end, c)
            }
        }
        var legendTraces: [PlotTrace] = []
        surface.clipped(to: box.inset(top: -2, bottom: -2)) {
            for a in axes {
                for t in m.thresholds(onAxis: a) { thresholdLine(t, m.ranges[a], box) }
            }
            for a in axes {
                for i in m.axes.axes[a].series {
                    let t = m.traces[i]
                    legendTraces.append(t)
                    trace(t, m, m.ranges[a], box)
                }
            }
            for a in axes {
                for t in m.thresholds(onAxis: a) { thresholdLabel(t, m.ranges[a], box) }
            }
        }
        if p.s.settings.plot.legend { legend(legendTraces, box) }
    }

    func yOf(_ v: Double, _ r: ClosedRange<Double>, _ box: PixelRect) -> Double {
        box.y + (r.upperBound - v) / (r.upperBound - r.lowerBound) * box.height
    }

    func thresholdLine(_ t: Threshold, _ yr: ClosedRange<Double>, _ box: PixelRect) {
        guard yr.contains(t.value) else { return }
        let c = colors.fg(PlotModel.thresholdRole(t)), y = yOf(t.value, yr, box)
        surface.line(box.x, y, box.maxX, y, c, width: 1.5, dash: [6, 4])
    }

    /// Drawn after the series, so they never hide it.
    func thresholdLabel(_ t: Threshold, _ yr: ClosedRange<Double>, _ box: PixelRect) {
        guard yr.contains(t.value) else { return }
        let c = colors.fg(PlotModel.thresholdRole(t)), y = yOf(t.value, yr, box)
        let w = surface.textWidth(t.label, size: geo.small, bold: true)
        // A backing under the label keeps it readable where the series cross it.
        surface.fill(PixelRect(x: box.x + geo.cw * 0.6, y: y - geo.ch * 0.2 - geo.small * 1.05, width: w + geo.cw * 0.8, height: geo.small * 1.35),
                     colors.pane.opacity(0.85), radius: 2)
        surface.text(t.label, x: box.x + geo.cw, y: y - geo.ch * 0.2, size: geo.small, bold: true, c)
    }

    /// Per pixel column: the first, lowest, highest and last value (an envelope), so a million
    /// points draw as a few thousand segments and the picture stays small.
    struct Column { var x: Int; var first, lo, hi, last: Double }

    static func columns(_ t: PlotTrace, _ vis: ClosedRange<Int64>, width: Int, where keep: (Double) -> Bool = { _ in true }) -> [Column] {
        var out: [Column] = []
        let span = Double(max(1, vis.upperBound - vis.lowerBound)), kx = Double(width) / span
        t.forEach { time, v in
            guard keep(v) else { return }
            let x = min(width - 1, max(0, Int(Double(time - vis.lowerBound) * kx)))
            if let last = out.last, last.x == x {
                out[out.count - 1].lo = min(last.lo, v)
                out[out.count - 1].hi = max(last.hi, v)
                out[out.count - 1].last = v
            } else {
                out.append(Column(x: x, first: v, lo: v, hi: v, last: v))
            }
        }
        return out
    }

    func trace(_ t: PlotTrace, _ m: PlotModel, _ yr: ClosedRange<Double>, _ box: PixelRect) {
        let c = colors.fg(t.role)
        let cols = Self.columns(t, m.visible, width: max(1, Int(box.width)))
        let lw = max(1.5, geo.cw * 0.18)
        func px(_ col: Column) -> Double { box.x + Double(col.x) + 0.5 }
        func py(_ v: Double) -> Double { yOf(v, yr, box) }
        let span = Double(max(1, m.visible.upperBound - m.visible.lowerBound))
        let gap = Int(max(geo.cw * 1.5, box.width / 40, t.joinPixels(perMillisecond: box.width / span)))
        switch p.s.settings.plot.style {
        case .line, .step:
            var run: [(Double, Double)] = []
            var singles: [(Double, Double)] = []
            var prev: Column?
            func flush() {
                if run.count == 1 { singles.append(run[0]) } else { surface.polyline(run, c, width: lw, dash: []) }
                run = []
            }
            for col in cols {
                let x = px(col)
                if let pr = prev, col.x - pr.x <= gap {
                    if p.s.settings.plot.style == .step { run.append((x, py(pr.last))) }
                } else if !run.isEmpty {
                    flush()
                }
                run.append((x, py(col.first)))
                if col.lo != col.hi { run.append((x, py(col.lo))); run.append((x, py(col.hi))) }
                if col.last != col.first || col.lo != col.hi { run.append((x, py(col.last))) }
                prev = col
            }
            if !run.isEmpty { flush() }
            surface.dots(singles, radius: lw, c)
        case .scatter:
            var pts: [(Double, Double)] = []
            for col in cols {
                pts.append((px(col), py(col.lo)))
                if col.hi != col.lo { surface.line(px(col), py(col.lo), px(col), py(col.hi), c, width: lw * 1.6) ; pts.append((px(col), py(col.hi))) }
            }
            surface.dots(pts, radius: lw * 1.2, c)
        case .bar:
            let bw = max(1.5, min(geo.cw * 0.8, box.width / Double(max(1, cols.count)) * 0.7))
            for col in cols {
                let top = py(col.hi)
                surface.fill(PixelRect(x: px(col) - bw / 2, y: top, width: bw, height: max(0.5, box.maxY - top)), c.opacity(0.85))
            }
        }
        // Points beyond a threshold, again in the threshold's colour.
        for th in m.thresholds(of: t) {
            let tc = colors.fg(PlotModel.thresholdRole(th))
            let over = Self.columns(t, m.visible, width: max(1, Int(box.width)), where: { th.exceeded(by: $0) })
            var pts: [(Double, Double)] = []
            for col in over {
                pts.append((px(col), py(th.above ? col.hi : col.lo)))
                if col.hi != col.lo { surface.line(px(col), py(col.lo), px(col), py(col.hi), tc, width: lw * 1.6) }
            }
            surface.dots(pts, radius: lw * 1.3, tc)
        }
    }

    func legend(_ traces: [PlotTrace], _ box: PixelRect) {
        guard !traces.isEmpty else { return }
        let rowH = geo.ch * 0.95
        let fit = max(1, Int((box.height - geo.ch * 0.6) / rowH))
        let shown = traces.count > fit ? Array(traces.prefix(fit - 1)) : traces
        let labels = shown.map { $0.info.name + ($0.info.unit.map { " (\($0))" } ?? "") }
        let maxText = box.width / 2 - geo.cw * 4
        let textW = min(maxText, labels.map { surface.textWidth($0, size: geo.small, bold: false) }.max() ?? 0)
        let rows = shown.count + (traces.count > shown.count ? 1 : 0)
        let lb = PixelRect(x: box.maxX - textW - geo.cw * 4.5, y: box.y + geo.ch * 0.3, width: textW + geo.cw * 4, height: Double(rows) * rowH + geo.ch * 0.4)
        surface.fill(lb, colors.pane.opacity(0.9), radius: 4)
        surface.stroke(lb, colors.fg(.border), width: 1, radius: 4)
        for (k, t) in shown.enumerated() {
            let y = lb.y + geo.ch * 0.2 + Double(k) * rowH + rowH / 2
            surface.line(lb.x + geo.cw * 0.8, y, lb.x + geo.cw * 2.6, y, colors.fg(t.role), width: max(2, geo.cw * 0.3))
            surface.text(surface.fitted(labels[k], width: textW, size: geo.small), x: lb.x + geo.cw * 3.2, y: y + geo.small * 0.35, size: geo.small, colors.text)
        }
        if traces.count > shown.count {
            let y = lb.y + geo.ch * 0.2 + Double(shown.count) * rowH + rowH / 2
            surface.text("+\(traces.count - shown.count) more", x: lb.x + geo.cw * 3.2, y: y + geo.small * 0.35, size: geo.small, colors.fg(.dim))
        }
    }
}
