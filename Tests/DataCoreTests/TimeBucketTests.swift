import Testing
@testable import DataCore

/// The fast paths of the time-bucket reduction against the plain forms they replace.
@Suite("Time buckets")
struct TimeBucketTests {
    @Test func floorMultipleIsTheIntegerFloor() {
        var rng = SplitMix(state: 11)
        for width: Int64 in [1, 7, 60_000, 3_600_000, 86_400_000] {
            let per = 1 / Double(width)
            var xs: [Int64] = [0, -1, 1, width, -width, width - 1, -width + 1, 1 << 62, -(1 << 62), 1 << 53, -(1 << 53)]
            for _ in 0..<20_000 { xs.append(Int64.random(in: -4_000_000_000_000...4_000_000_000_000, using: &rng)) }
            for x in xs {
                let want = x >= 0 ? x / width * width : ((x + 1) / width - 1) * width
                #expect(floorMultiple(x, of: width, reciprocal: per) == want, "\(x) per \(width)")
            }
        }
    }

    @Test func timeColumnFromAnArrayEqualsOneAppendAtATime() {
        var rng = SplitMix(state: 12)
        for wide in [false, true] {
            var ts: [Int64] = [], t: Int64 = 1_790_000_000_000
            for i in 0..<3_000 {
                t += Int64.random(in: 0...600_000, using: &rng)
                if wide && i == 2_000 { t += 40 * 86_400_000 }  // beyond a 32-bit offset within one block
                ts.append(t)
            }
            var appended = TimeColumn()
            for x in ts { appended.append(x) }
            let bulk = TimeColumn(ts)
            #expect(Array(bulk) == ts)
            #expect(bulk.isWide == appended.isWide)
            #expect(bulk.isWide == wide)
        }
        #expect(Array(TimeColumn([Int64]())) == [])
    }

    /// Hourly data in hour buckets, across the spring clock change of Berlin's 2026 (an hour that
    /// does not occur): the shared-values column equals the one reduced bucket by bucket, for
    /// every reduction. In autumn the repeated hour holds two measurements: no sharing there.
    @Test(.enabled(if: ZoneTable.named("Europe/Berlin") != nil, "needs the system's zone files"))
    func oneMeasurementPerBucketSharesTheValues() throws {
        let berlin = try #require(ZoneTable.named("Europe/Berlin"))
        var store = MeasurementStore()
        let s = store.seriesIndex(for: SeriesInfo(id: "h", name: "h", phenomenon: "p", station: nil, unit: nil))
        var rng = SplitMix(state: 13)
        let start: Int64 = 1_767_225_600_000  // 2026-01-01 00:00 UTC
        for h in 0..<(24 * 280) {
            store.append(series: s, time: start + Int64(h) * 3_600_000 + Int64.random(in: 0..<3_600_000, using: &rng),
                         value: Double(Int.random(in: 0...999, using: &rng)) / 10)
        }
        store.finish()
        let c = store.columns[0]
        for zone in [ZoneTable.utc, berlin] {
            let moved = try #require(c.oneBucketEach(width: 3_600_000, zone: zone))
            for reduce in [Reduction.mean, .min, .max] {
                var want: [(Int64, Double)] = []
                c.forEachBucket(0..<c.count, width: 3_600_000, reduce: reduce, valueRange: nil, zone: zone) { want.append(($0, $1)) }
                #expect(Array(moved.times) == want.map(\.0))
                #expect(Array(moved.values) == want.map(\.1))
            }
            #expect(moved.summary.stamp != c.summary.stamp)
            #expect(moved.summary.levels.count == c.summary.levels.count)
        }
        // Day buckets hold 24 measurements each: no sharing, the reduction does it.
        #expect(c.oneBucketEach(width: 86_400_000, zone: berlin) == nil)
        #expect(c.bucketColumn(width: 86_400_000, reduce: .max, zone: berlin).count == 281)  // 280 UTC days from 01:00 local
        // Through the autumn change the repeated local hour 02:00 gets two measurements.
        for h in (24 * 296)..<(24 * 299) { store.append(series: s, time: start + Int64(h) * 3_600_000, value: 1) }
        store.finish()
        #expect(store.columns[0].oneBucketEach(width: 3_600_000, zone: berlin) == nil)
        #expect(store.columns[0].oneBucketEach(width: 3_600_000, zone: .utc) != nil)
    }

    /// Compact values are reduced as scaled integers; full doubles one by one: the same results.
    /// Ten-minute data through both of Berlin's 2026 clock changes. Buckets shorter than the hour
    /// the clocks go back keep to the occurrence their points were read in: a minute's bucket is
    /// drawn 30 s after its point, never an hour earlier, and every bucket column ascends.
    @Test(.enabled(if: ZoneTable.named("Europe/Berlin") != nil, "needs the system's zone files"))
    func bucketsThroughTheClockChangesAscend() throws {
        let berlin = try #require(ZoneTable.named("Europe/Berlin"))
        var store = MeasurementStore()
        let s = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        // Two days around each change: 2026-03-29 01:00 UTC (clocks skip 02:00) and 2026-10-25 01:00 UTC (02:00 repeats).
        var points: [Int64] = []
        for around in [Int64(1_774_746_000_000), 1_792_890_000_000] {
            for k in -144..<144 { points.append(around + Int64(k) * 600_000) }
        }
        for (k, t) in points.enumerated() { store.append(series: s, time: t, value: Double(k % 17)) }
        store.finish()
        let c = store.columns[0]
        for width in [Int64(60_000), 600_000] {
            let shifted = points.map { $0 + width / 2 }
            var reduced: [Int64] = []
            c.forEachBucket(0..<c.count, width: width, reduce: .mean, valueRange: nil, zone: berlin) { t, _ in reduced.append(t) }
            #expect(reduced == shifted, "width \(width): reduction")
            #expect(Array(c.bucketColumn(width: width, reduce: .mean, zone: berlin).times) == shifted, "width \(width): column")
            #expect(Array(c.bucketColumn(width: width, reduce: .max, valueRange: 0...100, zone: berlin).times) == shifted, "width \(width): filtered")
        }
        for width in [Int64(900_000), 1_800_000, 3_600_000, 86_400_000] {
            let ts = Array(c.bucketColumn(width: width, reduce: .mean, zone: berlin).times)
            #expect(zip(ts, ts.dropFirst()).allSatisfy { $0.0 < $0.1 }, "width \(width) ascends")
        }
        // The repeated local hour 02:00 is one hour bucket holding both occurrences, drawn at the first's middle.
        var hours: [(Int64, Double)] = []
        c.forEachBucket(0..<c.count, width: 3_600_000, reduce: .max, valueRange: nil, zone: berlin) { hours.append(($0, $1)) }
        #expect(hours.contains { $0.0 == 1_792_891_800_000 - 3_600_000 })  // 02:30 CEST = 00:30 UTC
        #expect(!hours.contains { $0.0 == 1_792_891_800_000 })  // no second 02:30
    }

    @Test func scaledIntegerReductionEqualsTheDoubles() {
        var rng = SplitMix(state: 14)
        var store = MeasurementStore()
        let s = store.seriesIndex(for: SeriesInfo(id: "d", name: "d", phenomenon: "p", station: nil, unit: nil))
        var t: Int64 = 1_790_000_000_000
        for _ in 0..<30_000 {
            t += Int64.random(in: 1...400_000, using: &rng)
            store.append(series: s, time: t, value: Double(Int.random(in: -5_000...90_000, using: &rng)) / 100)
        }
        store.finish()
        let c = store.columns[0]
        #expect(c.values.isCompact)
        var full = c
        full.values = ValueColumn(doubles: Array(c.values))
        for width: Int64 in [600_000, 3_600_000, 86_400_000] {
            for reduce in [Reduction.min, .max, .mean] {
                var a: [(Int64, Double)] = [], b: [(Int64, Double)] = []
                c.forEachBucket(0..<c.count, width: width, reduce: reduce, valueRange: nil, zone: .utc) { a.append(($0, $1)) }
                full.forEachBucket(0..<full.count, width: width, reduce: reduce, valueRange: nil, zone: .utc) { b.append(($0, $1)) }
                #expect(a.map(\.0) == b.map(\.0))
                for (x, y) in zip(a, b) {
                    if reduce == .mean { #expect(abs(x.1 - y.1) <= 1e-12 * max(1, abs(y.1))) } else { #expect(x.1 == y.1) }
                }
            }
        }
    }

    /// The shortest step is kept by every finish: in order, after more rows, after a sort.
    @Test func shortestStepFollowsTheData() {
        var store = MeasurementStore()
        let s = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
        #expect(store.columns[0].shortestStep == 0, "unknown before a finish")
        store.append(series: s, time: 1_000, value: 1)
        store.finish()
        #expect(store.columns[0].shortestStep == .max, "one measurement has no step")
        for t: Int64 in [5_000, 12_000, 20_000] { store.append(series: s, time: t, value: 1) }
        store.finish()
        #expect(store.columns[0].shortestStep == 4_000)
        store.append(series: s, time: 21_500, value: 1)  // the step from the last old measurement
        store.finish()
        #expect(store.columns[0].shortestStep == 1_500)
        store.append(series: s, time: 4_900, value: 1)  // out of order: sorted, counted anew
        store.finish()
        #expect(store.columns[0].shortestStep == 100)
        store.append(series: s, time: 21_500, value: 2)  // a repeated time: two in every bucket
        store.finish()
        #expect(store.columns[0].shortestStep == 0)
    }

    /// Across the time column's blocks of 256, finished whole or in two goes, in order or not:
    /// the shortest step is the plain one of the sorted times.
    @Test func shortestStepAcrossBlocks() {
        var rng = SplitMix(state: 16)
        for round in 0..<200 {
            var times: [Int64] = []
            var t: Int64 = 1_790_000_000_000
            for _ in 0..<Int.random(in: 2...1_200, using: &rng) {
                t += Int64.random(in: 0...50_000, using: &rng) + (round % 4 == 0 ? 1_000 : 0)
                times.append(t)
            }
            if round % 3 == 0 {  // one pair out of order, often at a block's edge
                let i = [255, 256, 511, 512, Int.random(in: 1..<times.count, using: &rng)].randomElement(using: &rng)!
                if i < times.count { times.swapAt(i - 1, i) }
            }
            let split = round % 2 == 0 ? times.count : Int.random(in: 1...times.count, using: &rng)
            var store = MeasurementStore()
            let s = store.seriesIndex(for: SeriesInfo(id: "s", name: "s", phenomenon: "p", station: nil, unit: nil))
            for x in times[..<split] { store.append(series: s, time: x, value: 1) }
            store.finish()
            for x in times[split...] { store.append(series: s, time: x, value: 1) }
            store.finish()
            let sorted = times.sorted()
            let want = zip(sorted, sorted.dropFirst()).map { $0.1 - $0.0 }.min() ?? .max
            #expect(store.columns[0].shortestStep == want, "round \(round)")
        }
    }

    /// Whether every bucket holds one measurement is told without a pass (shortest step, then the
    /// neighbours at each change of offset); it must agree with the pass, and the moved times and
    /// windows with the column that pass makes. Steps just above and below a bucket, in zones with
    /// hour, half-hour and no clock changes, and a quarter-hour offset.
    @Test func movedTimesEqualTheOneEachColumn() {
        let zones = ["UTC", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu"].compactMap(ZoneTable.named)
        var rng = SplitMix(state: 14)
        var agreed = (one: 0, shared: 0, atTheChange: 0)
        for round in 0..<60 {
            let width: Int64 = [60_000, 600_000, 1_800_000, 3_600_000][round % 4]
            var c = SeriesColumn()
            // From the day before Berlin's clocks go back (2026-10-25 01:00 UTC).
            var t: Int64 = 1_792_800_000_000 + Int64.random(in: 0..<86_400_000, using: &rng)
            let least = width + Int64.random(in: -(width / 4)...(width / 4), using: &rng)
            for _ in 0..<4_000 {
                c.append(time: t, value: Double(Int.random(in: 0...500, using: &rng)) / 10)
                t += least + Int64.random(in: 0...(width * 3), using: &rng) * Int64(round % 3)
            }
            c.finish()
            for zone in zones {
                let column = c.oneBucketEach(width: width, zone: zone), holds = c.holdsOneEach(BucketClock(width: width, zone: zone, over: c))
                // A step shorter than a bucket may still leave one in each: then the pass decides.
                if c.shortestStep >= width { #expect(holds == (column != nil), "round \(round) \(zone.identifier)") }
                if holds { #expect(column != nil) }
                if c.shortestStep >= width && !holds { agreed.atTheChange += 1 }
                guard let column, holds else { agreed.shared += 1; continue }
                agreed.one += 1
                let clock = BucketClock(width: width, zone: zone, over: c)
                #expect(c.times.map(clock.middle) == Array(column.times), "round \(round) \(zone.identifier)")
                for _ in 0..<20 {
                    let a = c.times[0] + Int64.random(in: -width...(c.times[c.count - 1] - c.times[0]), using: &rng)
                    let range = a...(a + Int64.random(in: 0...(40 * width), using: &rng))
                    #expect(c.indices(in: range, movedBy: clock) == column.indices(in: range))
                }
            }
        }
        #expect(agreed.one > 50 && agreed.shared > 30 && agreed.atTheChange > 5, "every answer was tried: \(agreed)")
    }

    /// The one-pass reduction of short buckets against the search per bucket: bit for bit where a
    /// bucket holds fewer than a summary bucket's measurements, within float rounding (means only)
    /// where it holds more; through clock changes of an hour and of half an hour.
    @Test func onePassEqualsTheSearchPerBucket() {
        let zones = ["UTC", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu"].compactMap(ZoneTable.named)
        var rng = SplitMix(state: 15)
        var compared = 0, long = 0
        for round in 0..<24 {
            var c = SeriesColumn()
            // Around the autumn changes of Berlin (2026-10-25) and Lord Howe (2026-04-05).
            var t: Int64 = (round % 2 == 0 ? 1_792_850_000_000 : 1_775_300_000_000) + Int64.random(in: 0..<3_600_000, using: &rng)
            let step = [Int64(1_000), 30_000, 600_000][round % 3]
            for _ in 0..<6_000 {
                c.append(time: t, value: Double(Int.random(in: -500...5000, using: &rng)) / 100)
                t += Int64.random(in: 0...(2 * step), using: &rng)
            }
            c.finish()
            for zone in zones {
                for width in [Int64(60_000), 900_000, 3_600_000] {
                    for reduce in [Reduction.mean, .min, .max] {
                        var want: [(Int64, Double)] = [], got: [(Int64, Double)] = []
                        c.forEachBucket(0..<c.count, width: width, reduce: reduce, valueRange: nil, zone: zone) { want.append(($0, $1)) }
                        #expect(c.forEachSmallBucket(width: width, reduce: reduce, zone: zone) { got.append(($0, $1)) })
                        #expect(got.map(\.0) == want.map(\.0), "\(zone.identifier) \(width) \(reduce)")
                        // Each bucket's measurements: a run of neighbours in one local bucket.
                        let clock = BucketClock(width: width, zone: zone, over: c)
                        var sizes: [Int] = []
                        var previous = Int64.min
                        for k in 0..<c.count {
                            let b = clock.bucket(c.times[k])
                            if b == previous { sizes[sizes.count - 1] += 1 } else { sizes.append(1) }
                            previous = b
                        }
                        #expect(sizes.count == got.count)
                        // Written straight into arrays: the same buckets where they fit, none where
                        // one more comes than there are places (the column is then made by appending).
                        let written = c.smallBuckets(width: width, reduce: reduce, zone: zone, expected: got.count)
                        #expect(written?.0 == got.map(\.0) && written?.1 == got.map(\.1))
                        #expect(c.smallBuckets(width: width, reduce: reduce, zone: zone, expected: got.count - 1) == nil)
                        for (i, (w, g)) in zip(want, got).enumerated() {
                            if reduce != .mean || sizes[i] < ValueSummary.base {
                                #expect(w.1 == g.1, "\(zone.identifier) \(width) \(reduce): bucket \(i) of \(sizes[i])")
                            } else {
                                #expect(abs(w.1 - g.1) <= 1e-12 * max(1, abs(w.1)), "\(zone.identifier) \(width): bucket \(i)")
                                long += 1
                            }
                        }
                        compared += got.count
                    }
                }
            }
        }
        #expect(compared > 500_000 && long > 1_000, "\(compared) buckets, \(long) long")
    }
}
