/// What a session saves: the five parts of the live view. Plain values, Codable.
public struct ViewSettings: Codable, Equatable, Sendable {
    public var series = SeriesSettings()
    public var thresholds: [Threshold] = []
    public var dashboard: [DashboardPanel] = DashboardPanel.defaults
    public var plot = PlotSettings()
    public var map = MapSettings()

    public init() {}
}
