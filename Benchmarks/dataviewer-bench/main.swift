import DataCore
import Foundation
import Rendering
import ViewCore

// Release benchmarks. Usage: dataviewer-bench [rows]   (default 1,000,000)
// Prints load time, peak RSS and bytes per measurement, and first-frame time. No asserts.

func peakRSSBytes() -> Int {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Int(u.ru_maxrss) * 1024
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// A long CSV like a real network export: stations with positions, five phenomena, 10-minute steps.
func generate(rows: Int, to path: String) throws {
    let phenomena = [("PM10", "µg/m³"), ("PM2.5", "µg/m³"), ("NO2", "µg/m³"), ("temperature", "°C"), ("humidity", "%")]
    let stations = 100
    let steps = max(1, rows / (stations * phenomena.count))
    var out = "time,station,phenomenon,value,unit,lat,lon\n"
    out.reserveCapacity(rows * 70)
    var rng = SystemRandomNumberGenerator()
    let t0: Int64 = 1_790_000_000_000
    let handle = FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path)! : nil
    guard let handle else { throw CocoaError(.fileWriteUnknown) }
    var written = 0
    for step in 0..<steps {
        let t = TimeFormat.iso(t0 + Int64(step) * 600_000)
        for s in 0..<stations {
            let lat = 52.0 + Double(s % 10) * 0.01, lon = 5.0 + Double(s / 10) * 0.01
            for (p, unit) in phenomena {
                let v = Double(Int.random(in: 0..<10_000, using: &rng)) / 100
                out += "\(t),Station \(s),\(p),\(v),\(unit),\(lat),\(lon)\n"
                written += 1
            }
        }
        if out.utf8.count > 8 << 20 { handle.write(Data(out.utf8)); out = "" }
    }
    handle.write(Data(out.utf8))
    try handle.close()
}

let rows = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let path = NSTemporaryDirectory() + "dataviewer-bench-\(rows).csv"
if !FileManager.default.fileExists(atPath: path) {
    print("generating \(rows) rows into \(path) …")
    try generate(rows: rows, to: path)
}
let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
let rssBefore = peakRSSBytes()
let t0 = now()
let store = try CSVLoader.load(paths: [path])
let t1 = now()
var state = AppState()
state = reduce(state, .resize(width: 200, height: 60))
state = reduce(state, .dataChanged(catalog: store.series, range: store.timeRange, name: store.sourceName))
state = reduce(state, .selectDefaultSeries)
if let b = store.positionBounds {
    state = reduce(state, .positionsChanged(GeoBounds(minLat: b.minLat, maxLat: b.maxLat, minLon: b.minLon, maxLon: b.maxLon)))
}
let grid = Screen.render(state, store)
let t2 = now()
let n = store.measurementCount
let storeBytes = store.columns.reduce(0) { $0 + $1.times.capacity * 8 + $1.values.capacity * 8 + $1.lats.capacity * 4 + $1.lons.capacity * 4 }
let peak = peakRSSBytes()
print("file:                 \(fileSize / 1_000_000) MB, \(n) measurements, \(store.series.count) series, \(store.report.skippedTotal) skipped")
print(String(format: "load:                 %.3f s  (%.0f k measurements/s)", t1 - t0, Double(n) / (t1 - t0) / 1000))
print(String(format: "first frame (200x60): %.1f ms", (t2 - t1) * 1000))
print(String(format: "store:                %.1f bytes/measurement (%.1f MB)", Double(storeBytes) / Double(n), Double(storeBytes) / 1e6))
print(String(format: "peak RSS:             %.1f MB = %.1f bytes/measurement (before load %.1f MB)", Double(peak) / 1e6, Double(peak) / Double(n), Double(rssBefore) / 1e6))
_ = grid.width
