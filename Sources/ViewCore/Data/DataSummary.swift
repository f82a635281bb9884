import DataCore

/// What the view needs to know about the data in memory (the store itself stays outside the state).
/// Built off the input thread: the bounds and spans scan every measurement.
public struct DataSummary: Equatable, Sendable {
    public var catalog: [SeriesInfo]
    public var range: ClosedRange<Int64>?
    public var bounds: GeoBounds?
    public var name: String
    public var measurements: Int
    /// The series covering the longest time: a fresh view shows it (a fixed station, not a bike's rides).
    public var longestSeries: String?
    public var report: LoadReport
    /// Per series of the catalog its newest time and count, to tell what a session missed since it was saved.
    public var marks: [DataWatermark.Mark]
    /// How the data was read, when the loader decided something worth telling (asked for on a first open).
    public var notice: [String]?

    public init(catalog: [SeriesInfo], range: ClosedRange<Int64>?, bounds: GeoBounds? = nil, name: String,
                measurements: Int = 0, longestSeries: String? = nil, report: LoadReport = LoadReport(),
                marks: [DataWatermark.Mark] = [], notice: [String]? = nil) {
        self.catalog = catalog
        self.range = range
        self.bounds = bounds
        self.name = name
        self.measurements = measurements
        self.longestSeries = longestSeries
        self.report = report
        self.marks = marks
        self.notice = notice
    }

    /// `notice`: also say how the data was read when that is notable (it scans every value).
    public init(_ store: MeasurementStore, notice: Bool = false) {
        let best = store.series.indices.max { a, b in
            let ca = store.columns[a], cb = store.columns[b]
            let sa = ca.count > 0 ? ca.times[ca.count - 1] - ca.times[0] : -1
            let sb = cb.count > 0 ? cb.times[cb.count - 1] - cb.times[0] : -1
            return sa < sb || (sa == sb && a > b)
        }
        self.init(catalog: store.series, range: store.timeRange,
                  bounds: store.positionBounds.map { GeoBounds(minLat: $0.minLat, maxLat: $0.maxLat, minLon: $0.minLon, maxLon: $0.maxLon) },
                  name: store.sourceName, measurements: store.measurementCount,
                  longestSeries: best.map { store.series[$0].id }, report: store.report,
                  marks: DataWatermark(selected: store.series.map(\.id), store: store, sources: []).marks)
        if notice, store.understanding.contains(where: \.notable) || !store.probableMissingMarkers().isEmpty {
            self.notice = Understanding.notice(store)
        }
    }

    /// The watermark of `selected` in this data, as `DataWatermark(selected:store:sources:)` tells it.
    public func watermark(selected: [String], sources: [String]) -> DataWatermark {
        let byId = Dictionary(marks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return DataWatermark(marks: selected.map { byId[$0] ?? DataWatermark.Mark(id: $0, last: nil, count: 0) },
                             catalog: catalog.count <= DataWatermark.catalogLimit ? catalog.map(\.id) : nil, sources: sources)
    }
}

/// The data's side of the state: which version is in memory, a read under way, what waits for data.
public struct DataStatus: Equatable, Sendable {
    /// 0 until the first data arrives; every new store or appended rows count one up.
    public var version = 0
    /// A read in the background (the first load or a reload), shown as a progress bar in the title bar.
    public var loading: Loading?
    /// The part of the start view that needs the data (cursor, first series, notices).
    public var waiting: StartView?
    public init() {}
}

/// A background read as the title bar shows it.
public struct Loading: Equatable, Sendable {
    public var progress: LoadProgress
    /// Seconds since the read began (the reducer has no clock: the data source measures).
    public var seconds: Double
    public var what: String
    public init(progress: LoadProgress, seconds: Double, what: String) {
        self.progress = progress
        self.seconds = seconds
        self.what = what
    }

    /// Bytes per second so far, and the seconds left at that rate (nil until it can be told).
    public var rate: Double { seconds > 0 ? Double(progress.bytes) / seconds : 0 }
    public var secondsLeft: Double? {
        guard rate > 0, progress.totalBytes > 0 else { return nil }
        return Double(max(0, progress.totalBytes - progress.bytes)) / rate
    }
}
