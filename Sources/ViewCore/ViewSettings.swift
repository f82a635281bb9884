/// What a session saves: the five parts of the live view (SPEC §2). Plain values, Codable.
public struct ViewSettings: Codable, Equatable, Sendable {
    public var series = SeriesSettings()
    public var thresholds: [Threshold] = []
    public var dashboard: [DashboardPanel] = DashboardPanel.defaults
    public var plot = PlotSettings()
    public var map = MapSettings()

    public init() {}
}

/// §2.1: which series are selected, and the filters that narrow the list and the data.
public struct SeriesSettings: Codable, Equatable, Sendable {
    /// Selected series ids, in the order they were picked (legend and colour order).
    public var selected: [String] = []
    public var filter = SeriesFilter()
    public init() {}
}

public struct SeriesFilter: Codable, Equatable, Sendable {
    public var text = ""
    public var phenomenon: String?
    public var station: String?
    public var window: TimeWindow = .all
    public var valueMin: Double?
    public var valueMax: Double?
    public init() {}

    public var isEmpty: Bool { self == SeriesFilter() }
}

/// A time window: everything, the last N milliseconds before the newest data, or a fixed range.
public enum TimeWindow: Codable, Equatable, Sendable {
    case all
    case last(milliseconds: Int64)
    case between(from: Int64, to: Int64)
}

/// §2.2: a threshold on one phenomenon or one series; `applied` false keeps it set but unused.
public struct Threshold: Codable, Equatable, Sendable, Identifiable {
    public enum Scope: Codable, Equatable, Sendable {
        case phenomenon(String)
        case series(String)
    }
    public var id: Int
    public var scope: Scope
    public var value: Double
    public var above: Bool
    public var label: String
    /// A colour name of the theme's palette or `#rrggbb`.
    public var color: String
    public var applied: Bool

    public init(id: Int, scope: Scope, value: Double, above: Bool = true, label: String, color: String = "red", applied: Bool = true) {
        self.id = id
        self.scope = scope
        self.value = value
        self.above = above
        self.label = label
        self.color = color
        self.applied = applied
    }

    public func exceeded(by v: Double) -> Bool { above ? v > value : v < value }

    /// The colours a threshold can have, by name (themes give each a colour).
    public static let colourNames = ["red", "orange", "yellow", "magenta", "cyan", "green", "blue", "white"]

    public func covers(_ s: SeriesInfoRef) -> Bool {
        switch scope {
        case .phenomenon(let p): return s.phenomenon == p
        case .series(let id): return s.id == id
        }
    }
}

/// The two facts of a series a threshold needs, so ViewCore's settings stay independent of the store.
public struct SeriesInfoRef: Sendable {
    public var id: String
    public var phenomenon: String
    public init(id: String, phenomenon: String) {
        self.id = id
        self.phenomenon = phenomenon
    }
}

/// §2.3: one dashboard panel, bound to a series or (nil) to the first selected one.
public struct DashboardPanel: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case statistics, exceedances, sparkline, histogram, latest
        public var title: String {
            switch self {
            case .statistics: return "Statistics"
            case .exceedances: return "Exceedances"
            case .sparkline: return "Sparkline"
            case .histogram: return "Histogram"
            case .latest: return "Latest values"
            }
        }
    }
    public var kind: Kind
    public var seriesID: String?

    public init(kind: Kind, seriesID: String? = nil) {
        self.kind = kind
        self.seriesID = seriesID
    }

    public static let defaults = [DashboardPanel(kind: .statistics), DashboardPanel(kind: .sparkline), DashboardPanel(kind: .latest)]
}

/// §2.4
public struct PlotSettings: Codable, Equatable, Sendable {
    public enum Style: String, Codable, CaseIterable, Sendable { case line, scatter, bar, step }
    public enum Bucket: String, Codable, CaseIterable, Sendable {
        case raw, minute, hour, day
        public var milliseconds: Int64 {
            switch self {
            case .raw: return 0
            case .minute: return 60_000
            case .hour: return 3_600_000
            case .day: return 86_400_000
            }
        }
    }
    public enum Reduce: String, Codable, CaseIterable, Sendable { case mean, min, max }

    public var style: Style = .line
    public var bucket: Bucket = .raw
    public var reduce: Reduce = .mean
    /// Visible time span in ms; nil shows the whole window.
    public var span: Int64?
    /// Right edge of the visible time; nil follows the newest data.
    public var end: Int64?
    /// Fixed y range; nil is automatic.
    public var yMin: Double?
    public var yMax: Double?
    public var legend = true
    /// nil: the automatic choice (axes by unit); absent from the document unless changed.
    public var axes: PlotAxesMode?

    public init() {}
}

/// §2.5
public struct MapSettings: Codable, Equatable, Sendable {
    /// nil centres on the data.
    public var centerLat: Double?
    public var centerLon: Double?
    /// 0 shows all positions; each step doubles the scale.
    public var zoom: Double = 0
    public var heatmap = HeatmapSettings()
    public init() {}
}

public struct HeatmapSettings: Codable, Equatable, Sendable {
    public enum Ramp: String, Codable, CaseIterable, Sendable { case viridis, inferno, greys, traffic }
    public var enabled = false
    /// Radius in map cells.
    public var radius = 2
    /// 1 to 10.
    public var intensity = 5
    public var ramp: Ramp = .viridis
    /// nil: the selected series.
    public var seriesID: String?
    public init() {}
}
