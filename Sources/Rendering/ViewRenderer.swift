import DataCore
import ViewCore

/// The whole view, drawn from state and data. Pure: same inputs, same cells.
public enum ViewRenderer {
    public static let minWidth = 40
    public static let minHeight = 12

    public static func render(_ s: AppState, _ store: MeasurementStore, layer: MapLayer = .empty) -> CellGrid {
        var grid = CellGrid(width: s.ui.width, height: s.ui.height)
        guard s.ui.width >= minWidth, s.ui.height >= minHeight else {
            let msg = "Terminal too small: \(s.ui.width)×\(s.ui.height), needs \(minWidth)×\(minHeight)"
            for (k, line) in [msg, "(q quits)"].enumerated() {
                grid.put(line, x: 0, y: k, role: .warning)
            }
            return grid
        }
        let layout = ScreenLayout(width: s.ui.width, height: s.ui.height)
        Chrome.titleBar(&grid, s, layout.title)
        SeriesPaneView.draw(&grid, s, layout.panes[.series]!)
        PlotPaneView.draw(&grid, s, store, layout.panes[.plot]!)
        MapPaneView.draw(&grid, s, store, layout.panes[.map]!, layer: layer)
        DashboardView.draw(&grid, s, store, layout.panes[.dashboard]!)
        for o in s.ui.overlays { OverlayView.draw(&grid, s, o) }
        Chrome.statusLine(&grid, s, layout.status)
        if !s.ui.unicode { AsciiFallback.apply(&grid) }
        return grid
    }
}
