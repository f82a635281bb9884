/// One sensor's or station's one phenomenon.
public struct SeriesInfo: Sendable, Hashable, Codable {
    /// Stable key used by settings documents; equal to the display name for data read from CSV.
    public var id: String
    public var name: String
    public var phenomenon: String
    public var station: String?
    public var unit: String?

    public init(id: String, name: String, phenomenon: String, station: String?, unit: String?) {
        self.id = id
        self.name = name
        self.phenomenon = phenomenon
        self.station = station
        self.unit = unit
    }
}

/// Measurements of one series, stored by column and sorted by time, compactly (see `TimeColumn`,
/// `ValueColumn`, `PositionColumn`): about 8 bytes per measurement for a fixed station.
/// `lats`/`lons` are empty when the series has no positions.
public struct SeriesColumn: Sendable, Equatable {
    /// Milliseconds since 1970-01-01T00:00:00Z. Set only by appending (or on a new column), so the
    /// prefix `finish()` checked stays in order.
    public internal(set) var times = TimeColumn()
    public var values = ValueColumn()
    public var lats = PositionColumn()
    public var lons = PositionColumn()
    /// Buckets over a prefix of `values`, made by `finish()`; derived data, so not part of equality.
    public internal(set) var summary = ValueSummary()
    /// Where the position changes (derived, like the summary).
    public internal(set) var positionRuns = PositionRuns()
    /// Measurements at the start already checked to be in time order, so finishing again (after a
    /// merge, or a second time) checks only what came after them.
    private var checkedInOrder = 0
    /// The shortest time between two neighbouring measurements (ms) as of the last `finish()`; 0
    /// when unknown. Buckets at most this wide hold one measurement each (see `bucketReading`).
    public private(set) var shortestStep: Int64 = 0

    public init() {}

    public static func == (a: SeriesColumn, b: SeriesColumn) -> Bool {
        a.times == b.times && a.values == b.values && a.lats == b.lats && a.lons == b.lons
    }

    public var count: Int { times.count }
    public var hasPositions: Bool { !lats.isEmpty }
    /// The one position of a fixed station (every measurement at it), nil when it moves or has none.
    public var fixedPosition: (lat: Float, lon: Float)? {
        guard let la = lats.single, let lo = lons.single, !la.isNaN, lats.count == count else { return nil }
        return (la, lo)
    }

    /// Memory held by the measurements and their summary.
    public var byteCount: Int { times.byteCount + values.byteCount + lats.byteCount + lons.byteCount + summary.byteCount }

    /// Index of the first measurement at or after `time`.
    public func lowerBound(_ time: Int64) -> Int { lowerBound(time, movedBy: nil) }

    /// Index of the first measurement whose time, moved by `clock` when given, is at or after `time`.
    func lowerBound(_ time: Int64, movedBy clock: BucketClock?) -> Int {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let t = times[mid]
            if (clock?.middle(t) ?? t) < time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inline(__always) mutating func append(time: Int64, value: Double) {
        times.append(time)
        values.append(value)
    }

    @inline(__always) mutating func append(time: Int64, mantissa: Int32, digits: Int) {
        times.append(time)
        values.append(mantissa: mantissa, digits: digits)
    }

    @inline(__always) mutating func append(time: Int64, mantissa: Int32, digits: Int, lat: Float, lon: Float) {
        padPositions()
        times.append(time)
        values.append(mantissa: mantissa, digits: digits)
        lats.append(lat)
        lons.append(lon)
    }

    @inline(__always) mutating func append(time: Int64, value: Double, lat: Float, lon: Float) {
        // Positions arrive on some rows only: keep them aligned with NaN padding.
        padPositions()
        times.append(time)
        values.append(value)
        lats.append(lat)
        lons.append(lon)
    }

    @inline(__always) private mutating func padPositions() {
        if lats.count < times.count { padPositionsSlow() }
    }

    private mutating func padPositionsSlow() {
        lats.append(repeating: .nan, count: times.count - lats.count)
        lons.append(repeating: .nan, count: times.count - lons.count)
    }

    /// Appends another column's measurements, keeping positions aligned.
    mutating func append(contentsOf c: SeriesColumn) {
        if c.hasPositions || hasPositions {
            padPositions()
            if c.hasPositions {
                lats.append(contentsOf: c.lats)
                lons.append(contentsOf: c.lons)
                lats.append(repeating: .nan, count: c.times.count - c.lats.count)
                lons.append(repeating: .nan, count: c.times.count - c.lons.count)
            } else {
                lats.append(repeating: .nan, count: c.times.count)
                lons.append(repeating: .nan, count: c.times.count)
            }
        }
        times.append(contentsOf: c.times)
        values.append(contentsOf: c.values)
    }

    mutating func reserveCapacity(_ n: Int) {
        times.reserveCapacity(n)
        values.reserveCapacity(n)
        if hasPositions {
            lats.reserveCapacity(n)
            lons.reserveCapacity(n)
        }
    }

    /// Pads positions, sorts by time (stable) and brings the summary up to date: extended when
    /// the new measurements came after the old ones, rebuilt when sorting moved them.
    mutating func finish() {
        if !sortByTime() && summary.covered <= count {
            summary.extend(values)
            if hasPositions { positionRuns.extend(lats: lats, lons: lons) }
            return
        }
        summary = ValueSummary()
        summary.extend(values)
        positionRuns = PositionRuns()
        if hasPositions { positionRuns.extend(lats: lats, lons: lons) }
    }

    /// Builds the summary of a column whose times are known to ascend and that has no positions.
    mutating func summarise() {
        summary = ValueSummary()
        summary.extend(values)
    }

    /// Pads positions to full length and sorts all columns by time (stable); true when it moved any.
    private mutating func sortByTime() -> Bool {
        if !lats.isEmpty { padPositions() }
        let from = Swift.max(1, Swift.min(checkedInOrder, times.count))
        if checkedInOrder < 2 { shortestStep = .max }
        checkedInOrder = times.count
        if let step = Self.shortestStep(times, from: from) {
            shortestStep = Swift.min(shortestStep, step)
            return false
        }
        let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        let (t, v, la, lo) = (times, values, lats, lons)
        times = TimeColumn(order.lazy.map { t[$0] })
        values = ValueColumn(order.lazy.map { v[$0] })
        if !la.isEmpty {
            lats = PositionColumn(order.lazy.map { la[$0] })
            lons = PositionColumn(order.lazy.map { lo[$0] })
        }
        shortestStep = Self.shortestStep(times, from: 1) ?? 0
        return true
    }

    /// The shortest step between neighbours from index `from` on (`.max` for none), nil when the
    /// times do not ascend there. One pass that also serves as the order check.
    private static func shortestStep(_ times: TimeColumn, from: Int) -> Int64? {
        guard from < times.count else { return .max }
        if !times.isWide { return times.shortestCompactStep(from: from) }
        var step = Int64.max, previous = times[from - 1]
        for i in from..<times.count {
            let t = times[i]
            if t < previous { return nil }
            let (d, over) = t.subtractingReportingOverflow(previous)
            if !over && d < step { step = d }
            previous = t
        }
        return step
    }
}
