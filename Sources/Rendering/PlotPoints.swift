import DataCore

/// Where the plot's points come from: the raw measurements when the view holds few, else whole
/// summary buckets that each fall into one pixel column (min, max, first and last of a column are
/// all a line, scatter, bar or step chart uses, so the picture is the same dot for dot).
extension PlotTrace {
    /// The view holds many more points than pixel columns: read buckets instead.
    func usesSummary(pixelWidth: Int) -> Bool {
        range.count > 4 * pixelWidth && column.summary.covered > 0
    }

    /// Every piece of the visible data in time order, with the pixel column `px` puts it in:
    /// (column, first value, last value, smallest, largest). A single point is all four.
    @inline(__always)
    func forEachPiece(column px: (Int64) -> Int, pixelWidth: Int,
                      _ body: (_ x: Int, _ first: Double, _ last: Double, _ min: Double, _ max: Double) -> Void) {
        let values = column.values
        guard usesSummary(pixelWidth: pixelWidth) else {
            if let vr = valueRange {
                for i in range where vr.contains(values[i]) { let v = values[i]; body(px(time(i)), v, v, v, v) }
            } else {
                for i in range { let v = values[i]; body(px(time(i)), v, v, v, v) }
            }
            return
        }
        let vr = valueRange
        if vr == nil {
            // One piece per pixel column: its extremes from whole buckets and the few values at its
            // edges. Costs what the plot is wide.
            var i = range.lowerBound
            let end = range.upperBound
            // Columns hold about as many points as the one before: the end is looked for there
            // first, then galloped to. Bisecting what is left of the range read as many times but
            // far apart, and at 100M measurements each read missed the cache.
            var guess = Swift.max(1, range.count / pixelWidth)
            while i < end {
                let x = px(time(i))
                let stop = gallopEnd(after: i, before: end, near: i + guess) { px(time($0)) <= x }
                let (mn, mx) = column.extremes(i..<stop)
                body(x, values[i], values[stop - 1], mn, mx)
                guess = stop - i
                i = stop
            }
            return
        }
        column.scan(range, { r in
            if r.outside(vr) { return .skip }
            return r.within(vr) && px(time(r.range.lowerBound)) == px(time(r.range.upperBound - 1)) ? .take : .split
        }) { r in
            if r.isSingle {
                if let vr, !vr.contains(r.min) { return }
                body(px(time(r.range.lowerBound)), r.min, r.min, r.min, r.min)
            } else {
                body(px(time(r.range.lowerBound)), values[r.range.lowerBound], values[r.range.upperBound - 1], r.min, r.max)
            }
        }
    }

    /// Smallest and largest visible value (for the y axis), nil when nothing is visible.
    func extent() -> (min: Double, max: Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        let vr = valueRange
        column.scan(range, { r in r.within(vr) ? .take : r.outside(vr) ? .skip : .split }) { r in
            if r.isSingle, let vr, !vr.contains(r.min) { return }
            lo = min(lo, r.min); hi = max(hi, r.max)
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Every visible point one by one, leaving out whole buckets for which `mayMatch(min, max)` is false.
    func forEachPoint(where mayMatch: (Double, Double) -> Bool, _ body: (Int64, Double) -> Void) {
        let vr = valueRange
        column.scan(range, { r in !r.outside(vr) && mayMatch(r.min, r.max) ? .split : .skip }) { r in
            if let vr, !vr.contains(r.min) { return }
            body(time(r.range.lowerBound), r.min)
        }
    }
}
