import Foundation
import Testing
@testable import DataCore

/// The compact store gives back exactly what was appended: 32-bit forms only where lossless.
@Suite("Compact columns")
struct CompactColumnTests {
    /// Decimal text as a file holds it, and the double the parser reads from it.
    static func parsed(_ text: String) -> Double { ByteParsers.parseDouble(text)! }

    @Test func shortDecimalsAre32BitAndReadBackEqualToTheirText() {
        var rng = SplitMix(state: 7)
        for digits in 0...4 {
            var texts: [String] = []
            for _ in 0..<5000 {
                let m = Int.random(in: -9_999_999...9_999_999, using: &rng)
                let whole = abs(m) / Int(pow(10, Double(digits))), frac = abs(m) % Int(pow(10, Double(digits)))
                let f = String(frac)
                let text = (m < 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + String(repeating: "0", count: digits - f.count) + f : "")
                texts.append(text)
            }
            let values = texts.map(Self.parsed)
            let c = ValueColumn(values)
            #expect(c.isCompact, "digits \(digits)")
            #expect(c.decimalDigits <= digits)
            #expect(c.byteCount < values.count * 8)  // 4 bytes each, and room to grow
            #expect(zip(c, values).allSatisfy { $0.bitPattern == $1.bitPattern }, "digits \(digits)")
        }
    }

    @Test(arguments: [
        ["0.1", "0.30000000000000004"],  // 17 significant digits: no 32-bit decimal
        ["1", "3000000000"],  // beyond 32 bits
        ["12.5", "0.0000000001"],  // ten fraction digits
        ["1.5", "-0"],  // -0 would read back as +0
        ["2000000000", "0.5"],  // a second digit would no longer fit
    ])
    func valuesNoShortDecimalHoldsAreKeptAsDoubles(texts: [String]) {
        let values = texts.map(Self.parsed)
        let c = ValueColumn(values)
        #expect(!c.isCompact)
        #expect(zip(c, values).allSatisfy { $0.bitPattern == $1.bitPattern })
        #expect(c.count == values.count)
    }

    @Test func moreFractionDigitsLaterRescaleWhatCameBefore() {
        let values = ["7", "2.5", "3.25", "-4.125", "100000"].map(Self.parsed)
        let c = ValueColumn(values)
        #expect(c.isCompact)
        #expect(c.decimalDigits == 3)
        #expect(Array(c) == values)
    }

    @Test func joiningPartsOfOtherScalesEqualsAppendingOneByOne() {
        let parts: [[Double]] = [[1, 2, 3], [0.25, 1.5], [12.125], [], [4], [2_000_000, 0.5], [1e-7]]
        var joined = ValueColumn(), oneByOne = ValueColumn()
        var all: [Double] = []
        for p in parts {
            joined.append(contentsOf: ValueColumn(p))
            for v in p { oneByOne.append(v) }
            all += p
            #expect(Array(joined) == all)
            #expect(joined.isCompact == oneByOne.isCompact)
        }
        #expect(!joined.isCompact)  // 2,000,000.5 and 1e-7 need more than 32 bits together
    }

    @Test func timesAre32BitOffsetsUntilABlockSpansMoreThan32Bits() {
        var rng = SplitMix(state: 3)
        var t: Int64 = 1_790_000_000_000
        var times: [Int64] = []
        for _ in 0..<10_000 { t += Int64.random(in: -5_000...600_000, using: &rng); times.append(t) }
        var c = TimeColumn(times)
        #expect(!c.isWide)
        #expect(c.byteCount < times.count * 8)  // 4 bytes each, and room to grow
        #expect(Array(c) == times)
        // A jump of 30 days inside a block: every time is then kept in full.
        times.append(t + 30 * 86_400_000)
        c.append(t + 30 * 86_400_000)
        #expect(c.isWide)
        #expect(Array(c) == times)
    }

    @Test func joiningTimeColumnsAtAnyLengthEqualsTheConcatenation() {
        for first in [0, 1, 255, 256, 257, 700] {
            let a = (0..<first).map { Int64($0) * 1000 }, b = (0..<300).map { 5_000_000 + Int64($0) * 7 }
            var c = TimeColumn(a)
            c.append(contentsOf: TimeColumn(b))
            #expect(Array(c) == a + b, "first part \(first)")
            // Appending goes on in the joined column's last block, from that block's base.
            let more = (1...300).map { 5_002_100 + Int64($0) * 3 }
            for t in more { c.append(t) }
            #expect(Array(c) == a + b + more, "first part \(first), then appended")
            #expect(!c.isWide)
            // A joined part that jumps 30 days within a block: every time is then kept in full.
            let month: Int64 = 30 * 86_400_000
            let far: [Int64] = [5_003_000, 5_003_000 + month, 5_003_000 + month + 1]
            let jumpAt = a.count + b.count + more.count + 1
            c.append(contentsOf: TimeColumn(far))
            #expect(Array(c) == a + b + more + far, "first part \(first), then a jump")
            #expect(c.isWide == (jumpAt & 255 != 0), "first part \(first): the jump lands in a block")
        }
    }

    @Test func aFixedStationsPositionIsHeldOnce() {
        var p = PositionColumn()
        for _ in 0..<1000 { p.append(52.1) }
        #expect(p.single == 52.1)
        #expect(p.byteCount == 0)
        #expect(p.count == 1000)
        p.append(repeating: .nan, count: 2)
        #expect(p.single == nil)
        #expect(p[1001].isNaN && p[999] == 52.1)
        var moved = PositionColumn([1, 2])
        moved.append(contentsOf: PositionColumn([3, 3]))
        #expect(Array(moved) == [1, 2, 3, 3])
    }

    @Test func aLoadedFileReadsBackTheValuesOfItsText() throws {
        var csv = "time,station,phenomenon,value,lat,lon\n"
        var texts: [String] = []
        var rng = SplitMix(state: 11)
        for i in 0..<3000 {
            let v = String(format: "%.2f", Double(Int.random(in: -100_000...100_000, using: &rng)) / 100)
            texts.append(v)
            csv += "2026-01-01T00:\(String(format: "%02d", i / 60 % 60)):\(String(format: "%02d", i % 60))Z,A,PM10,\(v),52.5,13.25\n"
        }
        let store = try CSVLoader.parse(Array(csv.utf8), fileName: "compact.csv")
        let c = try #require(store.column("A · PM10"))
        #expect(c.values.isCompact)
        #expect(zip(c.values, texts).allSatisfy { $0.bitPattern == Self.parsed($1).bitPattern })
        #expect(c.fixedPosition?.lat == 52.5 && c.fixedPosition?.lon == 13.25)
        // 10 fraction digits do not fit: that column is read into doubles, equal all the same.
        let wide = try CSVLoader.parse(Array("time,temp\n2026-01-01,1.0000000001\n2026-01-02,2\n".utf8), fileName: "w.csv")
        let w = try #require(wide.columns.first)
        #expect(!w.values.isCompact)
        #expect(Array(w.values) == [1.0000000001, 2])
    }

    @Test func aFinishedSeriesGivenEarlierMeasurementsIsSortedAgain() {
        var c = SeriesColumn()
        for t in [10, 20, 30] as [Int64] { c.append(time: t, value: Double(t)) }
        c.finish()
        var more = SeriesColumn()
        for t in [40, 5, 50] as [Int64] { more.append(time: t, value: Double(t)) }
        c.append(contentsOf: more)
        c.finish()
        #expect(Array(c.times) == [5, 10, 20, 30, 40, 50])
        #expect(Array(c.values) == [5, 10, 20, 30, 40, 50])
        // Only the boundary is out of order.
        var tail = SeriesColumn()
        tail.append(time: 1, value: 1)
        c.append(contentsOf: tail)
        c.finish()
        #expect(Array(c.times) == [1, 5, 10, 20, 30, 40, 50])
    }
}
