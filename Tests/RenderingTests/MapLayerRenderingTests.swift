import DataCore
import Foundation
import Testing
import ViewCore
@testable import Rendering

/// The bundled Natural Earth layer, read once for all tests.
let bundledMapLayer: MapLayer = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("map-data/natural-earth.dvmap")
    return try! MapLayerFile.read(path: url.path)
}()

/// The fixture's view with the map looking at (lat, lon) with a braille dot `dpp` degrees tall.
func mapState(lat: Double, lon: Double, dpp: Double, width: Int = 160, height: Int = 48, heat: Bool = false) -> (AppState, MeasurementStore) {
    let store = fixtureStore()
    var s = fixtureState(store, width: width, height: height)
    s = reduce(s, .app(.focus(.map)))
    s.settings.map.centerLat = lat
    s.settings.map.centerLon = lon
    s.settings.map.heatmap.enabled = heat
    let inner = ScreenLayout(width: width, height: height).panes[.map]!.inner
    let (pw, ph) = (inner.width * 2, (inner.height - 1) * 4)
    let atZero = MapViewport(s.settings.map, bounds: s.positionBounds!, pixelWidth: pw, pixelHeight: ph)
    s.settings.map.zoom = log2(atZero.degreesPerPixel / dpp)
    return (s, store)
}

/// The map pane's rows of a rendered screen.
func mapPaneText(_ g: CellGrid, _ s: AppState) -> String {
    let r = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.map]!
    return g.text.split(separator: "\n", omittingEmptySubsequences: false)[r.y..<r.y + r.height]
        .map { line in String(Array(line).dropFirst(r.x).prefix(r.width)) }.joined(separator: "\n")
}

@Suite struct MapLayerRenderingTests {
    @Test(arguments: [
        ("coastal-the-hague", 52.08, 4.30, 0.004),
        ("inland-basel", 47.56, 7.59, 0.003),
        ("country-netherlands", 52.2, 5.4, 0.03),
    ])
    func layerMatchesGolden(name: String, lat: Double, lon: Double, dpp: Double) {
        let (s, store) = mapState(lat: lat, lon: lon, dpp: dpp)
        let g = ViewRenderer.render(s, store, layer: bundledMapLayer)
        #expect(matchesGolden(mapPaneText(g, s), "map-layer-\(name)"))
    }
}

@Suite struct MapLayerRiverTests {
    /// Water cells of the map pane: the Rhine at Basel (most of it there is also the border, drawn
    /// over it), the Nieuwe Waterweg and the Lek near The Hague.
    @Test(arguments: [("Basel", 47.56, 7.59, 0.003, 3), ("The Hague", 52.0, 4.4, 0.004, 15), ("Utrecht", 52.0, 5.2, 0.03, 15)])
    func riversAreDrawnInTheWaterColour(place: String, lat: Double, lon: Double, dpp: Double, least: Int) {
        let (s, store) = mapState(lat: lat, lon: lon, dpp: dpp)
        let g = ViewRenderer.render(s, store, layer: bundledMapLayer)
        let r = ScreenLayout(width: s.ui.width, height: s.ui.height).panes[.map]!.inner
        var water = 0
        for y in r.y..<r.y + r.height { for x in r.x..<r.x + r.width where g[x, y].role == .mapWater { water += 1 } }
        #expect(water >= least, "\(water) water cells at \(place)")
    }

    @Test func onlyLakesAndRiversAreWater() {
        #expect(MapFeature.allCases.filter { MapLayerView.role($0) == .mapWater } == [.lake, .river])
    }
}

@Suite struct MapLayerPlacementTests {
    static let centres: [(Double, Double)] = [(52.2, 5.4), (47.4, 8.5), (48.85, 2.35), (35.7, 139.7), (40.7, -74.0), (0, 0), (30, 10), (-33.9, 18.4)]
    static let dpps: [Double] = [1.5, 0.6, 0.2, 0.08, 0.05, 0.02, 0.01, 0.005, 0.002, 0.0008, 0.0003]

    @Test func namesNeverOverlapEachOtherOrReservedCells() {
        var rng = SplitMix(seed: 7)
        var placedTotal = 0
        for (lat, lon) in Self.centres {
            for dpp in Self.dpps {
                let area = Rect(x: 3, y: 2, width: 90, height: 30)
                var grid = CellGrid(width: 100, height: 40)
                let viewport = testViewport(lat: lat, lon: lon, dpp: dpp)
                var mask = CellMask(width: area.width, height: area.height)
                var reserved: [(Int, Int)] = []
                for _ in 0..<60 {
                    let c = (Int(rng.next() % 90), Int(rng.next() % 30))
                    reserved.append(c)
                    mask.mark(x: c.0, y: c.1)
                }
                let rects = MapLayerView.labels(&grid, bundledMapLayer, viewport, area, reserved: &mask, unicode: true)
                placedTotal += rects.count
                for (i, a) in rects.enumerated() {
                    #expect(a.x >= area.x && a.x + a.width <= area.x + area.width && a.y >= area.y && a.y < area.y + area.height)
                    for b in rects[(i + 1)...] { #expect(!overlaps(a, b), "names overlap at \(lat),\(lon) dpp \(dpp)") }
                    for (x, y) in reserved { #expect(!a.contains(x: area.x + x, y: area.y + y), "a name covers data at \(lat),\(lon) dpp \(dpp)") }
                }
            }
        }
        #expect(placedTotal > 100)  // the test saw real crowds of names
    }

    @Test func largerPlacesAtLowZoomSmallerOnesCloser() {
        func names(dpp: Double) -> [String] {
            let v = testViewport(lat: 47.4, lon: 8.0, dpp: dpp)
            var grid = CellGrid(width: 90, height: 30)
            var mask = CellMask(width: 90, height: 30)
            let area = Rect(x: 0, y: 0, width: 90, height: 30)
            return MapLayerView.labels(&grid, bundledMapLayer, v, area, reserved: &mask, unicode: true).map { r in
                String(grid.text.split(separator: "\n", omittingEmptySubsequences: false)[r.y].dropFirst(r.x).prefix(r.width))
                    .trimmingCharacters(in: CharacterSet(charactersIn: "·"))
            }
        }
        let far = names(dpp: 0.05), near = names(dpp: 0.005)
        // Far out: capitals and the largest cities only (Zürich is not among Natural Earth's 110m places).
        #expect(far.contains("Bern") && far.contains("Geneva") && !far.contains("Zürich") && !far.contains("Liestal"), "\(far)")
        #expect(near.contains("Zürich") && near.contains("Liestal") && near.contains("Basel"), "\(near)")
    }

    /// Over the whole screen: every cell the data draws is still the data's with the layer on.
    @Test(arguments: [false, true])
    func theLayerNeverHidesData(heat: Bool) {
        for dpp in [0.00005, 0.0002, 0.002, 0.02] {
            let (s, store) = mapState(lat: 52.1, lon: 5.11, dpp: dpp, heat: heat)
            let without = ViewRenderer.render(s, store), with = ViewRenderer.render(s, store, layer: bundledMapLayer)
            var dataCells = 0
            for y in 0..<without.height {
                for x in 0..<without.width {
                    switch without[x, y].role {
                    case .series, .heat, .dim:
                        dataCells += 1
                        #expect(with[x, y] == without[x, y], "data at \(x),\(y) hidden at dpp \(dpp)")
                    default: break
                    }
                }
            }
            #expect(dataCells > 0)
        }
    }

    @Test func layerOffOrBrokenShowsNone() {
        let (on, store) = mapState(lat: 52.08, lon: 4.30, dpp: 0.004)
        var off = on
        off = reduce(off, .map(.layerToggle))
        #expect(off.ui.mapLayer == false)
        var broken = on
        broken = reduce(broken, .map(.layerUnavailable("the map layer file x is damaged (checksum mismatch)")))
        let bare = ViewRenderer.render(on, store)
        let drawnOn = ViewRenderer.render(on, store, layer: bundledMapLayer)
        #expect(roles(drawnOn).isSuperset(of: [.mapLayer, .mapWater, .mapLabel]))
        for s in [off, broken] {
            let g = ViewRenderer.render(s, store, layer: bundledMapLayer)
            #expect(roles(g).isDisjoint(with: [.mapLayer, .mapWater, .mapLabel]))
            #expect(mapPaneText(g, s) == mapPaneText(bare, on))
        }
        #expect(ViewRenderer.render(broken, store, layer: bundledMapLayer).text.contains("map layer off: the map layer file x is damaged"))
    }

    @Test func scaleBarLengthsAreRound() {
        #expect(MapLayerView.scaleLength(kmPerColumn: 1, maxColumns: 15)! == (10, 10))
        #expect(MapLayerView.scaleLength(kmPerColumn: 0.9, maxColumns: 15)! == (10, 11))
        #expect(MapLayerView.scaleLength(kmPerColumn: 30, maxColumns: 20)! == (500, 17))
        #expect(MapLayerView.scaleLength(kmPerColumn: 0.01, maxColumns: 20)! == (0.2, 20))
        #expect(MapLayerView.scaleLength(kmPerColumn: 0, maxColumns: 20) == nil)
        #expect(MapLayerView.formatKilometres(0.2) == "0.2 km" && MapLayerView.formatKilometres(500) == "500 km")
    }

    @Test func segmentsAreClippedToTheCanvas() {
        #expect(MapLayerView.clip(-10, 5, 10, 5, width: 8, height: 8).map { $0.0 } == 0)
        #expect(MapLayerView.clip(-10, -10, -5, -5, width: 8, height: 8) == nil)
        let c = MapLayerView.clip(4, 4, 4, 100, width: 8, height: 8)!
        #expect(c.1 == 4 && c.3 < 8 && c.3 > 7.9)
        // A line far off screen costs nothing and draws nothing.
        let v = testViewport(lat: 0.5, lon: 0.5, dpp: 1e-6)
        let layer = MapLayer(levels: [.init(minDegreesPerPixel: 0, lines: [.init(kind: .coastline, lon: [-170, 170], lat: [-80, 80])])], places: [])
        let canvas = MapLayerView.lines(layer, v, columns: 10, rows: 5)
        #expect((0..<5).allSatisfy { r in (0..<10).allSatisfy { !canvas.isSet(column: $0, row: r) } })
    }
}

func testViewport(lat: Double, lon: Double, dpp: Double) -> MapViewport {
    var m = MapSettings()
    m.centerLat = lat
    m.centerLon = lon
    var v = MapViewport(m, bounds: GeoBounds(minLat: lat, maxLat: lat, minLon: lon, maxLon: lon), pixelWidth: 180, pixelHeight: 120)
    v.degreesPerPixel = dpp
    return v
}

private func overlaps(_ a: Rect, _ b: Rect) -> Bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

private func roles(_ g: CellGrid) -> Set<ColorRole> {
    var out = Set<ColorRole>()
    for y in 0..<g.height { for x in 0..<g.width { out.insert(g[x, y].role) } }
    return out
}

/// A small seeded generator, so the reserved cells are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
