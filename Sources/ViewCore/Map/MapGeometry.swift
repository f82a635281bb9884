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
        degreesPerPixel = Self.fit(b, k: k, pw: pw, ph: ph) / pow(2, m.zoom)
    }

    /// Degrees per pixel at zoom 0: the data's positions fill the canvas with a margin.
    static func fit(_ b: GeoBounds, k: Double, pw: Int, ph: Int) -> Double {
        max((b.maxLon - b.minLon) * k / Double(max(1, pw - 2)), (b.maxLat - b.minLat) / Double(max(1, ph - 2)), 1e-6) * 1.1
    }

    /// Pixel of a position, (0, 0) at the top left of a pw×ph canvas.
    public func pixel(lat: Double, lon: Double, pw: Int, ph: Int) -> (Int, Int) {
        let (x, y) = point(lat: lat, lon: lon, pw: pw, ph: ph)
        return (Int(x.rounded()), Int(y.rounded()))
    }

    /// The same, unrounded (lines are clipped before they are rasterised).
    @inline(__always) public func point(lat: Double, lon: Double, pw: Int, ph: Int) -> (Double, Double) {
        (Double(pw) / 2 + (lon - centerLon) * k / degreesPerPixel, Double(ph) / 2 - (lat - centerLat) / degreesPerPixel)
    }

    /// The position at a pixel (the inverse of `point`).
    public func position(x: Double, y: Double, pw: Int, ph: Int) -> (lat: Double, lon: Double) {
        (centerLat - (y - Double(ph) / 2) * degreesPerPixel, centerLon + (x - Double(pw) / 2) * degreesPerPixel / k)
    }

    /// Kilometres across one pixel, east–west at the centre (a degree of latitude is 111.32 km).
    public var kilometresPerPixel: Double { degreesPerPixel * 111.32 }
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

    /// Zooming out stops once the whole earth (180° of latitude) fits the pane.
    static func minZoom(_ s: AppState) -> Double {
        guard let b = s.positionBounds else { return -2 }
        let (pw, ph) = mapPixels(s)
        let lat = s.settings.map.centerLat ?? (b.minLat + b.maxLat) / 2
        let fit = MapViewport.fit(b, k: max(0.01, cos(lat * .pi / 180)), pw: pw, ph: ph)
        return min(-2, (log2(fit / (180 / Double(ph)))).rounded(.up))
    }

    static func mapPixels(_ s: AppState) -> (Int, Int) {
        let r = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.map]!.inner
        return (max(1, r.width * 2), max(1, (r.height - 1) * 4))
    }
}
