/// The plot's visible time range, and zoom/pan arithmetic on it.
public enum PlotTimeWindow {
    /// The time range the filters allow, before zoom.
    public static func window(_ w: TimeWindow, data: ClosedRange<Int64>?) -> ClosedRange<Int64>? {
        guard let data else { return nil }
        switch w {
        case .all: return data
        case .last(let ms): return max(data.lowerBound, data.upperBound - ms)...data.upperBound
        case .between(let a, let b): return a <= b ? a...b : b...a
        }
    }

    /// The visible time range: the window, zoomed to `span` and ending at `end` (or the window's end).
    public static func visible(_ p: PlotSettings, data: ClosedRange<Int64>?, window w: TimeWindow) -> ClosedRange<Int64>? {
        guard let win = window(w, data: data) else { return nil }
        guard let span = p.span else { return win }
        let end = min(p.end ?? win.upperBound, win.upperBound)
        let start = max(win.lowerBound, end - span)
        return start...max(start + 1, min(win.upperBound, start + span))
    }

    static func zoomed(_ p: PlotSettings, by factor: Double, data: ClosedRange<Int64>?, window w: TimeWindow) -> PlotSettings {
        guard let win = window(w, data: data), let vis = visible(p, data: data, window: w) else { return p }
        var q = p
        let full = win.upperBound - win.lowerBound
        let newSpan = Int64(Double(vis.upperBound - vis.lowerBound) * factor)
        if newSpan >= full { q.span = nil; q.end = nil; return q }
        q.span = max(60_000, newSpan)  // one minute is as close as it gets
        let centre = vis.lowerBound + (vis.upperBound - vis.lowerBound) / 2
        let end = centre + q.span! / 2
        q.end = end >= win.upperBound ? nil : end
        return q
    }

    static func panned(_ p: PlotSettings, by fraction: Double, data: ClosedRange<Int64>?, window w: TimeWindow) -> PlotSettings {
        guard let span = p.span, let win = window(w, data: data), let vis = visible(p, data: data, window: w) else { return p }
        var q = p
        let end = vis.upperBound + Int64(Double(span) * fraction)
        q.end = end >= win.upperBound ? nil : max(win.lowerBound + span, end)
        return q
    }
}
