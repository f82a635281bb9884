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
}

public enum Reduction: Sendable { case mean, min, max }

public extension SeriesColumn {
    /// Index range of the measurements within `range` (inclusive).
    func indices(in range: ClosedRange<Int64>) -> Range<Int> {
        let lo = lowerBound(range.lowerBound)
        let hi = lowerBound(range.upperBound == .max ? .max : range.upperBound + 1)
        return lo..<max(lo, hi)
    }

    /// Statistics over a time range, counting only values inside `valueRange` when given.
    func statistics(in range: ClosedRange<Int64>, valueRange: ClosedRange<Double>? = nil) -> Statistics {
        var s = Statistics()
        for i in indices(in: range) {
            let v = values[i]
            if let vr = valueRange, !vr.contains(v) { continue }
            s.add(v, at: times[i])
        }
        return s
    }

    /// Values reduced per bucket of `width` ms; each point sits at its bucket's middle. Buckets are
    /// aligned to the wall clock of `zone` (a day is a local day, 23 or 25 hours when the clocks change).
    func buckets(in range: ClosedRange<Int64>, width: Int64, reduce: Reduction,
                 valueRange: ClosedRange<Double>? = nil, zone: ZoneTable = .utc) -> [(time: Int64, value: Double)] {
        precondition(width > 0)
        var out: [(time: Int64, value: Double)] = []
        var current = Int64.min
        var acc = Statistics()
        // The zone's offset is looked up once per change of offset, not per point.
        var seg = (start: Int64.max, end: Int64.min, offset: Int64(0))
        func flush() {
            guard acc.count > 0 else { return }
            let v: Double
            switch reduce {
            case .mean: v = acc.sum / Double(acc.count)
            case .min: v = acc.min
            case .max: v = acc.max
            }
            let middle = zone.instant(fromLocal: current + width / 2)
            out.append((middle, v))
        }
        for i in indices(in: range) {
            let v = values[i]
            if let vr = valueRange, !vr.contains(v) { continue }
            let t = times[i]
            if t < seg.start || t >= seg.end { seg = zone.span(at: t) }
            let local = t &+ seg.offset
            let b = local >= 0 ? local / width * width : ((local + 1) / width - 1) * width
            if b != current {
                flush()
                current = b
                acc = Statistics()
            }
            acc.add(v, at: t)
        }
        flush()
        return out
    }
}
