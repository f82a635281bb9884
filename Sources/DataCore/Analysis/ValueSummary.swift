import Synchronization

private let summaryStamps = Atomic<UInt64>(0)

/// Min, max and sum of a series' values over buckets of consecutive measurements: level k holds
/// buckets of `64 << k` measurements, from the first one. A scan over a long window reads a few
/// buckets instead of every value, so a frame costs what the screen holds, not what the data holds.
///
/// Buckets are by position, not by time: appending at the end never changes a complete bucket, and
/// a bucket's first and last value (and time) are simply the column's entries at its two ends.
public struct ValueSummary: Sendable {
    public struct Bucket: Sendable, Equatable {
        public var min: Double
        public var max: Double
        public var sum: Double
    }

    public static let baseShift = 6
    public static let base = 1 << baseShift

    /// `levels[k]` holds the complete buckets of `base << k` measurements.
    public private(set) var levels: [[Bucket]] = []

    /// Changes whenever the buckets do (0 for none yet): what a result derived from the column is
    /// keyed by (see `BucketMemo`).
    public private(set) var stamp: UInt64 = 0

    public init() {}

    /// Memory held by the buckets (about 0.75 bytes per measurement).
    public var byteCount: Int { levels.reduce(0) { $0 + $1.capacity * MemoryLayout<Bucket>.stride } }

    /// Measurements covered by complete level-0 buckets.
    public var covered: Int { (levels.first?.count ?? 0) << Self.baseShift }

    /// A new stamp for the same buckets, for a column that shares these values but not their times.
    mutating func restamp() {
        if stamp != 0 { stamp = summaryStamps.add(1, ordering: .relaxed).newValue }
    }

    /// Adds the buckets that `values` completes beyond those already summarised.
    mutating func extend(_ values: ValueColumn) {
        stamp = summaryStamps.add(1, ordering: .relaxed).newValue
        if levels.isEmpty { levels.append([]) }
        let n = values.count >> Self.baseShift
        var j = levels[0].count
        guard j < n else { return }
        levels[0].reserveCapacity(n)
        do {
            let v = values
            while j < n {
                let s = j << Self.baseShift
                var lo = v[s], hi = v[s], sum = 0.0
                for i in s..<(s + Self.base) {
                    let x = v[i]
                    if x < lo { lo = x }
                    if x > hi { hi = x }
                    sum += x
                }
                levels[0].append(Bucket(min: lo, max: hi, sum: sum))
                j += 1
            }
        }
        var k = 0
        while levels[k].count >= 2 {
            if levels.count == k + 1 { levels.append([]) }
            let below = levels[k]
            let m = below.count / 2
            var p = levels[k + 1].count
            while p < m {
                let a = below[2 * p], b = below[2 * p + 1]
                levels[k + 1].append(Bucket(min: a.min < b.min ? a.min : b.min, max: a.max > b.max ? a.max : b.max,
                                            sum: a.sum + b.sum))
                p += 1
            }
            k += 1
        }
    }
}

/// A stretch of consecutive measurements seen by a scan: one whole bucket, or one measurement.
public struct SummaryRun {
    public var range: Range<Int>
    public var min: Double
    public var max: Double
    public var sum: Double
    public var count: Int { range.count }
    public var isSingle: Bool { range.count == 1 }

    /// True when every value of the run lies in `vr` (or there is no `vr`).
    @inline(__always) public func within(_ vr: ClosedRange<Double>?) -> Bool {
        guard let vr else { return true }
        return vr.contains(min) && vr.contains(max)
    }

    /// True when no value of the run can lie in `vr`.
    @inline(__always) public func outside(_ vr: ClosedRange<Double>?) -> Bool {
        guard let vr else { return false }
        return max < vr.lowerBound || min > vr.upperBound
    }
}

/// What a scan does with a bucket: report it whole, leave it out, or look at its two halves.
public enum ScanStep { case take, skip, split }

public extension SeriesColumn {
    /// Visits `range` in order as whole buckets and single measurements. `decide` is asked about
    /// each bucket that fits in what is left of the range; a split bucket is looked at in halves,
    /// down to single measurements, which always go to `body` (it filters them itself).
    func scan(_ range: Range<Int>, _ decide: (SummaryRun) -> ScanStep, _ body: (SummaryRun) -> Void) {
        let levels = summary.levels
        let top = levels.count - 1
        var i = range.lowerBound
        let end = range.upperBound
        do {
            let v = values
            while i < end {
                // The largest bucket that starts at i (buckets of level k start at multiples of their size).
                var k = Swift.min(top, i.trailingZeroBitCount - ValueSummary.baseShift)
                var done = false
                while k >= 0 && !done {
                    let size = ValueSummary.base << k
                    let j = i >> (ValueSummary.baseShift + k)
                    if i + size <= end && j < levels[k].count {
                        let b = levels[k][j]
                        let run = SummaryRun(range: i..<(i + size), min: b.min, max: b.max, sum: b.sum)
                        switch decide(run) {
                        case .take: body(run); i += size; done = true
                        case .skip: i += size; done = true
                        case .split: break
                        }
                    }
                    k -= 1
                }
                if !done {
                    let x = v[i]
                    body(SummaryRun(range: i..<(i + 1), min: x, max: x, sum: x))
                    i += 1
                }
            }
        }
    }
}
