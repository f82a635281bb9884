import DataCore
import ViewCore

/// §2.3: the dashboard's panels, stacked in order in the pane.
enum DashboardView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect) {
        Frame.draw(&grid, r, title: "Dashboard", focused: s.ui.focus == .dashboard && s.topOverlay == nil, unicode: s.ui.unicode)
        let inner = r.inner
        guard inner.width >= 8, inner.height >= 1,
              let vis = PlotView.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) else { return }
        var y = inner.y
        let plotted = s.plottedSeries
        for panel in s.settings.dashboard {
            guard y < inner.y + inner.height else { break }
            let info = panel.seriesID.flatMap { id in s.catalog.first { $0.id == id } } ?? plotted.first
            guard let info, let col = store.column(info.id) else {
                grid.put("\(panel.kind.title): no series", x: inner.x, y: y, role: .dim, maxWidth: inner.width)
                y += 1
                continue
            }
            let unit = info.unit.map { " " + $0 } ?? ""
            switch panel.kind {
            case .statistics:
                let st = col.statistics(in: vis)
                grid.put(info.name, x: inner.x, y: y, role: .title, style: [.bold], maxWidth: inner.width)
                y += 1
                guard y < inner.y + inner.height else { break }
                let text = st.count == 0 ? "no values in view" :
                    "last \(NumberFormat.short(st.last!))\(unit)  min \(NumberFormat.short(st.min))  max \(NumberFormat.short(st.max))  mean \(NumberFormat.short(st.mean!))  n \(st.count)"
                grid.put(text, x: inner.x, y: y, role: .text, maxWidth: inner.width)
                y += 1
            case .sparkline:
                let w = inner.width
                let line = sparkline(col, vis, width: w, unicode: s.ui.unicode)
                grid.put(line, x: inner.x, y: y, role: .series(0))
                y += 1
            case .latest:
                for (k, p) in plotted.prefix(inner.y + inner.height - y).enumerated() {
                    guard let c = store.column(p.id), let t = c.times.last else { continue }
                    let v = NumberFormat.short(c.values[c.count - 1]) + (p.unit.map { " " + $0 } ?? "")
                    let when = TimeFormat.dateTime(t)
                    let vw = TextWidth.of(v) + TextWidth.of(when) + 2
                    grid.put("■", x: inner.x, y: y, role: .series(k % ColorRole.seriesPaletteSize))
                    grid.put(p.name, x: inner.x + 2, y: y, role: .text, maxWidth: max(0, inner.width - vw - 3))
                    if vw < inner.width - 4 { grid.put(v + "  " + when, x: inner.x + inner.width - vw, y: y, role: .text) }
                    y += 1
                }
            case .exceedances, .histogram:
                grid.put("\(panel.kind.title): \(info.name)", x: inner.x, y: y, role: .dim, maxWidth: inner.width)
                y += 1
            }
        }
    }

    static func sparkline(_ c: SeriesColumn, _ vis: ClosedRange<Int64>, width: Int, unicode: Bool) -> String {
        guard width > 0 else { return "" }
        let bars: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "=", "+", "*", "#", "@"]
        let span = max(1, vis.upperBound - vis.lowerBound)
        var sums = [Double](repeating: 0, count: width), counts = [Int](repeating: 0, count: width)
        for i in c.indices(in: vis) {
            let b = min(width - 1, Int(Double(c.times[i] - vis.lowerBound) / Double(span) * Double(width)))
            sums[b] += c.values[i]
            counts[b] += 1
        }
        let means = (0..<width).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : Double.nan }
        let real = means.filter { !$0.isNaN }
        guard let lo = real.min(), let hi = real.max() else { return "" }
        return String(means.map { v -> Character in
            if v.isNaN { return " " }
            let k = hi > lo ? Int((v - lo) / (hi - lo) * 7.999) : 3
            return bars[max(0, min(7, k))]
        })
    }
}
