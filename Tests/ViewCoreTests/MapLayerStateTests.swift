import Foundation
import Testing
@testable import ViewCore

@Suite struct MapLayerStateTests {
    func onMap() -> AppState {
        var s = loaded()
        var data = DataSummary(catalog: s.catalog, range: s.dataRange, name: s.dataName)
        data.bounds = GeoBounds(minLat: 52.09, maxLat: 52.11, minLon: 5.10, maxLon: 5.12)
        s = reduce(s, .data(.dataChanged(data, version: 2)))
        s = reduce(s, .app(.resize(width: 160, height: 48)))
        return reduce(s, .app(.focus(.map)))
    }

    @Test func gInTheMapPaneTogglesTheLayerAndRemembersItForTheUser() {
        var s = onMap()
        let before = s
        #expect(s.ui.mapLayer)
        #expect(KeyMap.actions(for: .key(.char("g")), in: s) == [.map(.layerToggle)])
        s = reduce(s, .map(.layerToggle))
        #expect(!s.ui.mapLayer && s.outbox == [.saveMapLayer(on: false)])
        #expect(s.ui.message?.hasPrefix("map layer off") == true)
        // A preference, not part of the view: sessions and undo never see it.
        #expect(s.settings == before.settings && s.history == before.history)
        s.outbox = []
        s = reduce(s, .map(.layerToggle))
        #expect(s.ui.mapLayer && s.outbox == [.saveMapLayer(on: true)])
    }

    @Test func gElsewhereKeepsItsMeaning() {
        var s = onMap()
        s = reduce(s, .app(.focus(.series)))
        #expect(KeyMap.actions(for: .key(.char("g")), in: s) == [.series(.cursorTo(0))])
    }

    @Test func anUnusableLayerSaysWhyAndTheChoiceStays() {
        var s = reduce(onMap(), .map(.layerUnavailable("the map layer file /x cannot be read")))
        #expect(s.ui.message == "map layer off: the map layer file /x cannot be read")
        s = reduce(s, .app(.setMessage(nil)))
        s = reduce(s, .map(.layerToggle))
        #expect(s.ui.mapLayer && s.outbox.isEmpty)
        #expect(s.ui.message == "map layer off: the map layer file /x cannot be read")
    }

    @Test func whileTheLayerIsReadTheMapPaneSaysSo() {
        var s = reduce(onMap(), .map(.layerLoading(true)))
        #expect(s.ui.mapLayerLoading)
        s = reduce(s, .map(.layerLoading(false)))
        #expect(!s.ui.mapLayerLoading)
        s = reduce(reduce(s, .map(.layerLoading(true))), .map(.layerUnavailable("the map layer file /x cannot be read")))
        #expect(!s.ui.mapLayerLoading)
    }

    @Test func zoomingOutStopsAtTheWholeEarth() {
        var s = onMap()
        for _ in 0..<40 { s = reduce(s, .map(.zoom(by: -1))) }
        let (pw, ph) = MapPanning.mapPixels(s)
        let v = MapViewport(s.settings.map, bounds: s.positionBounds!, pixelWidth: pw, pixelHeight: ph)
        #expect(v.degreesPerPixel * Double(ph) <= 180)
        #expect(v.degreesPerPixel * Double(ph) > 45)  // far enough out to see a continent
        #expect(s.settings.map.zoom < -2)
    }

    @Test func projectionRoundTripsAndMeasures() {
        var m = MapSettings()
        m.centerLat = 60
        m.centerLon = 10
        let v = MapViewport(m, bounds: GeoBounds(minLat: 59, maxLat: 61, minLon: 9, maxLon: 11), pixelWidth: 200, pixelHeight: 100)
        let (cx, cy) = v.point(lat: 60, lon: 10, pw: 200, ph: 100)
        #expect(cx == 100 && cy == 50)
        // At 60° a degree of longitude is half as wide as one of latitude.
        let (ex, _) = v.point(lat: 60, lon: 11, pw: 200, ph: 100), (_, ny) = v.point(lat: 61, lon: 10, pw: 200, ph: 100)
        #expect(abs((ex - 100) * 2 - (50 - ny)) < 0.02)
        for (lat, lon) in [(59.5, 9.25), (60.7, 10.9), (60, 10)] {
            let (x, y) = v.point(lat: lat, lon: lon, pw: 200, ph: 100)
            let back = v.position(x: x, y: y, pw: 200, ph: 100)
            #expect(abs(back.lat - lat) < 1e-9 && abs(back.lon - lon) < 1e-9)
        }
        #expect(abs(v.kilometresPerPixel - v.degreesPerPixel * 111.32) < 1e-12)
        #expect(v.pixel(lat: 60, lon: 10, pw: 200, ph: 100) == (100, 50))
    }
}
