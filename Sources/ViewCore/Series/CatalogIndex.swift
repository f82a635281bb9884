import Foundation
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
        (needle.isEmpty || Self.occurs(needle, in: lowerNames[i]) || Self.occurs(needle, in: lowerPhenomena[i]))
            && (f.phenomenon == nil || s.phenomenon == f.phenomenon)
            && (f.station == nil || s.station == f.station)
    }

    /// Whether `needle`'s bytes occur in `hay`'s. Foundation's `contains` bridged every one of 500
    /// names on every frame of filter typing; both sides are lower-cased alike, so bytes suffice.
    static func occurs(_ needle: String, in hay: String) -> Bool {
        var needle = needle, hay = hay
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= h.count else { return n.isEmpty }
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
