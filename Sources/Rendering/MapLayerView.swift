import Foundation
import DataCore
import ViewCore

/// The map under the data: Natural Earth's lines in braille, place names, and a scale bar.
enum MapLayerView {
    /// Smaller places are named only once a dot spans less than this many degrees.
    static let smallPlacesBelowDegreesPerPixel = 0.02

    /// The layer's lines at this viewport, in a canvas of their own (the data is drawn over it).
    static func lines(_ layer: MapLayer, _ v: MapViewport, columns: Int, rows: Int) -> BrailleCanvas {
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        guard let level = layer.level(degreesPerPixel: v.degreesPerPixel) else { return canvas }
        let view = visibleBox(v, pw: pw, ph: ph)
        let minLon = Float(view.minLon), maxLon = Float(view.maxLon), minLat = Float(view.minLat), maxLat = Float(view.maxLat)
        let lons = level.lon, lats = level.lat
        for p in level.start.indices {
            // The cull: most pieces lie outside the view and cost four comparisons.
            guard level.maxLon[p] >= minLon, level.minLon[p] <= maxLon, level.maxLat[p] >= minLat, level.minLat[p] <= maxLat else { continue }
            let role = Self.role(level.kind[p])
            var (x0, y0) = v.point(lat: Double(lats[Int(level.start[p])]), lon: Double(lons[Int(level.start[p])]), pw: pw, ph: ph)
            for i in Int(level.start[p]) + 1..<Int(level.end[p]) {
                let (x1, y1) = v.point(lat: Double(lats[i]), lon: Double(lons[i]), pw: pw, ph: ph)
                if let (a, b, c, d) = clip(x0, y0, x1, y1, width: Double(pw), height: Double(ph)) {
                    canvas.line(Int(a.rounded(.down)), Int(b.rounded(.down)), Int(c.rounded(.down)), Int(d.rounded(.down)), role: role)
                }
                (x0, y0) = (x1, y1)
            }
        }
        return canvas
    }

    @inline(__always) static func role(_ kind: MapFeature) -> ColorRole { kind.isWater ? .mapWater : .mapLayer }

    /// The part of the earth a pw×ph canvas shows.
    static func visibleBox(_ v: MapViewport, pw: Int, ph: Int) -> GeoBounds {
        let (top, left) = v.position(x: 0, y: 0, pw: pw, ph: ph)
        let (bottom, right) = v.position(x: Double(pw), y: Double(ph), pw: pw, ph: ph)
        return GeoBounds(minLat: bottom, maxLat: top, minLon: left, maxLon: right)
    }

    /// Liang–Barsky: the part of a segment inside [0, width) × [0, height), or nil.
    static func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double, height: Double) -> (Double, Double, Double, Double)? {
        let maxX = width - 0.001, maxY = height - 0.001
        if x0 >= 0, x0 <= maxX, y0 >= 0, y0 <= maxY, x1 >= 0, x1 <= maxX, y1 >= 0, y1 <= maxY { return (x0, y0, x1, y1) }
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, x0), (dx, maxX - x0), (-dy, y0), (dy, maxY - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return nil }; t0 = max(t0, t) } else { if t < t0 { return nil }; t1 = min(t1, t) }
            }
        }
        return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
    }

    /// The scale bar in the bottom-left corner: a round distance at most a quarter of the width.
    /// Returns the cells it covers so that no place name is written over it.
    @discardableResult
    static func scaleBar(_ grid: inout CellGrid, _ v: MapViewport, _ area: Rect, unicode: Bool) -> Rect? {
        let kmPerColumn = v.kilometresPerPixel * 2
        guard let (km, columns) = scaleLength(kmPerColumn: kmPerColumn, maxColumns: max(3, area.width / 4)) else { return nil }
        let label = " " + formatKilometres(km)
        let bar = unicode ? "├" + String(repeating: "─", count: max(0, columns - 2)) + "┤" : "|" + String(repeating: "-", count: max(0, columns - 2)) + "|"
        let width = columns + TextWidth.of(label)
        guard width <= area.width else { return nil }
        let r = Rect(x: area.x, y: area.y + area.height - 1, width: width, height: 1)
        grid.put(bar + label, x: r.x, y: r.y, role: .mapLabel)
        return r
    }

    /// The longest 1, 2 or 5 × 10ⁿ km that fits, and its length in columns (at least 3).
    static func scaleLength(kmPerColumn: Double, maxColumns: Int) -> (km: Double, columns: Int)? {
        guard kmPerColumn > 0, kmPerColumn.isFinite, maxColumns >= 3 else { return nil }
        let most = kmPerColumn * Double(maxColumns)
        var magnitude = pow10(floor(log10(most)))
        while magnitude > 1e-4 {
            for m in [5.0, 2.0, 1.0] {
                let km = m * magnitude
                let columns = Int((km / kmPerColumn).rounded())
                if km <= most, columns >= 3 { return (km, columns) }
            }
            magnitude /= 10
        }
        return nil
    }

    static func pow10(_ e: Double) -> Double { pow(10, e) }

    static func formatKilometres(_ km: Double) -> String {
        km >= 1 ? "\(Int(km.rounded())) km" : "\(NumberFormat.short(km)) km"
    }

    /// Place names, largest places first; a name goes where it covers no other name, no reserved
    /// cell (data, the scale bar, the heat-map's scale) and stays inside the area.
    /// Returns the rectangles the names took (tests check that they never overlap).
    @discardableResult
    static func labels(_ grid: inout CellGrid, _ layer: MapLayer, _ v: MapViewport, _ area: Rect,
                       reserved: inout CellMask, unicode: Bool) -> [Rect] {
        let pw = area.width * 2, ph = area.height * 4
        let view = visibleBox(v, pw: pw, ph: ph)
        let maxRank = v.degreesPerPixel < smallPlacesBelowDegreesPerPixel ? Int.max : 0
        let marker = unicode ? "·" : "."
        var placed: [Rect] = []
        for place in layer.places where place.rank <= maxRank {
            guard place.lat >= view.minLat, place.lat <= view.maxLat, place.lon >= view.minLon, place.lon <= view.maxLon else { continue }
            let (px, py) = v.pixel(lat: place.lat, lon: place.lon, pw: pw, ph: ph)
            let cx = px >> 1, cy = py >> 2
            // Either placement covers the place's own cell: in a crowded view most places stop here,
            // before the (costly) measuring of their names.
            guard cx >= 0, cx < area.width, cy >= 0, cy < area.height, reserved.isFree(Rect(x: cx, y: cy, width: 1, height: 1)) else { continue }
            let name = TextWidth.truncate(place.name, to: 24)
            let w = TextWidth.of(name) + 1
            // To the right of the place, else to its left.
            for (x, text) in [(cx, marker + name), (cx - w + 1, name + marker)] {
                let r = Rect(x: x, y: cy, width: w, height: 1)
                guard x >= 0, x + w <= area.width, reserved.isFree(Rect(x: x - 1, y: cy, width: w + 2, height: 1)) else { continue }
                reserved.mark(r)
                grid.put(text, x: area.x + x, y: area.y + cy, role: .mapLabel)
                placed.append(Rect(x: area.x + x, y: area.y + cy, width: w, height: 1))
                break
            }
        }
        return placed
    }
}

/// Which cells of an area are taken (by data, names, the scale bar), in area coordinates.
struct CellMask {
    let width: Int, height: Int
    private var taken: [Bool]
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        taken = Array(repeating: false, count: max(0, width * height))
    }

    /// The part of a..<b inside 0..<limit (empty when none is).
    private func span(_ a: Int, _ b: Int, _ limit: Int) -> Range<Int> {
        let lo = max(0, a)
        return lo..<max(lo, min(limit, b))
    }

    mutating func mark(_ r: Rect) {
        for y in span(r.y, r.y + r.height, height) {
            for x in span(r.x, r.x + r.width, width) { taken[y * width + x] = true }
        }
    }

    mutating func mark(x: Int, y: Int) {
        if x >= 0, y >= 0, x < width, y < height { taken[y * width + x] = true }
    }

    func isFree(_ r: Rect) -> Bool {
        for y in span(r.y, r.y + r.height, height) {
            for x in span(r.x, r.x + r.width, width) where taken[y * width + x] { return false }
        }
        return true
    }
}
