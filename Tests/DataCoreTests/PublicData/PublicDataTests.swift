import Foundation
import Testing
@testable import DataCore

/// Files nobody on this project wrote (excerpts from PyPI packages, see SOURCES.md).
@Suite("Public data files from PyPI packages")
struct PublicDataTests {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name).path
    }

    @Test func tmy3WithStationLineUSDatesAnd2400() throws {
        let s = try CSVLoader.load(paths: [Self.path("723170TYA-excerpt.csv")])
        let u = try #require(s.understanding.first)
        #expect(u.headerLine == 2 && u.skippedLines.count == 1)
        #expect(u.timeColumns == ["Date (MM/DD/YYYY)", "Time (HH:MM)"])
        #expect(u.ignored.contains { $0.column == "Dry-bulb source" })
        // Source and uncertainty codes describe other columns: never plotted. Uncertainty in % is a value.
        for flag in ["GHI source", "TotCld uncert (code)", "PresWth (METAR code)"] {
            #expect(u.ignored.contains { $0.column == flag }, "\(flag) should be ignored: \(u.ignored.map(\.column))")
        }
        #expect(!s.seriesIDs.contains("GHI source") && !s.seriesIDs.contains("TotCld uncert"), "\(s.seriesIDs)")
        #expect(s.seriesIDs.contains("GHI uncert"))
        let ghi = try #require(s.column("GHI"))
        #expect(s.info("GHI")?.unit == "W/m^2")
        #expect(ghi.count == 48)
        // 01:00 on 1 January is the first hour; "24:00" ends each day.
        #expect(ghi.times.first == utc(1988, 1, 1, 1))
        #expect(ghi.times.last == utc(1988, 1, 3))
        let db = try #require(s.column("Dry-bulb"))
        #expect(s.info("Dry-bulb")?.unit == "C")
        #expect(Array(db.values.prefix(3)) == [10, 10, 10])
        // The sunniest hour of the excerpt, at its local time.
        let peak = try #require(ghi.values.indices.max { ghi.values[$0] < ghi.values[$1] })
        #expect(ghi.values[peak] == 318 && ghi.times[peak] == utc(1988, 1, 2, 11))
        #expect(s.report.skippedTotal == 0)
    }

    @Test func seattleWeatherDatesWithSlashesAndATextColumn() throws {
        let s = try CSVLoader.load(paths: [Self.path("seattle-weather-excerpt.csv")])
        #expect(s.seriesIDs == ["precipitation", "temp_max", "temp_min", "wind"])
        #expect(s.column("temp_max")?.times.first == utc(2012, 1, 1))
        #expect(s.column("temp_max").map { Array($0.values.prefix(2)) } == [12.8, 10.6])
        #expect(s.understanding.first?.ignored.map(\.column) == ["weather"])
    }

    @Test func seattleTempsAndSoilingInputs() throws {
        let t = try CSVLoader.load(paths: [Self.path("seattle-temps-excerpt.csv")])
        #expect(t.column("temp").map { Array($0.times.prefix(2)) } == [utc(2010, 1, 1, 0), utc(2010, 1, 1, 1)])
        #expect(t.column("temp")?.values.first == 39.4)
        let s = try CSVLoader.load(paths: [Self.path("soiling_hsu_example_inputs-excerpt.csv")])
        #expect(s.seriesIDs == ["PM2_5", "PM10", "rain"])
        #expect(s.column("PM10").map { Array($0.values.prefix(2)) } == [0.0001, 4.9e-05])
        #expect(s.column("PM10")?.count == 48)
    }
}
