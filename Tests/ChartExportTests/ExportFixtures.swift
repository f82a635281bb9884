import CCairo
import DataCore
import Foundation
import Rendering
import Themes
import ViewCore
@testable import ChartExport

/// Two stations' PM10 with a daily cycle, a temperature, positions: a small fixed data set.
func exportStore() -> MeasurementStore {
    var csv = "time,station,phenomenon,value,unit,lat,lon\n"
    let t0: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
    for h in 0..<(24 * 4) {
        let t = TimeFormat.iso(t0 + Int64(h) * 3_600_000)
        let cycle = sin(Double(h % 24) / 24 * 2 * .pi)
        csv += "\(t),Centrum,PM10,\(String(format: "%.1f", 30 + 15 * cycle)),µg/m³,52.0907,5.1214\n"
        csv += "\(t),Zuilen,PM10,\(String(format: "%.1f", 20 + 8 * cycle + Double(h) / 10)),µg/m³,52.1100,5.1000\n"
        csv += "\(t),Centrum,temperature,\(String(format: "%.1f", 8 + 4 * cycle)),°C,52.0907,5.1214\n"
    }
    var store = try! CSVLoader.parse(Array(csv.utf8), fileName: "fixture.csv")
    store.finish()
    store.sourceName = "fixture.csv"
    return store
}

func exportState(_ store: MeasurementStore, selected: [String] = ["Centrum · PM10"]) -> AppState {
    var s = AppState()
    s = reduce(s, .app(.resize(width: 160, height: 45)))
    s = reduce(s, .data(.dataChanged(DataSummary(store), version: 1)))
    s.settings.series.selected = selected
    return s
}

func bundledTheme(_ name: String) -> Theme {
    try! ThemeLoader(environment: [:]).load(name)
}

/// A PNG decoded back through cairo's own reader.
struct DecodedPNG {
    let width: Int, height: Int
    private let pixels: [UInt32]

    init?(_ data: Data) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dv-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        guard (try? data.write(to: url)) != nil, let img = cairo_image_surface_create_from_png(url.path),
              cairo_surface_status(img) == CAIRO_STATUS_SUCCESS else { return nil }
        defer { cairo_surface_destroy(img) }
        cairo_surface_flush(img)
        width = Int(cairo_image_surface_get_width(img))
        height = Int(cairo_image_surface_get_height(img))
        let stride = Int(cairo_image_surface_get_stride(img))
        guard let base = cairo_image_surface_get_data(img) else { return nil }
        var px = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { px[y * width + x] = row[x] }
        }
        pixels = px
    }

    func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let p = pixels[y * width + x]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }

    /// Pixels in `r` within `tolerance` of a colour.
    func count(near c: (Int, Int, Int), in r: PixelRect, tolerance: Int = 40) -> Int {
        var n = 0
        for y in max(0, Int(r.y))..<min(height, Int(r.maxY)) {
            for x in max(0, Int(r.x))..<min(width, Int(r.maxX)) {
                let p = rgb(x, y)
                if abs(p.0 - c.0) + abs(p.1 - c.1) + abs(p.2 - c.2) <= tolerance { n += 1 }
            }
        }
        return n
    }

    func distinctColours(in r: PixelRect) -> Int {
        var seen = Set<Int>()
        for y in max(0, Int(r.y))..<min(height, Int(r.maxY)) {
            for x in max(0, Int(r.x))..<min(width, Int(r.maxX)) {
                let p = rgb(x, y)
                seen.insert(p.0 << 16 | p.1 << 8 | p.2)
            }
        }
        return seen.count
    }
}

/// A pane's rectangle in a picture of that size.
func paneRect(_ pane: Pane, width: Int, height: Int) -> PixelRect {
    let geo = ChartGeometry(width: width, height: height)
    return geo.rect(ScreenLayout(width: geo.cols, height: geo.rows).panes[pane]!)
}

func rgb(_ theme: Theme, _ role: ColorRole) -> (Int, Int, Int) { theme.colors(for: role).fg.rgb! }
