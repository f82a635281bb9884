import DataCore
import Foundation
import Rendering
import Testing
import ViewCore
@testable import ChartExport

/// The bundled Natural Earth layer, read from the source checkout.
func bundledLayer() throws -> MapLayer {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("map-data/natural-earth.dvmap").path
    return try MapLayerFile.read(path: path)
}

/// The fixture's map zoomed out over the Dutch coast (Utrecht's stations, Amsterdam, the North Sea).
func coastState(_ store: MeasurementStore) -> AppState {
    var s = exportState(store)
    s.settings.map.centerLat = 52.3
    s.settings.map.centerLon = 4.8
    s.settings.map.zoom = -6
    return s
}

/// Draws the real layer and keeps the projection, to find where a coast vertex lands.
final class ProbeBackdrop: MapBackdrop {
    let inner: MapLayerBackdrop
    var coast: (Double, Double)?
    init(_ inner: MapLayerBackdrop) { self.inner = inner }
    func draw(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double)) {
        inner.draw(on: surface, area: area, viewport: viewport, project: project)
        // A coastline vertex well inside the area.
        guard let level = inner.layer.level(degreesPerPixel: inner.dotDegrees(viewport)) else { return }
        for p in level.start.indices where level.kind[p] == .coastline {
            let i = Int(level.start[p])
            let (x, y) = project(Double(level.lat[i]), Double(level.lon[i]))
            if x > area.x + 20, x < area.maxX - 20, y > area.y + 20, y < area.maxY - 20 { coast = (x, y); return }
        }
    }
    func label(on surface: Surface, area: PixelRect, viewport: MapViewport, project: (Double, Double) -> (Double, Double), taken: inout PixelMask) {
        inner.label(on: surface, area: area, viewport: viewport, project: project, taken: &taken)
    }
}

@Suite struct MapLayerExportTests {
    let store = exportStore()
    let dark = bundledTheme("dark")

    @Test func svgDrawsTheLayersLinesAndPlaceNamesUnderTheData() throws {
        let layer = try bundledLayer()
        let on = String(decoding: try ChartExport.render(coastState(store), store, theme: dark, format: .svg, width: 1600, height: 900, layer: layer), as: UTF8.self)
        var s = coastState(store)
        s.ui.mapLayer = false
        let off = String(decoding: try ChartExport.render(s, store, theme: dark, format: .svg, width: 1600, height: 900, layer: layer), as: UTF8.self)
        let lines = { (svg: String) in svg.components(separatedBy: "<polyline").count - 1 }
        #expect(lines(on) > lines(off) + 20, "the coast, borders and lakes are paths: \(lines(on)) vs \(lines(off))")
        #expect(on.contains(">Amsterdam<"), "a large place near the view's centre is named")
        #expect(!off.contains(">Amsterdam<"), "`g` off: no layer at all")
        #expect(on.contains(" km<"), "a scale bar")
        // Under the data: the layer's first path comes before the stations' dots.
        let color = ChartColors(dark).fg(.mapLayer).hex
        let firstLayer = try #require(on.range(of: "stroke=\"\(color)\"")?.lowerBound)
        let dot = "fill=\"\(ChartColors(dark).fg(.series(0)).opacity(0.9).hex)\""
        let stationDots = try #require(on.range(of: dot, options: .backwards))
        #expect(stationDots.lowerBound > firstLayer)
        // Rivers (the Rhine's mouths, the IJssel) as thin lines in the water colour, also under the data.
        let river = "stroke=\"\(ChartColors(dark).fg(.mapWater).hex)\" stroke-width=\"0.75\""
        #expect(on.components(separatedBy: river).count - 1 >= 3, "rivers in the water colour")
        #expect(!off.contains(river))
        #expect(try #require(on.range(of: river)).lowerBound < stationDots.lowerBound)
    }

    @Test func placeNamesNeverOverlapEachOther() throws {
        let layer = try bundledLayer()
        var s = coastState(store)
        s.settings.map.zoom = -9  // many places in view
        let svg = SVGSurface(width: 1600, height: 900)
        let colors = ChartColors(dark), geo = ChartGeometry(width: 1600, height: 900)
        let backdrop = MapLayerBackdrop(layer: layer, colors: colors, pixelsPerDot: geo.cw / 2, fontSize: geo.small)
        ViewPainter(s: s, store: store, colors: colors, geo: geo, surface: svg, backdrop: backdrop).draw()
        // Place names are the layer's label colour; measure each with the same font.
        let label = colors.fg(.mapLabel).hex
        let names = svg.document.components(separatedBy: "<text").dropFirst().filter { $0.contains("fill=\"\(label)\"") && !$0.contains(" km<") }
        #expect(names.count >= 5, "\(names.count) names")
        var boxes: [PixelRect] = []
        for t in names {
            func attr(_ a: String) -> Double? {
                guard let r = t.range(of: " \(a)=\"") else { return nil }
                return Double(t[r.upperBound...].prefix { $0 != "\"" })
            }
            let text = String(t[t.index(after: t.firstIndex(of: ">")!)...].prefix { $0 != "<" })
            let w = svg.textWidth(text, size: geo.small, bold: false)
            let x = try #require(attr("x")), y = try #require(attr("y"))
            let left = t.contains("text-anchor=\"end\"") ? x - w : x
            boxes.append(PixelRect(x: left, y: y - geo.small, width: w, height: geo.small * 1.1))
        }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] {
                let overlap = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
                #expect(!overlap, "\(a) and \(b) overlap")
            }
        }
    }

    @Test func pngShowsTheCoastWhereItIs() throws {
        let layer = try bundledLayer()
        let colors = ChartColors(dark), geo = ChartGeometry(width: 1600, height: 900)
        let probe = ProbeBackdrop(MapLayerBackdrop(layer: layer, colors: colors, pixelsPerDot: geo.cw / 2, fontSize: geo.small))
        let png = try ChartExport.render(coastState(store), store, theme: dark, format: .png, width: 1600, height: 900, backdrop: probe)
        let img = try #require(DecodedPNG(png))
        let (cx, cy) = try #require(probe.coast)
        let c = colors.fg(.mapLayer)
        let rgb = (Int(c.r * 255), Int(c.g * 255), Int(c.b * 255))
        let around = PixelRect(x: cx - 2, y: cy - 2, width: 5, height: 5)
        #expect(img.count(near: rgb, in: around, tolerance: 60) > 0, "the coast's colour at \(cx),\(cy)")
        // And the real layer through `layer:` colours many pixels of the map; off, none beyond the frame.
        let map = paneRect(.map, width: 1600, height: 900)
        let on = try #require(DecodedPNG(try ChartExport.render(coastState(store), store, theme: dark, format: .png, width: 1600, height: 900, layer: layer)))
        var s = coastState(store)
        s.ui.mapLayer = false
        let off = try #require(DecodedPNG(try ChartExport.render(s, store, theme: dark, format: .png, width: 1600, height: 900, layer: layer)))
        #expect(on.count(near: rgb, in: map, tolerance: 30) > off.count(near: rgb, in: map, tolerance: 30) + 500)
    }
}
