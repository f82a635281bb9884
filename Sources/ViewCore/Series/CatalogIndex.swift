import DataCore

/// What the series filters and the selection look up in the catalog, made once per data change:
/// every frame asks for the visible and the plotted series several times, and lower-casing 500
/// names or hashing 500 ids (those with "·" or "µ" take Unicode's slow path) each time showed up.
struct CatalogIndex: Equatable, Sendable {
    private(set) var position: [String: Int] = [:]
    private(set) var lowerNames: [String] = []
    private(set) var lowerPhenomena: [String] = []

    init() {}

    init(_ catalog: [SeriesInfo]) {
        position = Dictionary(catalog.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        lowerNames = catalog.map { $0.name.lowercased() }
        lowerPhenomena = catalog.map { $0.phenomenon.lowercased() }
    }

    /// Whether series `i` of `catalog` passes the filter; `needle` is the filter text, lower-cased.
    func passes(_ i: Int, _ s: SeriesInfo, _ f: SeriesFilter, needle: String) -> Bool {
        (needle.isEmpty || lowerNames[i].contains(needle) || lowerPhenomena[i].contains(needle))
            && (f.phenomenon == nil || s.phenomenon == f.phenomenon)
            && (f.station == nil || s.station == f.station)
    }
}
