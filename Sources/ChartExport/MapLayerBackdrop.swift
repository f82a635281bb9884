import DataCore
import Foundation
import Rendering
import ViewCore

/// Which parts of a picture's area are taken (by data, names), at a coarse cell size.
public struct PixelMask {
    let origin: PixelRect
    let cell: Double
    let columns: Int, rows: Int
    private var taken: [Bool]

    public init(_ area: PixelRect, cell: Double) {
        origin = area
        self.cell = cell
        columns = max(1, Int((area.width / cell).rounded(.up)))
        rows = max(1, Int((area.height / cell).rounded(.up)))
        taken = Array(repeating: false, count: columns * rows)
    }

    private func cells(_ r: PixelRect) -> (Range<Int>, Range<Int>) {
        let x0 = max(0, Int(((r.x - origin.x) / cell).rounded(.down))), x1 = min(columns, Int(((r.maxX - origin.x) / cell).rounded(.up)))
        let y0 = max(0, Int(((r.y - origin.y) / cell).rounded(.down))), y1 = min(rows, Int(((r.maxY - origin.y) / cell).rounded(.up)))
        return (x0..<max(x0, x1), y0..<max(y0, y1))
    }

    public mutating func mark(_ r: PixelRect) {
        let (xs, ys) = cells(r)
        for y in ys { for x in xs { taken[y * columns + x] = true } }
    }

    public func isFree(_ r: PixelRect) -> Bool {
        let (xs, ys) = cells(r)
        for y in ys { for x in xs where taken[y * columns + x] { return false } }
        return true
    }
}

/// The map layer under an exported map, by the terminal's rules: the level of detail a braille
/// dot of this view would use, lines in the theme's muted colours (water in its own), place names
/// (larger places first, smaller ones once zoomed in) where they cover neither another name nor
/// the data, and a scale bar.
struct MapLayerBackdrop: MapBackdrop {
    let layer: MapLayer
    let colors: ChartColors
    /// Picture pixels per braille dot of the terminal view at the same layout (a cell is 2 dots wide).
    let pixelsPerDot: Double
    let fontSize: Double

    init(layer: MapLayer, colors: ChartColors, pixelsPerDot: Double, fontSize: Double) {
        self.layer = layer
        self.colors = colors
        self.pixelsPerDot = pixelsPerDot
        self.fontSize = fontSize
    }

    /// The view as the terminal sees it: degrees per braille dot.
    func dotDegrees(_ v: MapViewport) -> Double { v.degreesPerPixel * pixelsPerDot }

    func draw(on surface: Surface, area: PixelRect, viewport v: MapViewport, project: (Double, Double) -> (Double, Double)) {
        guard let level = layer.level(degreesPerPixel: dotDegrees(v)) else { return }
        let box = visibleBox(area, v)
        let minLon = Float(box.minLon), maxLon = Float(box.maxLon), minLat = Float(box.minLat), maxLat = Float(box.maxLat)
        let land = colors.fg(.mapLayer), water = colors.fg(.mapWater)
        var line: [(Double, Double)] = []
        var lastEnd: Int32 = -1, kind = MapFeature.coastline
        func flush() {
            // Rivers thinner than shores and borders, as on a printed map.
            guard line.count >= 2 else { line = []; return }
            surface.polyline(line, kind.isWater ? water : land, width: kind == .river ? 0.75 : 1, dash: [])
            line = []
        }
        for p in level.start.indices {
            guard level.maxLon[p] >= minLon, level.minLon[p] <= maxLon, level.maxLat[p] >= minLat, level.minLat[p] <= maxLat else { continue }
            let a = Int(level.start[p]), b = Int(level.end[p])
            // Pieces of one line share their end points: drawn as one path, without joints.
            if level.start[p] != lastEnd - 1 || level.kind[p] != kind {
                flush()
                kind = level.kind[p]
                line.append(project(Double(level.lat[a]), Double(level.lon[a])))
            }
            for i in (a + 1)..<b { line.append(project(Double(level.lat[i]), Double(level.lon[i]))) }
            lastEnd = level.end[p]
        }
        flush()
    }

    func label(on surface: Surface, area: PixelRect, viewport v: MapViewport, project: (Double, Double) -> (Double, Double), taken: inout PixelMask) {
        let muted = colors.fg(.mapLabel)
        if let bar = scaleBar(on: surface, area: area, v) { taken.mark(bar) }
        let box = visibleBox(area, v)
        let maxRank = dotDegrees(v) < 0.02 ? Int.max : 0
        let r = fontSize * 0.18
        for place in layer.places where place.rank <= maxRank {
            guard place.lat >= box.minLat, place.lat <= box.maxLat, place.lon >= box.minLon, place.lon <= box.maxLon else { continue }
            let (x, y) = project(place.lat, place.lon)
            let dot = PixelRect(x: x - r, y: y - r, width: 2 * r, height: 2 * r)
            guard area.contains(x, y), taken.isFree(dot) else { continue }
            let name = place.name.count > 24 ? String(place.name.prefix(23)) + "…" : place.name
            let w = surface.textWidth(name, size: fontSize, bold: false)
            // To the right of the place, else to its left; with a margin, inside the area.
            for (tx, anchor) in [(x + r * 2, TextAnchor.start), (x - r * 2, TextAnchor.end)] {
                let left = anchor == .start ? tx : tx - w
                let rect = PixelRect(x: left, y: y - fontSize * 0.55, width: w, height: fontSize * 1.1)
                let margin = PixelRect(x: rect.x - fontSize * 0.3, y: rect.y, width: rect.width + fontSize * 0.6, height: rect.height)
                guard rect.x >= area.x, rect.maxX <= area.maxX, rect.y >= area.y, rect.maxY <= area.maxY, taken.isFree(margin) else { continue }
                taken.mark(rect)
                taken.mark(dot)
                surface.dots([(x, y)], radius: r, muted)
                surface.text(name, x: tx, y: y + fontSize * 0.35, size: fontSize, anchor: anchor, muted)
                break
            }
        }
    }

    /// A round distance, at most a quarter of the width, in the bottom-left corner.
    func scaleBar(on surface: Surface, area: PixelRect, _ v: MapViewport) -> PixelRect? {
        let kmPerPixel = v.kilometresPerPixel
        guard kmPerPixel > 0, kmPerPixel.isFinite else { return nil }
        let most = kmPerPixel * area.width / 4
        var magnitude = pow(10, floor(log10(most)))
        var km = magnitude
        search: while magnitude > 1e-4 {
            for m in [5.0, 2.0, 1.0] where m * magnitude <= most { km = m * magnitude; break search }
            magnitude /= 10
        }
        let length = km / kmPerPixel
        guard length >= 8 else { return nil }
        let x = area.x + fontSize * 0.6, y = area.maxY - fontSize * 0.8, c = colors.fg(.mapLabel)
        surface.polyline([(x, y - fontSize * 0.3), (x, y), (x + length, y), (x + length, y - fontSize * 0.3)], c, width: 1.5, dash: [])
        let label = km >= 1 ? "\(Int(km.rounded())) km" : "\(NumberFormat.short(km)) km"
        surface.text(label, x: x + length + fontSize * 0.4, y: y + fontSize * 0.1, size: fontSize, c)
        let w = surface.textWidth(label, size: fontSize, bold: false)
        return PixelRect(x: area.x, y: y - fontSize, width: length + w + fontSize * 1.5, height: fontSize * 1.6)
    }

    /// The part of the earth the area shows.
    func visibleBox(_ area: PixelRect, _ v: MapViewport) -> GeoBounds {
        let pw = Int(area.width), ph = Int(area.height)
        let (top, left) = v.position(x: 0, y: 0, pw: pw, ph: ph)
        let (bottom, right) = v.position(x: Double(pw), y: Double(ph), pw: pw, ph: ph)
        return GeoBounds(minLat: bottom, maxLat: top, minLon: left, maxLon: right)
    }
}
