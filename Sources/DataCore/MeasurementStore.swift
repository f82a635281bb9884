import Foundation

/// All measurements of the opened data, by series (columnar).
/// Knows nothing of the UI.
public struct MeasurementStore: Sendable {
    public private(set) var series: [SeriesInfo] = []
    public private(set) var columns: [SeriesColumn] = []
    private var indexByID: [String: Int] = [:]
    /// How many of the first series a later part of a file was started with (`seed`).
    private var seeded = 0
    /// What the data is called in the title bar: a file name, or "N files".
    public var sourceName: String
    public var report = LoadReport()
    /// The files the data came from, for following them as they grow.
    public var sources: [SourceFile] = []
    /// How each file was read, in file order.
    public var understanding: [FileUnderstanding] = []

    public init(sourceName: String = "") {
        self.sourceName = sourceName
    }

    public var measurementCount: Int { columns.reduce(0) { $0 + $1.count } }

    public func index(ofSeries id: String) -> Int? { indexByID[id] }

    public func column(_ id: String) -> SeriesColumn? {
        indexByID[id].map { columns[$0] }
    }

    /// Earliest and latest time over all series, or nil when empty.
    public var timeRange: ClosedRange<Int64>? {
        var lo = Int64.max, hi = Int64.min
        for c in columns where c.count > 0 {
            lo = min(lo, c.times[0])
            hi = max(hi, c.times[c.count - 1])
        }
        return lo <= hi ? lo...hi : nil
    }

    /// Starts an empty store with these series, in this order (a later part of a file).
    mutating func seed(_ known: [SeriesInfo]) {
        seeded = known.count
        series = known
        columns = [SeriesColumn](repeating: SeriesColumn(), count: known.count)
        indexByID.reserveCapacity(known.count)
        for (i, s) in known.enumerated() { indexByID[s.id] = i }
    }

    /// Index of the series with this id, created when new. Keeps the first unit seen.
    public mutating func seriesIndex(for info: SeriesInfo) -> Int {
        if let i = indexByID[info.id] {
            if series[i].unit == nil, let u = info.unit { series[i].unit = u }
            return i
        }
        indexByID[info.id] = series.count
        series.append(info)
        columns.append(SeriesColumn())
        return series.count - 1
    }

    public mutating func append(series i: Int, time: Int64, value: Double) {
        columns[i].append(time: time, value: value)
    }

    public mutating func append(series i: Int, time: Int64, value: Double, lat: Float, lon: Float) {
        columns[i].append(time: time, value: value, lat: lat, lon: lon)
    }

    /// A value read as a short decimal (`ByteParsers.shortDecimal`); NaN `lat` for none.
    @inline(__always) mutating func append(series i: Int, time: Int64, mantissa: Int32, digits: Int, lat: Float, lon: Float) {
        if lat.isNaN { columns[i].append(time: time, mantissa: mantissa, digits: digits) }
        else { columns[i].append(time: time, mantissa: mantissa, digits: digits, lat: lat, lon: lon) }
    }

    /// The bounding box of all positions: (minLat, maxLat, minLon, maxLon), or nil without positions.
    public var positionBounds: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double)? {
        var a = Float.infinity, b = -Float.infinity, c = Float.infinity, d = -Float.infinity
        for col in columns where col.hasPositions {
            if let la = col.lats.single, let lo = col.lons.single {
                if !la.isNaN { a = min(a, la); b = max(b, la); c = min(c, lo); d = max(d, lo) }
                continue
            }
            for i in 0..<col.lats.count where !col.lats[i].isNaN {
                a = min(a, col.lats[i]); b = max(b, col.lats[i])
                c = min(c, col.lons[i]); d = max(d, col.lons[i])
            }
        }
        return a.isFinite ? (Double(a), Double(b), Double(c), Double(d)) : nil
    }

    /// Sorts every series by time and orders the series list by name (stable, human order).
    public mutating func finish() {
        // Columns are independent: finished on every core (a big file's columns sort or summarise
        // for some milliseconds each). Columns go in interleaved slices of similar size.
        let cores = Swift.min(ProcessInfo.processInfo.activeProcessorCount, columns.count)
        if cores > 1 && measurementCount >= 1 << 16 {
            columns.withUnsafeMutableBufferPointer { cols in
                nonisolated(unsafe) let cols = cols
                DispatchQueue.concurrentPerform(iterations: cores) { k in
                    for i in stride(from: k, to: cols.count, by: cores) { cols[i].finish() }
                }
            }
        } else {
            for i in columns.indices { columns[i].finish() }
        }
        let keys = series.map { NaturalKey($0.name) }
        let order = series.indices.sorted { keys[$0] < keys[$1] }
        series = order.map { series[$0] }
        columns = order.map { columns[$0] }
        indexByID = [:]
        for (i, s) in series.enumerated() { indexByID[s.id] = i }
    }

    /// Forgets every summary, so scans read raw values: for measuring what the summaries save.
    public mutating func dropSummaries() {
        for i in columns.indices { columns[i].summary = ValueSummary(); columns[i].positionRuns = PositionRuns() }
    }

    /// Reserves room for `scale` times the measurements held now (a big file's first part tells how
    /// many the rest will bring), so columns do not double past what they need.
    mutating func reserve(scale: Double) {
        guard scale > 1 else { return }
        for i in columns.indices { columns[i].reserveCapacity(Int(Double(columns[i].count) * scale) + 16) }
    }

    /// Appends a later part of the same file: series by id, values after the ones already here.
    mutating func append(_ other: MeasurementStore) {
        for (j, info) in other.series.enumerated() {
            // A part seeded with this store's first series keeps their places: no lookup by name
            // (hashing 500 names per part showed in a 100M-row load).
            let i: Int
            if j < other.seeded && j < series.count && series[j].id == info.id {
                i = j
                if series[i].unit == nil, let u = info.unit { series[i].unit = u }
            } else {
                i = seriesIndex(for: info)
            }
            columns[i].append(contentsOf: other.columns[j])
        }
        report.merge(other.report)
    }

    /// Adds everything of `other` (used when several files are opened at once).
    public mutating func merge(_ other: MeasurementStore) {
        for (j, info) in other.series.enumerated() {
            let i = seriesIndex(for: info)
            let c = other.columns[j]
            if columns[i].count == 0 { columns[i] = c } else { columns[i].append(contentsOf: c) }
        }
        report.merge(other.report)
        sources += other.sources
        understanding += other.understanding
    }
}
