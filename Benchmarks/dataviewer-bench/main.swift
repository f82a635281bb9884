import DataCore
import Foundation
import Rendering
import LibraryViews
import SessionLibrary
import ViewCore

// Release benchmarks; they print figures and assert nothing.
// Usage: dataviewer-bench [load|keys|phases|buckets|autosave|sessions|history|start|background|libkeys|team|all] [rows | seconds for team]   (default: all, 1,000,000 rows)
//   start:      start → first frame at 1M and 10M rows (or at [rows])
//   background: keystroke → frame while [rows] (default 10M) rows are read again
//   libkeys:    keystroke → frame with an autosave per key, SQLite vs team library, [rows] (default 1M)
//   keys:       ONLY=NAME (e.g. ONLY=heat-map) runs some of its key scripts (comma-separated), for profiling; FRAMES=1 prints every frame

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

func percentiles(_ xs: [Double]) -> (p50: Double, p99: Double, max: Double) {
    let s = xs.sorted()
    guard !s.isEmpty else { return (0, 0, 0) }
    return (s[s.count / 2], s[min(s.count - 1, Int(Double(s.count) * 0.99))], s.last!)
}

/// A long CSV like a real network export: stations with positions, five phenomena, 10-minute steps.
func generate(rows: Int, to path: String) throws {
    let phenomena = [("PM10", "µg/m³"), ("PM2.5", "µg/m³"), ("NO2", "µg/m³"), ("temperature", "°C"), ("humidity", "%")]
    let stations = 100
    let steps = max(1, rows / (stations * phenomena.count))
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
        throw CocoaError(.fileWriteUnknown)
    }
    var out = "time,station,phenomenon,value,unit,lat,lon\n"
    var rng = SystemRandomNumberGenerator()
    let t0: Int64 = 1_790_000_000_000
    for step in 0..<steps {
        let t = TimeFormat.iso(t0 + Int64(step) * 600_000)
        for s in 0..<stations {
            let lat = 52.0 + Double(s % 10) * 0.01, lon = 5.0 + Double(s / 10) * 0.01
            for (p, unit) in phenomena {
                let v = Double(Int.random(in: 0..<10_000, using: &rng)) / 100
                out += "\(t),Station \(s),\(p),\(v),\(unit),\(lat),\(lon)\n"
            }
        }
        if out.utf8.count > 8 << 20 { handle.write(Data(out.utf8)); out = "" }
    }
    handle.write(Data(out.utf8))
    try handle.close()
}

func dataFile(rows: Int) throws -> String {
    let path = NSTemporaryDirectory() + "dataviewer-bench-\(rows).csv"
    if !FileManager.default.fileExists(atPath: path) {
        print("generating \(rows) rows into \(path) …")
        try generate(rows: rows, to: path)
    }
    return path
}

/// The first screen, as the viewer and `render` open it: the start view, then the data.
func initialState(_ store: MeasurementStore, width: Int = 200, height: Int = 60) -> AppState {
    var state = reduce(AppState(), .app(.resize(width: width, height: height)))
    state = reduce(state, .data(.start(.fresh)))
    return reduce(state, .data(.dataChanged(DataSummary(store), version: 1)))
}

func benchLoad(rows: Int) throws -> MeasurementStore {
    let path = try dataFile(rows: rows)
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let rssBefore = peakRSSBytes()
    let t0 = now()
    let store = try CSVLoader.load(paths: [path])
    let t1 = now()
    let grid = ViewRenderer.render(initialState(store), store)
    let t2 = now()
    let n = store.measurementCount
    let storeBytes = store.columns.reduce(0) { $0 + $1.byteCount }
    let summaryBytes = store.columns.reduce(0) { $0 + $1.summary.byteCount }
    let peak = peakRSSBytes()
    print("== load: \(fileSize / 1_000_000) MB CSV, \(n) measurements, \(store.series.count) series, \(store.report.skippedTotal) skipped")
    print(String(format: "load time:            %.3f s  (%.0f k measurements/s)", t1 - t0, Double(n) / (t1 - t0) / 1000))
    print(String(format: "first frame 200x60:   %.1f ms", (t2 - t1) * 1000))
    print(String(format: "store:                %.1f bytes/measurement (%.1f MB, of which value summaries %.2f bytes/measurement)",
                 Double(storeBytes) / Double(n), Double(storeBytes) / 1e6, Double(summaryBytes) / Double(n)))
    print(String(format: "peak RSS:             %.1f MB = %.1f bytes/measurement (%.1f MB before loading)",
                 Double(peak) / 1e6, Double(peak) / Double(n), Double(rssBefore) / 1e6))
    _ = grid.width
    return store
}

/// The bundled map layer (read from the source checkout), and how long reading it takes.
func loadMapLayer() -> MapLayer {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("map-data/natural-earth.dvmap").path
    let t0 = now()
    do {
        let layer = try MapLayerFile.read(path: path)
        let points = layer.levels.reduce(0) { $0 + $1.lon.count }, pieces = layer.levels.reduce(0) { $0 + $1.start.count }
        print(String(format: "map layer read:       %.1f ms (%d levels, %d points in %d pieces, %d places)",
                     (now() - t0) * 1000, layer.levels.count, points, pieces, layer.places.count))
        return layer
    } catch {
        print("map layer: \(error) — the map figures below are without it")
        return .empty
    }
}

/// Keystroke → frame: key map + reducer + full render, headless, on the loaded data; then again
/// with the value summaries dropped (every frame reads raw points, as before they existed).
func benchKeys(_ store: MeasurementStore) {
    let layer = loadMapLayer()
    benchKeys(store, layer, label: "value summaries")
    // The raw-points reference takes tens of minutes at 100M rows (every frame visits every point).
    if store.measurementCount > 50_000_000 && ProcessInfo.processInfo.environment["RAW"] == nil {
        print("(raw points, no summaries: left out above 50M measurements; RAW=1 runs them)")
        return
    }
    var raw = store
    raw.dropSummaries()
    benchKeys(raw, layer, label: "raw points, no summaries")
}

func benchKeys(_ store: MeasurementStore, _ layer: MapLayer, label: String) {
    print("== keystroke → frame (key map + reduce + render 200x60), \(store.measurementCount) measurements, \(label), shown in Europe/Berlin")
    var state = initialState(store)
    // A zone with DST, as most viewers have: axis ticks, local-day buckets and labels all convert.
    state.ui.localZone = "Europe/Berlin"
    func press(_ k: Key) { for a in KeyMap.actions(for: .key(k), in: state) { state = reduce(state, a) } }
    // Select a few series first, so the plot has work to do.
    for _ in 0..<4 { press(.char("j")); press(.char(" ")) }
    // From the data's streets out to the whole earth and back, panning at every zoom: every
    // level of the map layer, with its culling, place names and the 1M points over it.
    let mapTour: [Key] = [.tab, .tab] + (0..<14).flatMap { _ in [Key.char("-"), .char("h"), .char("k"), .char("l"), .char("j")] }
        + (0..<14).flatMap { _ in [Key.char("+"), .char("l"), .char("j")] } + [.char("0"), .backTab, .backTab]
    let script: [(String, [Key])] = [
        ("toggle series", [.char("j"), .char(" ")]),
        ("zoom in/out", [.char("+"), .char("-")]),
        ("pan", [.char("+"), .char("<"), .char(">"), .char("0")]),
        ("aggregation", [.char("a")]),
        ("plot type", [.char("p")]),
        ("filter typing", [.char("/"), .char("s"), .char("t"), .backspace, .backspace, .escape]),
        ("heat-map", [.tab, .tab, .char("H"), .char("]"), .backTab, .backTab]),
        ("time zone", [.char("z")]),
        ("map + layer", mapTour),
        ("map, no layer", mapTour),
    ]
    var all: [Double] = [], allCPU: [Double] = []
    defer {
        let p = percentiles(all), c = percentiles(allCPU)
        print(String(format: "%-16@ p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d frames; CPU p50 %.2f, p99 %.2f ms)",
                     "all keys" as NSString, p.p50, p.p99, p.max, all.count, c.p50, c.p99))
    }
    for (name, keys) in script where ProcessInfo.processInfo.environment["ONLY"].map({ $0.split(separator: ",").contains(Substring(name)) }) ?? true {
        let layer = name == "map + layer" ? layer : .empty
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<(keys.count > 20 ? 6 : 40) {
            for k in keys {
                let t0 = now(), c0 = threadCPU()
                press(k)
                let g = ViewRenderer.render(state, store, layer: layer)
                times.append((now() - t0) * 1000)
                if ProcessInfo.processInfo.environment["FRAMES"] != nil { print(String(format: "  frame %.2f ms cpu %.2f  %@", times.last!, (threadCPU() - c0) * 1000, PlotModel.title(state) as NSString)) }
                cpu.append((threadCPU() - c0) * 1000)
                _ = g.width
            }
        }
        all += times
        allCPU += cpu
        let p = percentiles(times)

        // On a shared machine the wall time includes waiting for a core; the CPU time is the frame's own cost.
        let c = percentiles(cpu)
        print(String(format: "%-16@ p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d frames; CPU p50 %.2f, p99 %.2f ms)",
                     name as NSString, p.p50, p.p99, p.max, times.count, c.p50, c.p99))
        if name == "map + layer" {
            print(target("keystroke → frame p99 on map pan/zoom with the layer, \(store.measurementCount) rows, \(label)", p.p99, limit: 16))
        }
    }
}

func benchAutosave() throws {
    let dir = NSTemporaryDirectory() + "dv-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lib = try Library(path: dir + "/library.sqlite")
    var settings = ViewSettings()
    settings.series.selected = (0..<20).map { "Station \($0) · PM10" }
    settings.thresholds = (0..<5).map { Threshold(id: $0, scope: .phenomenon("PM10"), value: Double(40 + $0), label: "limit \($0)") }
    print("== autosave: settings document \(SettingsDocument.encode(settings).utf8.count) bytes, WAL")
    var times: [Double] = []
    for i in 0..<10_000 {
        settings.plot.zoomCounter(i)
        let t0 = now()
        _ = try lib.autosave(owner: "bench", dataKey: "/data/air.csv", settings: settings, sessionName: "S", savedSettings: nil,
                             place: ViewPlace(focus: .plot, cursor: i % 40))
        times.append((now() - t0) * 1000)
        if i % 200 == 199 { lib.checkpoint() }  // the viewer checkpoints when idle
    }
    let p = percentiles(times)
    print(String(format: "autosave write:       p50 %.3f ms   p99 %.3f ms   max %.3f ms   (%d writes)", p.p50, p.p99, p.max, times.count))
}

extension PlotSettings {
    mutating func zoomCounter(_ i: Int) { span = Int64(3_600_000 + i) }
}

func benchSessions() throws {
    let dir = NSTemporaryDirectory() + "dv-bench-s-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lib = try Library(path: dir + "/library.sqlite")
    var settings = ViewSettings()
    settings.series.selected = (0..<20).map { "Station \($0) · PM10" }
    let json = SettingsDocument.encode(settings)
    let words = ["smog", "winter", "noise", "traffic", "station", "bike", "north", "south", "weekly", "report"]
    for i in 0..<10_000 {
        try lib.importDocument(owner: "bench", name: "\(words[i % 10]) \(words[(i / 10) % 10]) \(i)", json: json)
    }
    print("== sessions dialog with 10,000 sessions (render 200x60)")
    var state = AppState()
    state = reduce(state, .app(.resize(width: 200, height: 60)))
    let store = MeasurementStore()
    var opens: [Double] = []
    for _ in 0..<20 {
        let t0 = now()
        var s = reduce(state, .sessions(.open))
        s.outbox = []
        let rows = try lib.summaries(owner: "bench").map { SessionRow(name: $0.name, shareable: $0.shareable, link: $0.link, updatedAt: $0.updatedAt) }
        s = reduce(s, .sessions(.listed(rows)))
        _ = ViewRenderer.render(s, store)
        opens.append((now() - t0) * 1000)
        state.ui = s.ui  // keep the dialog open for the filter run
        state.outbox = []
    }
    let o = percentiles(opens)
    print(String(format: "open (list+render):   p50 %.2f ms   p99 %.2f ms", o.p50, o.p99))
    var filters: [Double] = []
    for text in ["w", "wi", "win", "wint", "winte", "winter", "winter ", "winter s", "winter sm", "winter smo", "winter smog"] {
        let t0 = now()
        state = reduce(state, .sessions(.filter(text: text, active: true)))
        _ = ViewRenderer.render(state, store)
        filters.append((now() - t0) * 1000)
    }
    let f = percentiles(filters)
    print(String(format: "filter per keystroke: p50 %.2f ms   p99 %.2f ms", f.p50, f.p99))
}

let args = CommandLine.arguments.dropFirst()
let what = args.first { Int($0) == nil } ?? "all"
let rows = args.compactMap { Int($0) }.first ?? 1_000_000
if what == "load" || what == "keys" || what == "all" {
    let store = try benchLoad(rows: rows)
    if what != "load" { benchKeys(store) }
}
if what == "phases" {
    // Where a load's time goes, on one core, phase by phase (each includes the ones above it).
    let path = try dataFile(rows: rows)
    print("== load phases, one core, \(rows) rows (each line includes the ones above it)")
    var previous = 0.0
    for (i, p) in try LoadPhases.measure(path: path).enumerated() {
        let own = p.phase.hasPrefix("+") ? p.seconds - previous : p.seconds
        let label = p.phase.padding(toLength: 56, withPad: " ", startingAt: 0)
        print(label + String(format: " %7.3f s   (this phase %.3f s)", p.seconds, own))
        previous = i == 0 ? 0 : p.seconds
    }
}
if what == "buckets" {
    let points = args.compactMap { Int($0) }.first ?? 200_000
    if ProcessInfo.processInfo.environment["ONLY"] != "frame" { benchBuckets(points: points) }
    benchBucketFrame(series: 45, points: points)
}
if what == "autosave" || what == "all" { try benchAutosave() }
if what == "start" || what == "all" {
    print("== start → first frame")
    for n in args.compactMap({ Int($0) }).first.map({ [$0] }) ?? [1_000_000, 10_000_000] { try benchStart(rows: n) }
}
if what == "background" || what == "all" { try benchKeysDuringReload(rows: args.compactMap { Int($0) }.first ?? 10_000_000) }
if what == "libkeys" || what == "all" { try benchKeysWithLibrary(rows: args.compactMap { Int($0) }.first ?? 1_000_000) }
if what == "sessions" || what == "all" { try benchSessions() }
if what == "history" || what == "all" { try benchHistory() }
if what == "team" || what == "all" {
    let seconds = what == "team" ? Double(args.compactMap { Int($0) }.first ?? 60) : 60
    try benchTeam(seconds: seconds, history: true)
    try benchTeam(seconds: seconds, history: false)
}
