import DataCore
import ViewCore

/// §2.3: the dashboard's panels, stacked in order in the pane; each bound to a series or to the
/// first plotted one.
public enum DashboardView {
    static func draw(_ grid: inout CellGrid, _ s: AppState, _ store: MeasurementStore, _ r: Rect) {
        let focused = s.ui.focus == .dashboard && s.topOverlay == nil
        BoxDrawing.draw(&grid, r, title: "Dashboard · \(s.settings.dashboard.count) panels", focused: focused, unicode: s.ui.unicode)
        let inner = r.inner
        guard inner.width >= 8, inner.height >= 1 else { return }
        if s.settings.dashboard.isEmpty {
            grid.put("no panels: Tab here, n adds one", x: inner.x, y: inner.y, role: .dim, maxWidth: inner.width)
            return
        }
        guard let vis = PlotTimeWindow.visible(s.settings.plot, data: s.dataRange, window: s.settings.series.filter.window) else { return }
        let vr = MapPaneView.valueRange(s.settings.series.filter)
        let plotted = s.plottedSeries
        var y = inner.y
        let bottom = inner.y + inner.height
        // Keep the selected panel in view when the pane is short.
        let heights = s.settings.dashboard.map { height(of: $0, plotted: plotted.count) }
        var first = 0
        if focused {
            while first < s.ui.panelCursor && heights[first...s.ui.panelCursor].reduce(0, +) > inner.height { first += 1 }
        }
        for (idx, panel) in s.settings.dashboard.enumerated().dropFirst(first) {
            guard y < bottom else { break }
            let selected = focused && idx == s.ui.panelCursor
            let info = panel.seriesID.flatMap { id in s.catalog.first { $0.id == id } } ?? plotted.first
            let bound = panel.seriesID != nil ? " ⚲" : ""
            let head = "\(selected ? "▶" : " ")\(panel.kind.title)" + (info.map { ": \($0.name)" } ?? "") + bound
            grid.put(head, x: inner.x, y: y, role: selected ? .accent : .title, style: [.bold], maxWidth: inner.width)
            y += 1
            guard y < bottom else { break }
            guard let info, let col = store.column(info.id) else {
                grid.put("  no series (select one, or b binds)", x: inner.x, y: y, role: .dim, maxWidth: inner.width)
                y += 1
                continue
            }
            let unit = info.unit.map { " " + $0 } ?? ""
            switch panel.kind {
            case .statistics:
                let st = col.statistics(in: vis, valueRange: vr)
                let text = st.count == 0 ? "  no values in view" :
                    "  last \(NumberFormat.short(st.last!))\(unit)  min \(NumberFormat.short(st.min))  max \(NumberFormat.short(st.max))  mean \(NumberFormat.short(st.mean!))  n \(st.count)"
                grid.put(text, x: inner.x, y: y, role: .text, maxWidth: inner.width)
                y += 1
            case .sparkline:
                grid.put(" " + sparkline(col, vis, width: inner.width - 1, unicode: s.ui.unicode), x: inner.x, y: y, role: .series(0))
                y += 1
            case .histogram:
                y += histogram(&grid, col, vis, vr, x: inner.x, y: y, width: inner.width, rows: min(3, bottom - y), unicode: s.ui.unicode)
            case .exceedances:
                let ths = s.settings.thresholds.filter { $0.applied && $0.covers(SeriesInfoRef(id: info.id, phenomenon: info.phenomenon)) }
                if ths.isEmpty {
                    grid.put("  no applied threshold (T adds one)", x: inner.x, y: y, role: .dim, maxWidth: inner.width)
                    y += 1
                }
                for t in ths where y < bottom {
                    var n = 0, total = 0
                    for i in col.indices(in: vis) {
                        let v = col.values[i]
                        if let vr, !vr.contains(v) { continue }
                        total += 1
                        if t.exceeded(by: v) { n += 1 }
                    }
                    let pct = total > 0 ? NumberFormat.short(Double(n) * 100 / Double(total)) : "0"
                    grid.put("  ━ ", x: inner.x, y: y, role: PlotPaneView.thresholdRole(t))
                    grid.put("\(t.label): \(n) of \(total) (\(pct)%)", x: inner.x + 4, y: y, role: n > 0 ? .warning : .text, maxWidth: inner.width - 4)
                    y += 1
                }
            case .latest:
                let rows = plotted.isEmpty ? [info] : plotted
                let zone = s.displayZone
                for (k, p) in rows.prefix(max(0, bottom - y)).enumerated() {
                    guard let c = store.column(p.id), let t = c.times.last else { continue }
                    let v = NumberFormat.short(c.values[c.count - 1]) + (p.unit.map { " " + $0 } ?? "")
                    // Narrow panes drop the time first, then shorten the name; the value always shows.
                    let when = "  " + TimeFormat.dateTime(t, in: zone)
                    let room = inner.width - 4
                    let right = TextWidth.of(v) + TextWidth.of(when) + 8 <= room ? v + when : v
                    let nameW = max(0, room - TextWidth.of(right) - 1)
                    grid.put("  ■", x: inner.x, y: y, role: .series(k % ColorRole.seriesPaletteSize))
                    grid.put(TextWidth.truncate(p.name, to: nameW), x: inner.x + 4, y: y, role: .text)
                    grid.put(right, x: inner.x + inner.width - TextWidth.of(right), y: y, role: .text, maxWidth: room)
                    y += 1
                }
            }
        }
    }

    /// Rows a panel takes: the same in the terminal and in an exported chart.
    public static func height(of p: DashboardPanel, plotted: Int) -> Int {
        switch p.kind {
        case .statistics, .sparkline: return 2
        case .histogram: return 4
        case .exceedances: return 2
        case .latest: return 1 + max(1, plotted)
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

    /// Value distribution in `rows` text rows of eighth-blocks, with the range below.
    static func histogram(_ grid: inout CellGrid, _ c: SeriesColumn, _ vis: ClosedRange<Int64>, _ vr: ClosedRange<Double>?,
                          x: Int, y: Int, width: Int, rows: Int, unicode: Bool) -> Int {
        guard rows >= 2, width > 8 else { return 0 }
        let st = c.statistics(in: vis, valueRange: vr)
        guard st.count > 0 else { grid.put("  no values in view", x: x, y: y, role: .dim); return 1 }
        let bins = width - 2
        var counts = [Int](repeating: 0, count: bins)
        let span = st.max - st.min
        for i in c.indices(in: vis) {
            let v = c.values[i]
            if let vr, !vr.contains(v) { continue }
            let b = span > 0 ? min(bins - 1, Int((v - st.min) / span * Double(bins))) : bins / 2
            counts[b] += 1
        }
        let top = Double(counts.max() ?? 1)
        let bars: [String] = unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", "-", "-", "=", "=", "#", "#"]
        let barRows = rows - 1
        for (b, n) in counts.enumerated() {
            let eighths = Int((Double(n) / top * Double(barRows * 8)).rounded())
            for r in 0..<barRows {
                let level = max(0, min(8, eighths - (barRows - 1 - r) * 8))
                grid[x + 1 + b, y + r] = Cell(bars[level], role: .series(1))
            }
        }
        let lo = NumberFormat.short(st.min), hi = NumberFormat.short(st.max)
        grid.put(lo, x: x + 1, y: y + barRows, role: .axis)
        grid.put(hi, x: x + width - 1 - TextWidth.of(hi), y: y + barRows, role: .axis)
        return rows
    }
}
