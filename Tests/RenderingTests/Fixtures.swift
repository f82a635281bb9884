import DataCore
import Foundation
import ViewCore
@testable import Rendering

/// A small deterministic data set: two stations, a daily cycle, positions.
func fixtureStore() -> MeasurementStore {
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

/// The first screen, as the viewer and `render` open it: the start view, then the data.
func fixtureState(_ store: MeasurementStore, width: Int, height: Int, start: StartView = .fresh) -> AppState {
    var s = reduce(AppState(), .app(.resize(width: width, height: height)))
    s = reduce(s, .data(.start(start)))
    return reduce(s, .data(.dataChanged(DataSummary(store), version: 1)))
}

/// Compares with a golden file in Golden/; `RECORD_GOLDEN=1` rewrites them after a deliberate change.
func matchesGolden(_ text: String, _ name: String, file: String = #filePath) -> Bool {
    let url = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else { return false }
    if expected == text + "\n" { return true }
    print("--- golden \(name) differs; got:\n\(text)")
    return false
}
