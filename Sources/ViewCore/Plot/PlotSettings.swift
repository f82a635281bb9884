/// How the plot draws: style, aggregation, the zoomed time span, the y range, the legend, the time zone.
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
    /// The zone times are shown in (axis, latest values, filter form); not the zone data is read in.
    public var timeZone: DisplayTimeZone = .local

    public init() {}
}
