import DataCore
import Rendering
import ViewCore

/// The dashboard's panels in order, each as many rows as in the terminal: statistics, a
/// sparkline, a histogram, exceedance counts, the latest values.
struct DashboardPainter {
    let p: ViewPainter
    var geo: ChartGeometry { p.geo }
    var surface: Surface { p.surface }
    var colors: ChartColors { p.colors }

    func draw(_ r: PixelRect) {
        let s = p.s
        if s.settings.dashboard.isEmpty {
            surface.text("no panels", x: r.x, y: r.y + geo.ch * 0.7, size: geo.font, colors.fg(.dim))
            return
        }
        guard let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) else { return }
        let f = s.settings.series.filter
        let vr = (f.valueMin != nil || f.valueMax != nil) ? (f.valueMin ?? -.infinity)...(f.valueMax ?? .infinity) : nil
        let plotted = s.plottedSeries
        var y = r.y
        for panel in s.settings.dashboard {
            let rows = DashboardView.height(of: panel, plotted: plotted.count)
            guard y + Double(rows) * geo.ch <= r.maxY + geo.ch * 0.3 else { break }
            let info = panel.seriesID.flatMap { id in s.catalog.first { $0.id == id } } ?? plotted.first
            let head = panel.kind.title + (info.map { ": \($0.name)" } ?? "")
            surface.text(surface.fitted(head, width: r.width, size: geo.font, bold: true), x: r.x, y: y + geo.ch * 0.75, size: geo.font, bold: true, colors.fg(.title))
            let body = PixelRect(x: r.x + geo.cw, y: y + geo.ch, width: r.width - geo.cw, height: Double(rows - 1) * geo.ch)
            y += Double(rows) * geo.ch
            guard let info, let col = p.store.column(info.id) else {
                surface.text("no series", x: body.x, y: body.y + geo.ch * 0.7, size: geo.small, colors.fg(.dim))
                continue
            }
            let unit = info.unit.map { " " + $0 } ?? ""
            switch panel.kind {
            case .statistics:
                let st = col.statistics(in: vis, valueRange: vr)
                let text = st.count == 0 ? "no values in view" :
                    "last \(NumberFormat.short(st.last!))\(unit)   min \(NumberFormat.short(st.min))   max \(NumberFormat.short(st.max))   mean \(NumberFormat.short(st.mean!))   n \(st.count)"
                surface.text(surface.fitted(text, width: body.width, size: geo.small), x: body.x, y: body.y + geo.ch * 0.7, size: geo.small, colors.text)
            case .sparkline:
                sparkline(col, vis, body.inset(top: geo.ch * 0.1, bottom: geo.ch * 0.1), colors.fg(.series(0)))
            case .histogram:
                histogram(col, vis, vr, body)
            case .exceedances:
                let ths = s.settings.thresholds.filter { $0.applied && $0.covers(SeriesInfoRef(id: info.id, phenomenon: info.phenomenon)) }
                if ths.isEmpty { surface.text("no applied threshold", x: body.x, y: body.y + geo.ch * 0.7, size: geo.small, colors.fg(.dim)) }
                for (k, t) in ths.enumerated() where Double(k) * geo.ch < body.height {
                    var n = 0, total = 0
                    for i in col.indices(in: vis) {
                        let v = col.values[i]
                        if let vr, !vr.contains(v) { continue }
                        total += 1
                        if t.exceeded(by: v) { n += 1 }
                    }
                    let pct = total > 0 ? NumberFormat.short(Double(n) * 100 / Double(total)) : "0"
                    let ly = body.y + Double(k) * geo.ch + geo.ch * 0.5
                    surface.line(body.x, ly, body.x + geo.cw * 2, ly, colors.fg(PlotModel.thresholdRole(t)), width: 2, dash: [4, 3])
                    surface.text("\(t.label): \(n) of \(total) (\(pct)%)", x: body.x + geo.cw * 2.8, y: ly + geo.small * 0.35, size: geo.small,
                                 bold: n > 0, n > 0 ? colors.fg(.warning) : colors.text)
                }
            case .latest:
                let list = plotted.isEmpty ? [info] : plotted
                for (k, ser) in list.enumerated() where Double(k) * geo.ch < body.height {
                    guard let c = p.store.column(ser.id), let t = c.times.last else { continue }
                    let ly = body.y + Double(k) * geo.ch
                    surface.fill(PixelRect(x: body.x, y: ly + geo.ch * 0.3, width: geo.cw, height: geo.ch * 0.45), colors.fg(.series(k % ColorRole.seriesPaletteSize)), radius: 2)
                    let value = NumberFormat.short(c.values[c.count - 1]) + (ser.unit.map { " " + $0 } ?? "") + "   " + TimeFormat.dateTime(t, in: p.s.displayZone)
                    let vw = surface.textWidth(value, size: geo.small, bold: false)
                    surface.text(surface.fitted(ser.name, width: body.width - vw - geo.cw * 3, size: geo.small), x: body.x + geo.cw * 1.6,
                                 y: ly + geo.ch * 0.7, size: geo.small, colors.text)
                    surface.text(value, x: body.maxX, y: ly + geo.ch * 0.7, size: geo.small, anchor: .end, colors.text)
                }
            }
        }
    }

    func sparkline(_ c: SeriesColumn, _ vis: ClosedRange<Int64>, _ r: PixelRect, _ colour: RGBA) {
        let n = max(2, Int(r.width / 3))
        let span = Double(max(1, vis.upperBound - vis.lowerBound))
        var sums = [Double](repeating: 0, count: n), counts = [Int](repeating: 0, count: n)
        for i in c.indices(in: vis) {
            let b = min(n - 1, Int(Double(c.times[i] - vis.lowerBound) / span * Double(n)))
            sums[b] += c.values[i]
            counts[b] += 1
        }
        let means = (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : Double.nan }
        let real = means.filter { !$0.isNaN }
        guard let lo = real.min(), let hi = real.max() else { return }
        var run: [(Double, Double)] = []
        for (k, v) in means.enumerated() {
            if v.isNaN { surface.polyline(run, colour, width: 1.5, dash: []); run = []; continue }
            let y = hi > lo ? r.maxY - (v - lo) / (hi - lo) * r.height : r.y + r.height / 2
            run.append((r.x + (Double(k) + 0.5) * r.width / Double(n), y))
        }
        surface.polyline(run, colour, width: 1.5, dash: [])
    }

    func histogram(_ c: SeriesColumn, _ vis: ClosedRange<Int64>, _ vr: ClosedRange<Double>?, _ r: PixelRect) {
        let st = c.statistics(in: vis, valueRange: vr)
        guard st.count > 0 else { surface.text("no values in view", x: r.x, y: r.y + geo.ch * 0.7, size: geo.small, colors.fg(.dim)); return }
        let bins = max(4, min(60, Int(r.width / (geo.cw * 0.8))))
        var counts = [Int](repeating: 0, count: bins)
        let span = st.max - st.min
        for i in c.indices(in: vis) {
            let v = c.values[i]
            if let vr, !vr.contains(v) { continue }
            counts[span > 0 ? min(bins - 1, Int((v - st.min) / span * Double(bins))) : bins / 2] += 1
        }
        let bars = r.inset(bottom: geo.ch)
        let top = Double(counts.max() ?? 1), bw = bars.width / Double(bins)
        for (b, n) in counts.enumerated() where n > 0 {
            let h = Double(n) / top * bars.height
            surface.fill(PixelRect(x: bars.x + Double(b) * bw + 0.5, y: bars.maxY - h, width: max(1, bw - 1), height: h), colors.fg(.series(1)))
        }
        let y = r.maxY - geo.ch * 0.25
        surface.text(NumberFormat.short(st.min), x: bars.x, y: y, size: geo.small, colors.fg(.axis))
        surface.text(NumberFormat.short(st.max), x: bars.maxX, y: y, size: geo.small, anchor: .end, colors.fg(.axis))
    }
}
