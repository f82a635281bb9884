/// The map pane and its heat-map.
public enum MapAction: Equatable, Sendable {
    /// Pans by a fraction of the visible extent (dx right, dy up).
    case pan(dx: Double, dy: Double)
    case zoom(by: Double)
    case reset
    case heatmapToggle
    case heatmapRadius(by: Int)
    case heatmapIntensity(by: Int)
    case heatmapCycleRamp
    /// Binds the heat-map to the series under the cursor, or back to the selected one.
    case heatmapBindToCursorSeries
    /// Shows or hides the map layer (a user preference, not part of the view).
    case layerToggle
    /// The map layer's file could not be used: the sentence saying why.
    case layerUnavailable(String)
    /// The map layer's file is being read (true) or has been read (false).
    case layerLoading(Bool)
    /// The user's remembered choice, read from the library after start.
    case layerPreferred(Bool)
}

func reduceMap(_ s: inout AppState, _ a: MapAction) {
    switch a {
    case let .pan(dx, dy):
        s.settings.map = MapPanning.pan(s.settings.map, dx: dx, dy: dy, bounds: s.positionBounds, size: MapPanning.mapPixels(s))
    case .zoom(let d):
        s.settings.map.zoom = max(MapPanning.minZoom(s), min(16, s.settings.map.zoom + d))
    case .reset:
        s.settings.map.centerLat = nil
        s.settings.map.centerLon = nil
        s.settings.map.zoom = 0
    case .heatmapToggle:
        s.settings.map.heatmap.enabled.toggle()
    case .heatmapRadius(let d):
        s.settings.map.heatmap.radius = max(0, min(10, s.settings.map.heatmap.radius + d))
    case .heatmapIntensity(let d):
        s.settings.map.heatmap.intensity = max(1, min(10, s.settings.map.heatmap.intensity + d))
    case .heatmapCycleRamp:
        s.settings.map.heatmap.ramp = s.settings.map.heatmap.ramp.next
    case .heatmapBindToCursorSeries:
        let id = s.cursorSeries?.id
        s.settings.map.heatmap.seriesID = s.settings.map.heatmap.seriesID == id ? nil : id
    case .layerToggle:
        if let why = s.ui.mapLayerProblem {
            s.ui.message = "map layer off: \(why)"
            return
        }
        s.ui.mapLayer.toggle()
        s.outbox.append(.saveMapLayer(on: s.ui.mapLayer))
        s.ui.message = "map layer \(s.ui.mapLayer ? "on" : "off") (remembered for you, not saved in sessions)"
    case .layerUnavailable(let why):
        s.ui.mapLayerLoading = false
        s.ui.mapLayerProblem = why
        s.ui.message = "map layer off: \(why)"
    case .layerLoading(let on):
        s.ui.mapLayerLoading = on
    case .layerPreferred(let on):
        s.ui.mapLayer = on
    }
}
