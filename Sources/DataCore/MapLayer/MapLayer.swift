/// What a map line outlines.
public enum MapFeature: UInt8, Sendable, CaseIterable {
    case coastline = 0, countryBorder = 1, regionBorder = 2, lake = 3, river = 4

    /// Lakes and rivers: drawn in a colour of their own, so that a river is not taken for a border.
    public var isWater: Bool { self == .lake || self == .river }
}

public struct MapPlace: Equatable, Sendable {
    public var name: String
    public var lat: Double
    public var lon: Double
    /// 0 for the largest places (shown at every zoom), higher for smaller ones.
    public var rank: Int
    public init(name: String, lat: Double, lon: Double, rank: Int) {
        self.name = name
        self.lat = lat
        self.lon = lon
        self.rank = rank
    }
}

/// The map layer in memory: per level of detail, its lines cut into short pieces with a bounding
/// box each, so drawing a view touches only the pieces inside it.
public final class MapLayer: Sendable {
    public struct Polyline: Sendable {
        public var kind: MapFeature
        public var lon: [Float]
        public var lat: [Float]
        public init(kind: MapFeature, lon: [Float], lat: [Float]) {
            self.kind = kind
            self.lon = lon
            self.lat = lat
        }
    }

    public struct Level: Sendable {
        /// This level is used while a braille dot spans at least this many degrees of latitude.
        public var minDegreesPerPixel: Double
        public var lines: [Polyline]
        public init(minDegreesPerPixel: Double, lines: [Polyline]) {
            self.minDegreesPerPixel = minDegreesPerPixel
            self.lines = lines
        }
    }

    /// A level's points, flat, and its pieces: points start..<end (the last point of a piece is
    /// the first of the next, so the line stays joined) inside a bounding box.
    public struct Pieces: Sendable {
        public let minDegreesPerPixel: Double
        public let lon: [Float], lat: [Float]
        public let start: [Int32], end: [Int32]
        public let kind: [MapFeature]
        public let minLon: [Float], maxLon: [Float], minLat: [Float], maxLat: [Float]
    }

    static let pieceLength = 32

    public let levels: [Pieces]
    /// Largest places first.
    public let places: [MapPlace]

    public static let empty = MapLayer(levels: [], places: [])

    public convenience init(levels: [Level], places: [MapPlace]) {
        self.init(pieces: levels.map(Self.cut), places: places)
    }

    /// Levels already cut (as the file reader builds them, without a polyline array each).
    init(pieces: [Pieces], places: [MapPlace]) {
        self.levels = pieces.sorted { $0.minDegreesPerPixel > $1.minDegreesPerPixel }
        self.places = places.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }

    public var isEmpty: Bool { levels.isEmpty && places.isEmpty }

    /// The level for a zoom: the coarsest whose detail a dot of this size can still show.
    public func level(degreesPerPixel dpp: Double) -> Pieces? {
        levels.first { dpp >= $0.minDegreesPerPixel } ?? levels.last
    }

    static func cut(_ level: Level) -> Pieces {
        var b = PiecesBuilder()
        for line in level.lines {
            b.lon += line.lon
            b.lat += line.lat
            b.endLine(kind: line.kind, count: line.lon.count)
        }
        return b.pieces(minDegreesPerPixel: level.minDegreesPerPixel)
    }
}

/// A level's flat points and pieces, built a line at a time: the line's points are appended to
/// `lon` and `lat`, then `endLine` cuts them into pieces (a line of fewer than two points is dropped).
struct PiecesBuilder {
    var lon: [Float] = [], lat: [Float] = []
    private var lineStart = 0
    private var start: [Int32] = [], end: [Int32] = [], kind: [MapFeature] = []
    private var minLon: [Float] = [], maxLon: [Float] = [], minLat: [Float] = [], maxLat: [Float] = []

    mutating func endLine(kind k: MapFeature, count n: Int) {
        let base = lineStart
        guard n >= 2 else {
            lon.removeLast(n)
            lat.removeLast(n)
            return
        }
        lineStart = lon.count
        var i = 0
        while i < n - 1 {
            let j = Swift.min(n - 1, i + MapLayer.pieceLength)
            start.append(Int32(base + i))
            end.append(Int32(base + j + 1))
            kind.append(k)
            var x0 = lon[base + i], x1 = x0, y0 = lat[base + i], y1 = y0
            for p in (base + i + 1)...(base + j) {
                let x = lon[p], y = lat[p]
                if x < x0 { x0 = x }
                if x > x1 { x1 = x }
                if y < y0 { y0 = y }
                if y > y1 { y1 = y }
            }
            minLon.append(x0)
            maxLon.append(x1)
            minLat.append(y0)
            maxLat.append(y1)
            i = j
        }
    }

    func pieces(minDegreesPerPixel: Double) -> MapLayer.Pieces {
        MapLayer.Pieces(minDegreesPerPixel: minDegreesPerPixel, lon: lon, lat: lat, start: start, end: end, kind: kind,
                        minLon: minLon, maxLon: maxLon, minLat: minLat, maxLat: maxLat)
    }
}
