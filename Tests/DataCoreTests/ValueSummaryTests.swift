import Testing
@testable import DataCore

/// A seeded generator, so every run sees the same "random" data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random walk with spikes, uneven steps, repeated times and gaps.
func randomColumn(_ n: Int, _ rng: inout SplitMix) -> SeriesColumn {
    var store = MeasurementStore()
    let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
    var t: Int64 = 1_790_000_000_000, v = 50.0
    for _ in 0..<n {
        let r = Int.random(in: 0..<100, using: &rng)
        t += r < 3 ? 0 : r < 5 ? Int64.random(in: 1...50_000_000, using: &rng) : Int64.random(in: 1...120_000, using: &rng)
        v += Double(Int.random(in: -300...300, using: &rng)) / 100
        let spike = Int.random(in: 0..<200, using: &rng) == 0 ? Double(Int.random(in: -80...80, using: &rng)) : 0
        store.append(series: i, time: t, value: v + spike)
    }
    store.finish()
    return store.columns[0]
}

/// Left-to-right statistics over raw values: what the summary must agree with.
func rawStatistics(_ c: SeriesColumn, _ range: ClosedRange<Int64>, _ vr: ClosedRange<Double>?) -> Statistics {
    var s = Statistics()
    for i in c.indices(in: range) where vr?.contains(c.values[i]) ?? true { s.add(c.values[i], at: c.times[i]) }
    return s
}

/// Two sums of the same n values in different orders: each is within (n-1)·u·Σ|v| of the exact
/// sum (recursive summation, u = 2^-53), so they are within twice that of each other.
func closeSum(_ a: Double, _ b: Double, absoluteSum: Double, count: Int) -> Bool {
    abs(a - b) <= 2 * Double(max(1, count)) * Double.ulpOfOne / 2 * absoluteSum
}

@Suite struct ValueSummaryTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 4096, 50_001])
    func statisticsFromTheSummaryEqualStatisticsFromRawValues(n: Int) {
        var rng = SplitMix(state: UInt64(n) + 7)
        let c = randomColumn(n, &rng)
        #expect(c.summary.covered == n / 64 * 64)
        guard let first = c.times.first, let last = c.times.last else {
            #expect(c.statistics(in: 0...Int64.max) == Statistics())
            return
        }
        for _ in 0..<60 {
            let a = Int64.random(in: first - 1000...last, using: &rng)
            let b = Int64.random(in: a...last + 1000, using: &rng)
            let vr: ClosedRange<Double>? = Bool.random(using: &rng) ? nil : {
                let lo = Double(Int.random(in: -50...100, using: &rng)); return lo...(lo + Double(Int.random(in: 0...80, using: &rng)))
            }()
            let s = c.statistics(in: a...b, valueRange: vr), r = rawStatistics(c, a...b, vr)
            #expect(s.count == r.count)
            #expect(s.min == r.min)
            #expect(s.max == r.max)
            #expect(s.last == r.last)
            #expect(s.lastTime == r.lastTime)
            let abs = c.indices(in: a...b).reduce(0.0) { $0 + Swift.abs(c.values[$1]) }
            #expect(closeSum(s.sum, r.sum, absoluteSum: abs, count: r.count), "sum \(s.sum) vs \(r.sum)")
        }
    }

    @Test func timeBucketsFromTheSummaryEqualBucketsFromRawValues() {
        var rng = SplitMix(state: 42)
        let c = randomColumn(40_000, &rng)
        for width: Int64 in [60_000, 3_600_000, 86_400_000] {
            for reduce in [Reduction.min, .max, .mean] {
                for vr: ClosedRange<Double>? in [nil, 40...70] {
                    let range = c.times[100]...c.times[39_000]
                    let got = c.buckets(in: range, width: width, reduce: reduce, valueRange: vr)
                    // Reference: the same bucketing, one raw value at a time.
                    var want: [(Int64, Double)] = [], cur = Int64.min, acc = Statistics()
                    func flush() {
                        guard acc.count > 0 else { return }
                        want.append((cur + width / 2, reduce == .min ? acc.min : reduce == .max ? acc.max : acc.sum / Double(acc.count)))
                    }
                    for i in c.indices(in: range) where vr?.contains(c.values[i]) ?? true {
                        let b = c.times[i] / width * width
                        if b != cur { flush(); cur = b; acc = Statistics() }
                        acc.add(c.values[i], at: c.times[i])
                    }
                    flush()
                    #expect(got.count == want.count)
                    for (g, w) in zip(got, want) {
                        #expect(g.time == w.0)
                        if reduce == .mean { #expect(abs(g.value - w.1) <= 1e-12 * max(1, abs(w.1))) } else { #expect(g.value == w.1) }
                    }
                }
            }
        }
    }

    @Test(.enabled(if: ZoneTable.named("Europe/Berlin") != nil, "needs the system's zone files"))
    func localTimeBucketsAcrossClockChangesEqualRawBuckets() throws {
        let berlin = try #require(ZoneTable.named("Europe/Berlin"))
        var rng = SplitMix(state: 5)
        // Ten-second steps through the autumn clock change of 2026 (25 October, 03:00 CEST).
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        var t: Int64 = 1_792_800_000_000
        for _ in 0..<60_000 {
            t += Int64.random(in: 1...20_000, using: &rng)
            store.append(series: i, time: t, value: Double(Int.random(in: 0...10_000, using: &rng)) / 100)
        }
        store.finish()
        var raw = store
        raw.dropSummaries()
        let c = store.columns[0], r = raw.columns[0]
        #expect(berlin.transitions(in: c.times.first!...c.times.last!).count >= 1)
        for width: Int64 in [60_000, 3_600_000, 86_400_000] {
            for reduce in [Reduction.min, .max, .mean] {
                let got = c.buckets(in: c.times.first!...c.times.last!, width: width, reduce: reduce, zone: berlin)
                let want = r.buckets(in: r.times.first!...r.times.last!, width: width, reduce: reduce, zone: berlin)
                #expect(got.map(\.time) == want.map(\.time))
                for (g, w) in zip(got, want) {
                    if reduce == .mean { #expect(abs(g.value - w.value) <= 1e-12 * max(1, abs(w.value))) } else { #expect(g.value == w.value) }
                }
            }
        }
    }

    @Test func appendedRowsExtendTheSummaryAsIfBuiltOnce() {
        var rng = SplitMix(state: 3)
        let whole = randomColumn(10_000, &rng)
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        var k = 0
        for chunk in [1, 70, 500, 129, 3000, 6300] {
            for j in k..<(k + chunk) { store.append(series: i, time: whole.times[j], value: whole.values[j]) }
            k += chunk
            store.finish()
            #expect(store.columns[0].summary.covered == k / 64 * 64)
        }
        #expect(store.columns[0].summary.levels == whole.summary.levels)
    }

    @Test func rowsArrivingOutOfOrderRebuildTheSummary() {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        for j in 0..<200 { store.append(series: i, time: Int64(1000 + j), value: Double(j)) }
        store.finish()
        for j in 0..<100 { store.append(series: i, time: Int64(j), value: -Double(j)) }  // older than all before
        store.finish()
        let c = store.columns[0]
        #expect(Array(c.times) == c.times.sorted())
        var fresh = ValueSummary()
        fresh.extend(c.values)
        #expect(c.summary.levels == fresh.levels)
        #expect(c.statistics(in: 0...Int64.max) == rawStatistics(c, 0...Int64.max, nil))
    }

    @Test func aScanOfAWholeLongSeriesReadsFewBuckets() {
        var rng = SplitMix(state: 9)
        let c = randomColumn(100_000, &rng)
        var pieces = 0, total = 0
        c.scan(0..<c.count, { _ in .take }) { r in pieces += 1; total += r.count }
        #expect(total == c.count)
        #expect(pieces < 100)
        var single = 0
        c.scan(0..<c.count, { _ in .split }) { r in single += r.isSingle ? 1 : 0 }
        #expect(single == c.count)
    }
}

/// A bucket column asked for again comes from the memo, and is what a fresh reduction of the
/// whole series gives; a column that changed is reduced again.
@Suite struct BucketMemoTests {
    static func points(_ c: SeriesColumn) -> [(Int64, Double)] { (0..<c.count).map { (c.times[$0], c.values[$0]) } }

    @Test func aRepeatedRequestGivesWhatAFreshReductionGives() {
        var rng = SplitMix(state: 11)
        let c = randomColumn(20_000, &rng)
        let all = c.times[0]...c.times[c.count - 1]
        let zone = ZoneTable.named("Europe/Berlin") ?? .utc
        for width: Int64 in [60_000, 3_600_000, 86_400_000] {
            for vr: ClosedRange<Double>? in [nil, 40...60] {
                let first = c.bucketColumn(width: width, reduce: .mean, valueRange: vr, zone: zone)
                let again = c.bucketColumn(width: width, reduce: .mean, valueRange: vr, zone: zone)
                var fresh = c
                fresh.finish()  // a new stamp: not in the memo
                let direct = fresh.bucketColumn(width: width, reduce: .mean, valueRange: vr, zone: zone)
                let listed = c.buckets(in: all, width: width, reduce: .mean, valueRange: vr, zone: zone)
                #expect(first == again && first == direct)
                #expect(Self.points(first).elementsEqual(listed) { $0.0 == $1.time && $0.1 == $1.value })
                // Read as data, with a summary of its own: a window of it reads from whole buckets.
                #expect(first.summary.covered == (first.count >> ValueSummary.baseShift) << ValueSummary.baseShift)
            }
        }
    }

    @Test func aChangedColumnIsReducedAgain() {
        var store = MeasurementStore()
        let i = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        for k in 0..<200 { store.append(series: i, time: Int64(k) * 60_000, value: 1) }
        store.finish()
        #expect(store.columns[0].bucketColumn(width: 3_600_000, reduce: .max).values.map { $0 } == [1, 1, 1, 1])
        for k in 200..<260 { store.append(series: i, time: Int64(k) * 60_000, value: 9) }
        store.finish()
        #expect(store.columns[0].bucketColumn(width: 3_600_000, reduce: .max).values.map { $0 } == [1, 1, 1, 9, 9])
    }
}
