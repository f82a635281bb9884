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

/// The first hour-mean frame at 100M measurements: 45 plotted series of 200,000 points each
/// reduced whole, on all cores at once as the plot does it. Each round made anew.
func benchBucketFrame(series: Int, points: Int) {
    var store = MeasurementStore()
    var x: UInt64 = 88172645463325252  // xorshift: the system's generator would take longer than the frames
    let start: Int64 = 1_767_225_600_000
    for k in 0..<series {
        let s = store.seriesIndex(for: SeriesInfo(id: "s\(k)", name: "s\(k)", phenomenon: "p", station: nil, unit: nil))
        for i in 0..<points { store.append(series: s, time: start + Int64(i) * 600_000, value: { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return Double(x % 10_000) / 100 }()) }
    }
    store.finish()
    let zone = ZoneTable.named("Europe/Berlin") ?? .utc
    var wall: [Double] = [], cpu: [Double] = []
    for round in 0..<15 {
        for k in 0..<series { store.append(series: k, time: start + Int64(points + round) * 600_000, value: 1) }
        store.finish()
        let cols = store.columns
        let t0 = now(), c0 = threadCPU()
        let serial = ProcessInfo.processInfo.environment["SERIAL"] != nil
        if serial { for k in 0..<series { precondition(cols[k].bucketColumn(width: 3_600_000, reduce: .mean, zone: zone).count > 0) } } else {
        DispatchQueue.concurrentPerform(iterations: series) { k in
            precondition(cols[k].bucketColumn(width: 3_600_000, reduce: .mean, zone: zone).count > 0)
        }
        }
        wall.append((now() - t0) * 1000)
        cpu.append((threadCPU() - c0) * 1000)
    }
    wall.sort(); cpu.sort()
    print(String(format: "hour means of %d series × %d points, all cores: median %.2f ms   min %.2f ms   (this thread's CPU median %.2f ms)",
                 series, points, wall[wall.count / 2], wall[0], cpu[cpu.count / 2]))
}
