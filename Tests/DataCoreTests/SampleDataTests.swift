import Foundation
import Testing
@testable import DataCore

/// The bundled sample data (`sample-data/README.md`) loads as documented.
@Suite("Sample data", .timeLimit(.minutes(2)))
struct SampleDataTests {
    @Test func cityAir() throws {
        let path = Fixture.sampleData + "/city-air.csv.gz"
        let s = try CSVLoader.load(paths: [path])
        #expect(s.series.count == 42)
        #expect(s.measurementCount == 298_101)
        #expect(s.report.skippedTotal == 0)
        #expect(s.report.issues.isEmpty)
        #expect(s.sourceName == "city-air.csv.gz")
        #expect(s.timeRange?.lowerBound == utc(2026, 10, 28))
        #expect(s.timeRange?.upperBound == utc(2026, 11, 24, 23, 50))

        let stations = Set(s.series.compactMap(\.station))
        #expect(stations == ["Centrum", "Griftpark", "Kanaleneiland", "Overvecht", "Leidsche Rijn", "De Uithof", "Zuilen", "Bike 1"])
        #expect(s.info("Griftpark · NO2") == nil)
        #expect(s.info("Zuilen · noise") == nil)
        let units = Dictionary(s.series.map { ($0.phenomenon, $0.unit ?? "") }, uniquingKeysWith: { a, b in a == b ? a : "conflict" })
        #expect(units == ["PM10": "µg/m³", "PM2.5": "µg/m³", "NO2": "µg/m³", "temperature": "°C", "humidity": "%", "noise": "dB(A)"])

        let centrum = try #require(s.column("Centrum · PM10"))
        #expect(centrum.times.first == utc(2026, 10, 28))
        #expect(centrum.values.first == 12.5)
        #expect(centrum.lats.first == f(52.0907) && centrum.lons.first == f(5.1214))
        #expect(zip(centrum.times, centrum.times.dropFirst()).allSatisfy { $0 < $1 })

        let bike = try #require(s.column("Bike 1 · PM10"))
        #expect(bike.hasPositions)
        #expect(bike.lats.count == bike.count)
        #expect(!bike.lats.contains { $0.isNaN })  // missing GPS fixes are absent rows
        #expect(s.report.missingValues == 0)
    }

    @Test func weatherWide() throws {
        let path = Fixture.sampleData + "/weather-wide.csv"
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["Cabauw · humidity", "Cabauw · pressure", "Cabauw · temp", "Cabauw · wind speed",
                                "De Bilt · humidity", "De Bilt · pressure", "De Bilt · temp", "De Bilt · wind speed"])
        for station in ["De Bilt", "Cabauw"] {
            #expect(s.info("\(station) · temp")?.unit == "°C")
            #expect(s.info("\(station) · humidity")?.unit == "%")
            #expect(s.info("\(station) · wind speed")?.unit == "m/s")
            #expect(s.info("\(station) · pressure")?.unit == "hPa")
            #expect(s.info("\(station) · temp")?.station == station)
            #expect(s.info("\(station) · wind speed")?.phenomenon == "wind speed")
        }
        #expect(s.report.missingValues == 14)
        #expect(s.report.skippedTotal == 0)
        #expect(s.measurementCount == 2016 * 4 - 14)
        let t = try #require(s.column("De Bilt · temp"))
        #expect(t.times.first == utc(2026, 10, 14))
        #expect(t.values.first == 10.4)
        #expect(t.lats.first == f(52.1017))
        #expect(s.column("Cabauw · pressure")?.values.first == 1011.1)
        #expect(s.timeRange == utc(2026, 10, 14)...utc(2026, 11, 24, 23))
    }

    @Test func sampleFolderAsAWhole() throws {
        // The folder holds all three files: they merge; bad-rows.csv duplicates some Centrum readings.
        let s = try CSVLoader.load(paths: [Fixture.sampleData])
        #expect(s.report.files.count == 3)
        #expect(s.series.count == 42 + 8)
        #expect(s.measurementCount == 298_101 + 33 + 2016 * 4 - 14)
        #expect(s.report.skippedRows == 3)
    }
}
