/// One dashboard panel, bound to a series or (nil) to the first selected one.
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
