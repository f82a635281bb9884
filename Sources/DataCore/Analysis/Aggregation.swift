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
    func indices(in range: ClosedRange<Int64>) -> Range<Int> { indices(in: range, movedBy: nil) }

    /// Index range of the measurements whose times, moved by `clock` when given, lie within `range`.
    func indices(in range: ClosedRange<Int64>, movedBy clock: BucketClock?) -> Range<Int> {
        let lo = lowerBound(range.lowerBound, movedBy: clock)
        let hi = lowerBound(range.upperBound == .max ? .max : range.upperBound + 1, movedBy: clock)
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
}
