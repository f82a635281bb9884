/// Which series are selected, and the filters that narrow the list and the data.
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
