import Foundation

/// The bounding box of all positions in the data.
public struct GeoBounds: Equatable, Sendable {
    public var minLat, maxLat, minLon, maxLon: Double
    public init(minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        self.minLat = minLat
        self.maxLat = maxLat
        self.minLon = minLon
        self.maxLon = maxLon
    }
}

/// What part of the earth the map pane shows: shared by rendering and by pan/zoom.
public struct MapViewport: Equatable, Sendable {
    public var centerLat: Double
    public var centerLon: Double
    /// Degrees of latitude per pixel (a braille dot).
    public var degreesPerPixel: Double
    /// cos(latitude): longitude degrees shrink towards the poles.
    public var k: Double

    public init(_ m: MapSettings, bounds b: GeoBounds, pixelWidth pw: Int, pixelHeight ph: Int) {
        centerLat = m.centerLat ?? (b.minLat + b.maxLat) / 2
        centerLon = m.centerLon ?? (b.minLon + b.maxLon) / 2
        k = max(0.01, cos(centerLat * .pi / 180))
        let fit = max((b.maxLon - b.minLon) * k / Double(max(1, pw - 2)), (b.maxLat - b.minLat) / Double(max(1, ph - 2)), 1e-6)
        degreesPerPixel = fit * 1.1 / pow(2, m.zoom)
    }

    /// Pixel of a position, (0, 0) at the top left of a pw×ph canvas.
    public func pixel(lat: Double, lon: Double, pw: Int, ph: Int) -> (Int, Int) {
        (Int((Double(pw) / 2 + (lon - centerLon) * k / degreesPerPixel).rounded()),
         Int((Double(ph) / 2 - (lat - centerLat) / degreesPerPixel).rounded()))
    }
}

/// Panning arithmetic: how far a key press moves the map, in degrees.
enum MapPanning {
    /// Pans by a fraction of the visible extent (dx right, dy up).
    static func pan(_ m: MapSettings, dx: Double, dy: Double, bounds: GeoBounds?, size: (Int, Int)) -> MapSettings {
        guard let b = bounds else { return m }
        let v = MapViewport(m, bounds: b, pixelWidth: size.0, pixelHeight: size.1)
        var q = m
        q.centerLat = max(-85, min(85, v.centerLat + dy * Double(size.1) * v.degreesPerPixel))
        q.centerLon = max(-180, min(180, v.centerLon + dx * Double(size.0) * v.degreesPerPixel / v.k))
        return q
    }

    static func mapPixels(_ s: AppState) -> (Int, Int) {
        let r = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.map]!.inner
        return (max(1, r.width * 2), max(1, (r.height - 1) * 4))
    }
}
