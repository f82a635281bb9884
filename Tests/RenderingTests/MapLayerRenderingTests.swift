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
    s = reduce(s, .focus(.map))
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
        let g = Screen.render(s, store, layer: bundledMapLayer)
        #expect(matchesGolden(mapPaneText(g, s), "map-layer-\(name)"))
    }
}
