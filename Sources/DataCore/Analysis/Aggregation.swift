/// Reductions over one series' column: statistics and time buckets. Pure functions of the data.
public struct Statistics: Equatable, Sendable {
    public var count = 0
    public var min = Double.infinity
    public var max = -Double.infinity
    public var sum = 0.0
    public var last: Double?
    public var lastTime: Int64?
    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    public init() {}

    @inline(__always) public mutating func add(_ v: Double, at t: Int64) {
        count += 1
        if v < min { min = v }
        if v > max { max = v }
        sum += v
        last = v
        lastTime = t
    }

    /// Adds a whole run of `column` at once (its last value is the column's entry at its end).
    @inline(__always) public mutating func add(_ r: SummaryRun, of column: SeriesColumn) {
        count += r.count
        if r.min < min { min = r.min }
        if r.max > max { max = r.max }
        sum += r.sum
        last = column.values[r.range.upperBound - 1]
        lastTime = column.times[r.range.upperBound - 1]
    }
}

public enum Reduction: Sendable, Hashable { case mean, min, max }

public extension SeriesColumn {
    /// Index range of the measurements within `range` (inclusive).
    func indices(in range: ClosedRange<Int64>) -> Range<Int> {
        let lo = lowerBound(range.lowerBound)
        let hi = lowerBound(range.upperBound == .max ? .max : range.upperBound + 1)
        return lo..<max(lo, hi)
    }

    /// Statistics over a time range, counting only values inside `valueRange` when given.
    /// Read from the summary: count, min, max and last are exact; the sum (and mean) adds the
    /// same values in another order, so it may differ from a left-to-right sum by float rounding.
    func statistics(in range: ClosedRange<Int64>, valueRange: ClosedRange<Double>? = nil) -> Statistics {
        var s = Statistics()
        scan(indices(in: range), { r in r.within(valueRange) ? .take : r.outside(valueRange) ? .skip : .split }) { r in
            if r.isSingle {
                if let vr = valueRange, !vr.contains(r.min) { return }
                s.add(r.min, at: times[r.range.lowerBound])
            } else {
                s.add(r, of: self)
            }
        }
        return s
    }

    /// Index of the last measurement in `range` whose value lies in `valueRange` (nil for none),
    /// found from whole summary buckets: what drawing every point would leave on top.
    func lastIndex(in range: Range<Int>, within valueRange: ClosedRange<Double>?) -> Int? {
        guard let vr = valueRange else { return range.isEmpty ? nil : range.upperBound - 1 }
        var last: Int? = nil
        scan(range, { r in r.outside(vr) ? .skip : r.within(vr) ? .take : .split }) { r in
            if r.isSingle && !vr.contains(r.min) { return }
            last = r.range.upperBound - 1
        }
        return last
    }

    /// The whole series reduced per bucket, as a column of its own: one measurement per bucket at
    /// the bucket's middle, with a value summary when this column has one. Made once per setting
    /// (see `BucketMemo`): panning and zooming then read a window of it as they read raw data, at
    /// a cost of what the plot is wide, where reducing the window again visited every measurement.
    func bucketColumn(width: Int64, reduce: Reduction, valueRange: ClosedRange<Double>? = nil, zone: ZoneTable = .utc) -> SeriesColumn {
        guard count > 0 else { return SeriesColumn() }
        let summarised = summary.stamp != 0
        func make() -> SeriesColumn {
            var out = SeriesColumn()
            let b = buckets(in: times[0]...times[count - 1], width: width, reduce: reduce, valueRange: valueRange, zone: zone)
            out.times = TimeColumn(b.lazy.map(\.time))
            out.values = ValueColumn(b.lazy.map(\.value))
            // Times ascend (two buckets share one where the wall clock repeats an hour); the
            // summary is added as for loaded data, or left out as the column's own is.
            if summarised { out.finish() }
            return out
        }
        guard summarised else { return make() }
        let key = BucketMemo.Key(stamp: summary.stamp, count: count, width: width, reduce: reduce,
                                 low: valueRange?.lowerBound, high: valueRange?.upperBound, zone: zone.identifier)
        return BucketMemo.shared.value(key, make)
    }

    /// Values reduced per bucket of `width` ms; each point sits at its bucket's middle. Buckets are
    /// aligned to the wall clock of `zone` (a day is a local day, 23 or 25 hours when the clocks change).
    /// One pass over summary buckets and single values in one loop (no closure per value: when time
    /// buckets are finer than summary buckets, this visits every visible measurement).
    func buckets(in range: ClosedRange<Int64>, width: Int64, reduce: Reduction,
                 valueRange: ClosedRange<Double>? = nil, zone: ZoneTable = .utc) -> [(time: Int64, value: Double)] {
        precondition(width > 0)
        var out: [(time: Int64, value: Double)] = []
        var current = Int64.min
        var count = 0, lo = Double.infinity, hi = -Double.infinity, sum = 0.0
        // The zone's offset is looked up once per change of offset, not per point.
        var seg = (start: Int64.max, end: Int64.min, offset: Int64(0))
        let day: Int64 = 86_400_000
        @inline(__always) func flush() {
            guard count > 0 else { return }
            let v: Double
            switch reduce {
            case .mean: v = sum / Double(count)
            case .min: v = lo
            case .max: v = hi
            }
            let wall = current + width / 2, u = wall &- seg.offset
            // Days away from a change of offset the wall clock names one instant: no table lookups.
            let middle = u >= seg.start &+ 2 * day && u < seg.end &- 2 * day ? u : zone.instant(fromLocal: wall)
            out.append((middle, v))
        }
        // The last bucket worked out: most values fall into the one before them (no division).
        var known = (start: Int64.max, end: Int64.min)
        @inline(__always) func bucket(_ t: Int64) -> Int64 {
            if t < seg.start || t >= seg.end { seg = zone.span(at: t) }
            let local = t &+ seg.offset
            if local >= known.start && local < known.end { return known.start }
            let b = local >= 0 ? local / width * width : ((local + 1) / width - 1) * width
            known = (b, b &+ width)
            return b
        }
        @inline(__always) func start(_ b: Int64) {
            if b != current {
                flush()
                current = b
                count = 0; lo = .infinity; hi = -.infinity; sum = 0
            }
        }
        let levels = summary.levels, top = levels.count - 1, shift = ValueSummary.baseShift
        let idx = indices(in: range)
        var i = idx.lowerBound
        let end = idx.upperBound
        do { let tm = times
            do { let v = values
                while i < end {
                    // The largest summary bucket at i that lies in one time bucket and one span of
                    // the zone's offset (local time only runs steadily forward within such a span).
                    var k = Swift.min(top, i.trailingZeroBitCount - shift)
                    var done = false
                    while k >= 0 && !done {
                        let size = ValueSummary.base << k, j = i >> (shift + k)
                        if i + size <= end && j < levels[k].count {
                            let b = levels[k][j]
                            let run = SummaryRun(range: i..<(i + size), min: b.min, max: b.max, sum: b.sum)
                            if run.outside(valueRange) { i += size; done = true; break }
                            if run.within(valueRange) {
                                let first = tm[i], last = tm[i + size - 1]
                                let bf = bucket(first)
                                if last < seg.end && bucket(last) == bf {
                                    start(bf)
                                    count += size; sum += b.sum
                                    if b.min < lo { lo = b.min }
                                    if b.max > hi { hi = b.max }
                                    i += size
                                    done = true
                                }
                            }
                        }
                        k -= 1
                    }
                    if done { continue }
                    let x = v[i]
                    if valueRange.map({ $0.contains(x) }) ?? true {
                        start(bucket(tm[i]))
                        count += 1; sum += x
                        if x < lo { lo = x }
                        if x > hi { hi = x }
                    }
                    i += 1
                }
            }
        }
        flush()
        return out
    }
}
