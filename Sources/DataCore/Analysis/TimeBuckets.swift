/// Values reduced per time bucket (a minute, an hour, a local day): what an aggregated plot draws.
public extension SeriesColumn {
    /// The whole series reduced per bucket, as a column of its own: one measurement per bucket at
    /// the bucket's middle, with a value summary when this column has one. Made once per setting
    /// (see `BucketMemo`): panning and zooming then read a window of it as they read raw data, at
    /// a cost of what the plot is wide, where reducing the window again visited every measurement.
    func bucketColumn(width: Int64, reduce: Reduction, valueRange: ClosedRange<Double>? = nil, zone: ZoneTable = .utc) -> SeriesColumn {
        guard count > 0 else { return SeriesColumn() }
        let summarised = summary.stamp != 0
        func make() -> SeriesColumn {
            if valueRange == nil, let moved = oneBucketEach(width: width, zone: zone) { return moved }
            let span = times[count - 1] - times[0]
            let expected = Swift.min(count, Int(span / width) + 2)
            // A few measurements a bucket (hour means of 10-minute data): one pass over them all
            // costs less than a search per bucket, which pays only where buckets are long.
            var ts: [Int64] = [], vs: [Double] = []
            if valueRange == nil && count < expected * 32, let written = smallBuckets(width: width, reduce: reduce, zone: zone, expected: expected) {
                (ts, vs) = written
            } else {
                ts.reserveCapacity(expected)
                vs.reserveCapacity(expected)
                forEachBucket(0..<count, width: width, reduce: reduce, valueRange: valueRange, zone: zone) { t, v in
                    ts.append(t)
                    vs.append(v)
                }
            }
            var out = SeriesColumn()
            out.times = TimeColumn(ts)
            // Means are seldom short decimals: derived values are kept as doubles, unchecked.
            out.values = ValueColumn(doubles: vs)
            // Times ascend (two buckets share one where the wall clock repeats an hour): no
            // sorting; the summary is added as for loaded data, or left out as the column's own is.
            if summarised { out.summarise() }
            return out
        }
        guard summarised else { return make() }
        let key = BucketMemo.Key(stamp: summary.stamp, count: count, width: width, reduce: reduce,
                                 low: valueRange?.lowerBound, high: valueRange?.upperBound, zone: zone.identifier)
        return BucketMemo.shared.value(key, make)
    }

    /// What an aggregated plot reads: this column itself with its times moved to their buckets'
    /// middles when every bucket holds one measurement (the reductions of a bucket of one are its
    /// value, and this column's summary answers for them), else the bucket column. Moving costs
    /// nothing until a time is read, so a frame of minute means over 10-minute data costs what
    /// the plot is wide, where making the column visited every measurement.
    func bucketReading(width: Int64, reduce: Reduction, valueRange: ClosedRange<Double>? = nil,
                       zone: ZoneTable = .utc) -> (column: SeriesColumn, clock: BucketClock?) {
        if valueRange == nil && count > 0 && shortestStep >= width {
            let clock = BucketClock(width: width, zone: zone, over: self)
            if holdsOneEach(clock) { return (self, clock) }
        }
        return (bucketColumn(width: width, reduce: reduce, valueRange: valueRange, zone: zone), nil)
    }

    /// True when no two neighbours share a bucket of the clock's width and zone, known without a pass: the
    /// shortest step is at least a bucket wide, and only where the offset changes can local time
    /// step back into the bucket before (the hour the clocks go back); those neighbours are checked.
    internal func holdsOneEach(_ clock: BucketClock) -> Bool {
        guard count > 0, shortestStep >= clock.width else { return false }
        for change in clock.zone.transitions(in: times[0]...times[count - 1]) {
            let i = lowerBound(change)
            if i > 0 && i < count && clock.bucket(times[i - 1]) == clock.bucket(times[i]) { return false }
        }
        return true
    }

    /// When no two neighbours share a bucket (an hour's buckets over hourly data), every reduction
    /// of a bucket is its one value: the values and their summary are shared with this column as
    /// they are, and only the times move to the buckets' middles. Nil at the first shared bucket.
    internal func oneBucketEach(width: Int64, zone: ZoneTable) -> SeriesColumn? {
        var ts: [Int64] = []
        ts.reserveCapacity(count)
        var seg = (start: Int64.max, end: Int64.min, offset: Int64(0))
        var previous = Int64.min
        let tm = times, perWidth = 1 / Double(width)
        for i in 0..<count {
            let t = tm[i]
            if t < seg.start || t >= seg.end { seg = zone.span(at: t) }
            let b = floorMultiple(t &+ seg.offset, of: width, reciprocal: perWidth)
            if b == previous { return nil }
            previous = b
            ts.append(bucketMiddle(b, width, seg, zone))
        }
        var out = SeriesColumn()
        out.times = TimeColumn(ts)
        out.values = values
        out.summary = summary
        out.summary.restamp()
        return out
    }

    /// Values reduced per bucket of `width` ms; each point sits at its bucket's middle. Buckets are
    /// aligned to the wall clock of `zone` (a day is a local day, 23 or 25 hours when the clocks change).
    func buckets(in range: ClosedRange<Int64>, width: Int64, reduce: Reduction,
                 valueRange: ClosedRange<Double>? = nil, zone: ZoneTable = .utc) -> [(time: Int64, value: Double)] {
        var out: [(time: Int64, value: Double)] = []
        forEachBucket(indices(in: range), width: width, reduce: reduce, valueRange: valueRange, zone: zone) { out.append(($0, $1)) }
        return out
    }

    /// The reduction: for each bucket, the measurements in it are found by a galloping search on
    /// the times (a bucket of one measurement costs one comparison, a long one a logarithm), and
    /// their values are reduced from whole summary buckets where they lie in one, else one by one.
    @inline(__always)
    internal func forEachBucket(_ idx: Range<Int>, width: Int64, reduce: Reduction, valueRange vr: ClosedRange<Double>?,
                                zone: ZoneTable, _ emit: (Int64, Double) -> Void) {
        precondition(width > 0)
        var acc = BucketSum()
        var current = Int64.min
        // The zone's offset is looked up once per change of offset, not per point.
        var seg = (start: Int64.max, end: Int64.min, offset: Int64(0))
        // The offset span of the bucket's first point: the next point's may be another (the local
        // hour the clocks go back repeats, and its buckets belong to the occurrence they were read in).
        var bucketSeg = seg
        @inline(__always) func flush() {
            guard acc.count > 0 else { return }
            let middle = bucketMiddle(current, width, bucketSeg, zone)
            emit(middle, acc.value(reduce))
        }
        let tm = times, perWidth = 1 / Double(width)
        var i = idx.lowerBound
        let end = idx.upperBound
        while i < end {
            let t = tm[i]
            if t < seg.start || t >= seg.end { seg = zone.span(at: t) }
            let local = t &+ seg.offset
            let b = floorMultiple(local, of: width, reciprocal: perWidth)
            // Where this bucket ends as an instant while the offset holds; local time repeats or
            // skips at a change of offset, so the next point may fall into this same bucket again.
            let (stop, over) = (b &+ width).subtractingReportingOverflow(seg.offset)
            let limit = over || b > Int64.max - width ? seg.end : Swift.min(stop, seg.end)
            let j = tm.firstIndex(atLeast: limit, after: i, before: end)
            if b != current {
                flush()
                current = b
                bucketSeg = seg
                acc = BucketSum()
            }
            acc.add(i..<j, of: self, within: vr)
            i = j
        }
        flush()
    }
}

extension SeriesColumn {
    /// `forEachSmallBucket`'s buckets written straight into arrays of `expected` places (an
    /// append costs more than the reduction of a bucket of six); nil where it does not apply or
    /// the buckets are more (each hour the clocks go back adds one).
    internal func smallBuckets(width: Int64, reduce: Reduction, zone: ZoneTable, expected: Int) -> ([Int64], [Double])? {
        var vs: [Double] = []
        var fits = false
        let ts = [Int64](unsafeUninitializedCapacity: expected) { tb, tn in
            vs = [Double](unsafeUninitializedCapacity: expected) { vb, vn in
                var k = 0
                fits = forEachSmallBucket(width: width, reduce: reduce, zone: zone) { t, v in
                    guard k < expected else { k += 1; return }
                    tb.initializeElement(at: k, to: t)
                    vb.initializeElement(at: k, to: v)
                    k += 1
                } && k <= expected
                vn = fits ? k : 0
            }
            tn = fits ? vs.count : 0
        }
        return fits ? (ts, vs) : nil
    }

    /// The reduction of `forEachBucket` in one pass in time order, for compact values and times
    /// (false, doing nothing, for others). Sums are kept as scaled integers and folded into the
    /// double sum where `forEachBucket` folds them (at a change of offset), so a bucket of fewer
    /// than `ValueSummary.base` measurements comes out bit for bit the same; a longer one, which
    /// that reads from summary buckets, may differ by float rounding in its mean.
    @inline(__always)
    internal func forEachSmallBucket(width: Int64, reduce: Reduction, zone: ZoneTable, _ emit: (Int64, Double) -> Void) -> Bool {
        guard count > 0, !times.isWide, values.isCompact else { return false }
        let perWidth = 1 / Double(width), scale = values.scale
        var seg = zone.span(at: times[0])
        var bucketSeg = seg, current = Int64.min
        var n = 0, sum = 0.0, part: Int64 = 0, lo = Int32.max, hi = Int32.min
        @inline(__always) func flush() {
            guard n > 0 else { return }
            let v: Double
            switch reduce {
            case .mean: let total = sum + Double(part) / scale; v = n == 1 ? total : total / Double(n)
            case .min: v = Double(lo) / scale
            case .max: v = Double(hi) / scale
            }
            emit(bucketMiddle(current, width, bucketSeg, zone), v)
        }
        let shift = TimeColumn.blockShift
        times.bases.withUnsafeBufferPointer { bases in
            times.offsets.withUnsafeBufferPointer { offsets in
                values.scaled.withUnsafeBufferPointer { scaled in
                    // The instant the current bucket ends (or its offset span does): a point
                    // before it is in the bucket, at one compare; only the next is placed anew.
                    var limit = Int64.min
                    for i in 0..<offsets.count {
                        let t = bases[i &>> shift] &+ Int64(offsets[i])
                        if t >= limit {
                            if t < seg.start || t >= seg.end {
                                seg = zone.span(at: t)
                                sum += Double(part) / scale
                                part = 0
                            }
                            let b = floorMultiple(t &+ seg.offset, of: width, reciprocal: perWidth)
                            let (stop, over) = (b &+ width).subtractingReportingOverflow(seg.offset)
                            limit = over || b > Int64.max - width ? seg.end : Swift.min(stop, seg.end)
                            if b != current {
                                flush()
                                current = b
                                bucketSeg = seg
                                n = 0; sum = 0; part = 0; lo = .max; hi = .min
                            }
                        }
                        let m = scaled[i]
                        n &+= 1
                        part &+= Int64(m)
                        lo = Swift.min(lo, m)
                        hi = Swift.max(hi, m)
                    }
                }
            }
        }
        flush()
        return true
    }
}

/// Count, min, max and sum of the values of one time bucket.
struct BucketSum {
    var count = 0, lo = Double.infinity, hi = -Double.infinity, sum = 0.0

    @inline(__always) func value(_ r: Reduction) -> Double {
        switch r {
        case .mean: return count == 1 ? sum : sum / Double(count)
        case .min: return lo
        case .max: return hi
        }
    }

    @inline(__always) mutating func add(_ x: Double) {
        count += 1; sum += x
        if x < lo { lo = x }
        if x > hi { hi = x }
    }

    /// Adds the values of `r` lying in `vr` (all when nil): whole summary buckets where they fit
    /// and lie wholly inside or outside `vr`, single values elsewhere.
    @inline(__always) mutating func add(_ r: Range<Int>, of c: SeriesColumn, within vr: ClosedRange<Double>?) {
        let v = c.values
        if r.count == 1 {
            let x = v[r.lowerBound]
            if vr?.contains(x) ?? true { add(x) }
            return
        }
        if r.count < ValueSummary.base {
            addEach(r, v, vr)
            return
        }
        let levels = c.summary.levels, top = levels.count - 1, shift = ValueSummary.baseShift
        var i = r.lowerBound
        let end = r.upperBound
        while i < end {
            var k = Swift.min(top, i.trailingZeroBitCount - shift)
            var done = false
            while k >= 0 && !done {
                let size = ValueSummary.base << k, j = i >> (shift + k)
                if i + size <= end && j < levels[k].count {
                    let b = levels[k][j]
                    let run = SummaryRun(range: i..<(i + size), min: b.min, max: b.max, sum: b.sum)
                    if run.outside(vr) {
                        done = true
                    } else if run.within(vr) {
                        count += size; sum += b.sum
                        if b.min < lo { lo = b.min }
                        if b.max > hi { hi = b.max }
                        done = true
                    }
                    if done { i += size }
                }
                k -= 1
            }
            if done { continue }
            // Up to the next summary bucket's start, one value at a time.
            let stop = Swift.min(end, (i | (ValueSummary.base - 1)) + 1)
            addEach(i..<stop, v, vr)
            i = stop
        }
    }

    /// One value at a time; compact values without a value filter are reduced as their scaled
    /// integers (one division at the end instead of one per value: the division is monotonic, so
    /// min and max come out the same, and the integer sum is exact).
    @inline(__always) private mutating func addEach(_ r: Range<Int>, _ v: ValueColumn, _ vr: ClosedRange<Double>?) {
        if let vr {
            for p in r { let x = v[p]; if vr.contains(x) { add(x) } }
            return
        }
        if v.isFull {
            for p in r { add(v[p]) }
            return
        }
        var l = Int32.max, h = Int32.min, s: Int64 = 0
        v.scaled.withUnsafeBufferPointer { b in
            for p in r {
                let m = b[p]
                l = Swift.min(l, m)
                h = Swift.max(h, m)
                s &+= Int64(m)
            }
        }
        count += r.count
        sum += Double(s) / v.scale
        lo = Swift.min(lo, Double(l) / v.scale)
        hi = Swift.max(hi, Double(h) / v.scale)
    }
}

extension TimeColumn {
    /// The first index in `(i, end)` whose time is at least `limit`, or `end`; the time at `i` is
    /// below it. Probes i+1, i+2, i+4, … then halves: short runs cost what they hold, long ones a logarithm.
    @inline(__always) func firstIndex(atLeast limit: Int64, after i: Int, before end: Int) -> Int {
        gallopEnd(after: i, before: end, near: i + 1) { self[$0] < limit }
    }
}

/// The largest multiple of `width` at or below `x`, by a floating-point multiply corrected by
/// at most one step either way (an integer division costs ten times as much, once per bucket).
@inline(__always) func floorMultiple(_ x: Int64, of width: Int64, reciprocal: Double) -> Int64 {
    // Truncated, not floored: `rounded(.down)` is a call into libm on baseline x86-64.
    let q = Double(x) * reciprocal
    // Far beyond any time (wrapping where the true answer does not fit in 64 bits).
    guard q.magnitude < 1e15 else { return x >= 0 ? x / width &* width : ((x &+ 1) / width &- 1) &* width }
    var b = Int64(q) &* width
    while b > x { b &-= width }
    while x &- b >= width { b &+= width }
    return b
}

/// The instant at the middle of the local bucket starting at `b`, where its point is drawn; `seg`
/// is the offset span of the bucket's (first) point. A bucket that lies wholly in that span is
/// there: in the local hour the clocks go back, a minute's bucket is in the occurrence its points
/// were read in, so the drawn times keep ascending. A bucket across a change of offset (a day with
/// 23 or 25 hours) is placed by the wall clock's middle.
@inline(__always) func bucketMiddle(_ b: Int64, _ width: Int64, _ seg: (start: Int64, end: Int64, offset: Int64), _ zone: ZoneTable) -> Int64 {
    let wall = b &+ width / 2, first = b &- seg.offset
    return first >= seg.start && first &+ width <= seg.end && first &+ width > first ? wall &- seg.offset : zone.instant(fromLocal: wall)
}

/// Moves a time to the middle of its local bucket, as a bucket column of one measurement per
/// bucket places it. The zone's offset spans over the column's times are looked up once, so
/// moving a time costs a search in a handful of spans, not in the zone's whole table.
public struct BucketClock: Sendable {
    public let width: Int64
    let zone: ZoneTable
    private let perWidth: Double
    private let spans: [(start: Int64, end: Int64, offset: Int64)]

    init(width: Int64, zone: ZoneTable, over c: SeriesColumn) {
        self.width = width
        self.zone = zone
        perWidth = 1 / Double(width)
        var spans: [(start: Int64, end: Int64, offset: Int64)] = []
        if c.count > 0 {
            var t = c.times[0]
            let last = c.times[c.count - 1]
            while true {
                let s = zone.span(at: t)
                spans.append(s)
                if s.end > last || s.end == .max { break }
                t = s.end
            }
        }
        self.spans = spans
    }

    @inline(__always) private func span(_ t: Int64) -> (start: Int64, end: Int64, offset: Int64) {
        var lo = 0, hi = spans.count - 1
        guard hi >= 0, t >= spans[0].start, t < spans[hi].end else { return zone.span(at: t) }
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if spans[mid].start <= t { lo = mid } else { hi = mid - 1 }
        }
        return spans[lo]
    }

    /// The local start of the bucket that holds `t`.
    @inline(__always) func bucket(_ t: Int64) -> Int64 {
        floorMultiple(t &+ span(t).offset, of: width, reciprocal: perWidth)
    }

    /// Where the bucket that holds `t` is drawn.
    @inline(__always) public func middle(_ t: Int64) -> Int64 {
        let seg = span(t)
        return bucketMiddle(floorMultiple(t &+ seg.offset, of: width, reciprocal: perWidth), width, seg, zone)
    }
}
