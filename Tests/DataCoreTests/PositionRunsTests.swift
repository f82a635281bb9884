import Foundation
import Testing
@testable import DataCore

@Suite struct PositionRunsTests {
    /// A station that moves twice, with rows without a position between.
    func moving() -> SeriesColumn {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        for k in 0..<300 {
            let t = 1_790_000_000_000 + Int64(k) * 60_000
            if (100..<120).contains(k) { store.append(series: i, time: t, value: Double(k)); continue }
            let lat: Float = k < 100 ? 52 : k < 200 ? 52.5 : 53
            store.append(series: i, time: t, value: Double(k), lat: lat, lon: 5)
        }
        store.finish()
        return store.columns[0]
    }

    @Test func stretchesStartWhereThePositionChanges() {
        let c = moving()
        #expect(c.positionRuns.usable(count: c.count))
        #expect(c.positionRuns.starts == [0, 100, 120, 200])
        var seen: [Range<Int>] = []
        c.positionRuns.forEach(in: 50..<210) { seen.append($0) }
        #expect(seen == [50..<100, 100..<120, 120..<200, 200..<210])
    }

    @Test func aSensorMovingEveryRowKeepsNoStretches() {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        for k in 0..<1000 { store.append(series: i, time: Int64(k), value: 1, lat: 52 + Float(k) / 1000, lon: 5) }
        store.finish()
        #expect(!store.columns[0].positionRuns.usable(count: 1000))
    }

    @Test func appendedRowsExtendTheStretches() {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        for k in 0..<100 { store.append(series: i, time: Int64(k), value: 1, lat: 52, lon: 5) }
        store.finish()
        for k in 100..<150 { store.append(series: i, time: Int64(k), value: 1, lat: k < 120 ? 52 : 51, lon: 5) }
        store.finish()
        #expect(store.columns[0].positionRuns.starts == [0, 120])
        #expect(store.columns[0].positionRuns.usable(count: 150))
    }

    @Test func extremesAndTotalsEqualAPlainWalk() {
        var rng = SplitMix(state: 7)
        let c = randomColumn(20_000, &rng)
        for _ in 0..<200 {
            let a = Int.random(in: 0..<c.count, using: &rng), b = Int.random(in: (a + 1)...c.count, using: &rng)
            let e = c.extremes(a..<b)
            #expect(e.min == c.values[a..<b].min()! && e.max == c.values[a..<b].max()!)
            let vr = 40.0...60.0
            let t = c.total(a..<b, within: vr)
            let plain = c.values[a..<b].filter { vr.contains($0) }
            #expect(t.count == plain.count)
            #expect(abs(t.sum - plain.reduce(0, +)) < 1e-6 * max(1, abs(t.sum)))
        }
    }

    /// Only tells something when the tests themselves run above the data threads' priority.
    @Test(.enabled(if: getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < BackgroundThread.niceness,
                   "the tests run at nice \(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)): already below the data threads"))
    func dataThreadsRunAtALowerPriority() async {
        let nice = await withCheckedContinuation { (done: CheckedContinuation<Int32, Never>) in
            BackgroundThread.run {
                errno = 0
                done.resume(returning: getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
            }
        }
        #expect(nice >= BackgroundThread.niceness)
        // The caller's thread keeps its own.
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < BackgroundThread.niceness)
    }
}
