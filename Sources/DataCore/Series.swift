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

/// Measurements of one series, stored by column and sorted by time.
/// `lats`/`lons` are empty when the series has no positions.
public struct SeriesColumn: Sendable, Equatable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var times: [Int64] = []
    public var values: [Double] = []
    public var lats: [Float] = []
    public var lons: [Float] = []
    /// Buckets over a prefix of `values`, made by `finish()`; derived data, so not part of equality.
    public internal(set) var summary = ValueSummary()
    /// Where the position changes (derived, like the summary).
    public internal(set) var positionRuns = PositionRuns()

    public init() {}

    public static func == (a: SeriesColumn, b: SeriesColumn) -> Bool {
        a.times == b.times && a.values == b.values && a.lats == b.lats && a.lons == b.lons
    }

    public var count: Int { times.count }
    public var hasPositions: Bool { !lats.isEmpty }

    /// Index of the first measurement at or after `time`.
    public func lowerBound(_ time: Int64) -> Int {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if times[mid] < time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func append(time: Int64, value: Double) {
        times.append(time)
        values.append(value)
    }

    mutating func append(time: Int64, value: Double, lat: Float, lon: Float) {
        // Positions arrive on some rows only: keep the arrays aligned with NaN padding.
        if lats.count < times.count {
            lats.append(contentsOf: repeatElement(.nan, count: times.count - lats.count))
            lons.append(contentsOf: repeatElement(.nan, count: times.count - lons.count))
        }
        times.append(time)
        values.append(value)
        lats.append(lat)
        lons.append(lon)
    }

    /// Appends another column's measurements, keeping positions aligned.
    mutating func append(contentsOf c: SeriesColumn) {
        if c.hasPositions || hasPositions {
            if lats.count < times.count {
                lats.append(contentsOf: repeatElement(.nan, count: times.count - lats.count))
                lons.append(contentsOf: repeatElement(.nan, count: times.count - lons.count))
            }
            if c.hasPositions {
                lats.append(contentsOf: c.lats)
                lons.append(contentsOf: c.lons)
                if c.lats.count < c.times.count {
                    lats.append(contentsOf: repeatElement(.nan, count: c.times.count - c.lats.count))
                    lons.append(contentsOf: repeatElement(.nan, count: c.times.count - c.lons.count))
                }
            } else {
                lats.append(contentsOf: repeatElement(.nan, count: c.times.count))
                lons.append(contentsOf: repeatElement(.nan, count: c.times.count))
            }
        }
        times.append(contentsOf: c.times)
        values.append(contentsOf: c.values)
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

    /// Pads positions to full length and sorts all columns by time (stable); true when it moved any.
    private mutating func sortByTime() -> Bool {
        if !lats.isEmpty && lats.count < times.count {
            lats.append(contentsOf: repeatElement(.nan, count: times.count - lats.count))
            lons.append(contentsOf: repeatElement(.nan, count: times.count - lons.count))
        }
        var sorted = true
        for i in times.indices.dropFirst() where times[i] < times[i - 1] { sorted = false; break }
        if sorted { return false }
        let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        times = order.map { times[$0] }
        values = order.map { values[$0] }
        if !lats.isEmpty {
            lats = order.map { lats[$0] }
            lons = order.map { lons[$0] }
        }
        return true
    }
}
