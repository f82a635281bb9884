/// What the map shows: its centre and zoom, and the heat-map.
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
