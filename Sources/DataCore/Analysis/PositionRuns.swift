/// Where a series' position changes: a fixed station repeats one position for every measurement,
/// so the map draws one dot per stretch instead of one per measurement. Kept only while stretches
/// are long (a moving sensor changes position at every row: then the map reads the points).
public struct PositionRuns: Sendable {
    /// First index of each stretch of equal positions, ascending; the last stretch runs to the end.
    public private(set) var starts: [Int] = []
    /// Measurements looked at so far.
    public private(set) var covered = 0
    /// Stretches are too short to be worth keeping.
    public private(set) var givenUp = false

    public init() {}

    /// Usable for the first `count` measurements.
    public func usable(count: Int) -> Bool { !givenUp && covered == count && count > 0 }

    /// A stretch is worth keeping when it holds this many measurements on average.
    static let minimumAverage = 16

    mutating func extend<C: RandomAccessCollection<Float>>(lats: C, lons: C) where C.Index == Int {
        guard !givenUp, lats.count > covered else { return }
        var i = covered
        if i == 0 { starts.append(0); i = 1 }
        while i < lats.count {
            // Bit patterns: NaN (no position) equals NaN here, so rows without a position form stretches too.
            if lats[i].bitPattern != lats[i - 1].bitPattern || lons[i].bitPattern != lons[i - 1].bitPattern { starts.append(i) }
            i += 1
        }
        covered = lats.count
        if covered >= 4 * Self.minimumAverage, starts.count * Self.minimumAverage > covered {
            givenUp = true
            starts = []
        }
    }

    /// The stretches that meet `range`, clipped to it: (range, index of its first measurement's position).
    public func forEach(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        guard !range.isEmpty, !starts.isEmpty else { return }
        // The stretch holding range.lowerBound: the last start ≤ it.
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts[mid] <= range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        while k < starts.count {
            let a = Swift.max(starts[k], range.lowerBound)
            let b = Swift.min(k + 1 < starts.count ? starts[k + 1] : covered, range.upperBound)
            if a >= range.upperBound { break }
            if a < b { body(a..<b) }
            k += 1
        }
    }
}

public extension SeriesColumn {
    /// Smallest and largest value in `range` (not empty): whole summary buckets inside, single
    /// values at the edges, so a long range costs a few hundred reads.
    func extremes(_ range: Range<Int>) -> (min: Double, max: Double) {
        let levels = summary.levels
        let base = ValueSummary.base, shift = ValueSummary.baseShift
        let v = values
        do {
            var lo = v[range.lowerBound], hi = lo
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                if i & (base - 1) == 0, i + base <= end, !levels.isEmpty, (i >> shift) < levels[0].count {
                    // The largest bucket that starts at i and fits.
                    var k = Swift.min(levels.count - 1, i.trailingZeroBitCount - shift)
                    while k > 0 && (i + (base << k) > end || (i >> (shift + k)) >= levels[k].count) { k -= 1 }
                    let b = levels[k][i >> (shift + k)]
                    if b.min < lo { lo = b.min }
                    if b.max > hi { hi = b.max }
                    i += base << k
                } else {
                    let x = v[i]
                    if x < lo { lo = x }
                    if x > hi { hi = x }
                    i += 1
                }
            }
            return (lo, hi)
        }
    }
}

public extension SeriesColumn {
    /// Sum and count of the values in `range` that lie in `vr` (all, without it), by whole buckets where it can.
    func total(_ range: Range<Int>, within vr: ClosedRange<Double>?) -> (sum: Double, count: Int) {
        var sum = 0.0, count = 0
        scan(range, { r in r.within(vr) ? .take : r.outside(vr) ? .skip : .split }) { r in
            if r.isSingle, let vr, !vr.contains(r.min) { return }
            sum += r.sum
            count += r.count
        }
        return (sum, count)
    }
}
