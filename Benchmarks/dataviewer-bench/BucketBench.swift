import DataCore
import Foundation

/// The first aggregated frame of a long series reduces it whole: the time to make one series'
/// minute, hour and day bucket columns (10-minute data, as the load benchmark writes), in UTC and
/// in a zone with clock changes. Each made anew (a fresh summary stamp, so the memo cannot answer).
func benchBuckets(points: Int) {
    let zones = [ZoneTable.utc] + [ZoneTable.named("Europe/Berlin")].compactMap { $0 }
    print("== bucket columns: one series of \(points) points, 10-minute steps, each column made 15 times (median, min)")
    var store = MeasurementStore()
    let s = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
    var rng = SystemRandomNumberGenerator()
    let start: Int64 = 1_767_225_600_000
    for i in 0..<points { store.append(series: s, time: start + Int64(i) * 600_000, value: Double(Int.random(in: 0...9999, using: &rng)) / 100) }
    store.finish()
    for zone in zones {
        for (name, width) in [("minute", Int64(60_000)), ("hour", 3_600_000), ("day", 86_400_000)] {
            var times: [Double] = []
            for _ in 0..<15 {
                // One more point restamps the summary: the next column is made, not remembered.
                store.append(series: s, time: start + Int64(points + times.count) * 600_000, value: 1)
                store.finish()
                let c = store.columns[0]
                let t0 = now()
                let b = c.bucketColumn(width: width, reduce: .mean, zone: zone)
                times.append((now() - t0) * 1000)
                precondition(b.count > 0)
            }
            times.sort()
            print(String(format: "%-14@ %-7@ median %7.2f ms   min %7.2f ms   (%.1f ns a point)", zone.identifier as NSString, name as NSString,
                         times[times.count / 2], times[0], times[0] * 1e6 / Double(points)))
        }
    }
}
