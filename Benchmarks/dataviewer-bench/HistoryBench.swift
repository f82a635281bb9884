import DataCore
import Foundation
import Rendering
import LibraryViews
import SessionLibrary
import ViewCore

/// A session at its limit of 100 versions: what a save into it costs (it records and trims a
/// version in the same transaction), and what `h` costs (read every version, summarise, draw).
func benchHistory() throws {
    let dir = NSTemporaryDirectory() + "dv-bench-h-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lib = try Library(path: dir + "/library.sqlite")
    func settings(_ i: Int) -> ViewSettings {
        var s = ViewSettings()
        s.series.selected = (0..<20).map { "Station \(($0 + i) % 40) · PM10" }
        s.thresholds = [Threshold(id: 1, scope: .phenomenon("PM10"), value: Double(40 + i % 20), label: "limit")]
        s.map.zoom = Double(i % 8)
        return s
    }
    let mark = DataWatermark(marks: (0..<20).map { .init(id: "Station \($0) · PM10", last: 1_790_000_000_000, count: 50_000) },
                             catalog: (0..<500).map { "Station \($0) · PM10" }, sources: ["/data/network.csv"])
    try lib.save(owner: "bench", name: "Busy", settings: settings(0), overwrite: false, watermark: mark)
    for i in 1..<100 { try lib.save(owner: "bench", name: "Busy", settings: settings(i), overwrite: true, watermark: mark) }
    print("== session history: one session at its 100 kept versions")
    var saves: [Double] = []
    for i in 100..<150 {
        let t0 = now()
        try lib.save(owner: "bench", name: "Busy", settings: settings(i), overwrite: true, watermark: mark)
        saves.append((now() - t0) * 1000)
    }
    let sv = percentiles(saves)
    print(String(format: "save (record + trim):  p50 %.2f ms   p99 %.2f ms", sv.p50, sv.p99))
    var state = AppState()
    state = reduce(state, .app(.resize(width: 200, height: 60)))
    let store = MeasurementStore()
    var opens: [Double] = []
    for _ in 0..<20 {
        let t0 = now()
        var h = HistoryDialog(name: "Busy")
        h.rows = HistoryDialog.rows(try lib.versions(owner: "bench", name: "Busy"))
        h.loading = false
        var s = state
        s.ui.overlays = [.sessionHistory(h)]
        _ = ViewRenderer.render(s, store)
        opens.append((now() - t0) * 1000)
    }
    let o = percentiles(opens)
    print(String(format: "h (read 100 + summarise + render): p50 %.2f ms   p99 %.2f ms", o.p50, o.p99))
    var reads: [Double] = []
    for _ in 0..<20 {
        let t0 = now()
        _ = try lib.versions(owner: "bench", name: "Busy")
        reads.append((now() - t0) * 1000)
    }
    let r = percentiles(reads)
    print(String(format: "  of which reading the 100 versions: p50 %.2f ms", r.p50))
    let versions = try lib.versions(owner: "bench", name: "Busy")
    var sums: [Double] = []
    for _ in 0..<20 {
        let t0 = now()
        _ = HistoryDialog.rows(versions)
        sums.append((now() - t0) * 1000)
    }
    print(String(format: "  of which summarising them (99 diffs): p50 %.2f ms", percentiles(sums).p50))
}
