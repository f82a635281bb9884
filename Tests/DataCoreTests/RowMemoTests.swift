import Foundation
import Testing
@testable import DataCore

/// The row loop reuses what an earlier row read from the same bytes (time, position, series key):
/// whatever the order of repeats and changes, a file reads as if every cell were read afresh.
@Suite("Row memo: repeated cells")
struct RowMemoTests {
    /// Quoted and unquoted key cells: the same text is one series, different text never is.
    @Test func keyCellsSplitAndUnquoteAlike() throws {
        let s = try parsed(#"""
            time,station,phenomenon,value
            2024-01-01T00:00:00Z,"Station 1",PM10,1
            2024-01-01T00:00:00Z,Station 1",PM10,2
            2024-01-01T00:00:00Z,Station 1,"PM10",3
            2024-01-01T00:00:00Z,Station 1,PM10,4
            2024-01-01T00:00:00Z,Station 1,"PM10""",5
            2024-01-01T00:00:00Z, Station 1 ,PM10,6
            2024-01-01T00:00:00Z,Station 1,"PM10""",7

            """#)
        #expect(s.seriesIDs.sorted() == ["Station 1 · PM10", "Station 1 · PM10\"", "Station 1\" · PM10"])
        #expect(s.column("Station 1 · PM10")?.values == [1, 3, 4, 6])
        #expect(s.column("Station 1\" · PM10")?.values == [2])
        #expect(s.column("Station 1 · PM10\"")?.values == [5, 7])
    }

    /// Random long rows: a few moments, fixed stations and one that moves, repeats and changes
    /// in every order; each series' times, values and positions are what its rows said. Large
    /// enough to be parsed in several parts on several threads.
    @Test func repeatedTimesPositionsAndKeysReadAsWritten() throws {
        var rng = SplitMix(state: 20_261_202)
        let moments = (0..<6).map { h in (text: String(format: "2024-03-05T%02d:00:00Z", h), ms: utc(2024, 3, 5, h)) }
        let fixed: [(String, String, String)] = [("A", "52.1", "5.1"), ("B", "52.2", "5.2"), ("C", "52.100", "5.1"), ("D", "52.1", "5.3")]
        var text = "time,station,phenomenon,value,lat,lon\n"
        var expected: [String: [(Int64, Double, Float, Float)]] = [:]
        var row = 0
        while text.utf8.count < 9 << 20 {
            let m = moments[Int(rng.next() % UInt64(moments.count))]
            let moving = rng.next() % 4 == 0
            let station: String, lat: String, lon: String
            if moving {
                station = "Bike"
                lat = String(format: "%.4f", 51 + Double(rng.next() % 1000) / 1000)
                lon = String(format: "%.4f", 4 + Double(rng.next() % 1000) / 1000)
            } else {
                (station, lat, lon) = fixed[Int(rng.next() % UInt64(fixed.count))]
            }
            let phen = rng.next() % 2 == 0 ? "PM10" : "NO2"
            let value = Double(row % 1000) / 10
            text += "\(m.text),\(station),\(phen),\(value),\(lat),\(lon)\n"
            expected["\(station) · \(phen)", default: []].append((m.ms, value, Float(Double(lat)!), Float(Double(lon)!)))
            row += 1
        }
        let path = Fixture.write(Array(text.utf8), name: "memo.csv")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.measurementCount == row)
        #expect(Set(s.seriesIDs) == Set(expected.keys))
        for (id, rows) in expected {
            // The store sorts each series by time, keeping file order among equal times.
            let want = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
            let c = try #require(s.column(id))
            #expect(Array(c.times) == want.map(\.0), "\(id) times")
            #expect(Array(c.values) == want.map(\.1), "\(id) values")
            let lats = (0..<c.count).map { c.lats.single ?? c.lats[$0] }, lons = (0..<c.count).map { c.lons.single ?? c.lons[$0] }
            #expect(lats == want.map(\.2), "\(id) latitudes")
            #expect(lons == want.map(\.3), "\(id) longitudes")
        }
    }
}
