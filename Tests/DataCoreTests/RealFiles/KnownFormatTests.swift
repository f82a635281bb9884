import Foundation
import Testing
@testable import DataCore

/// The Sensor.Community and OpenAQ archives: recognised by their header, read with their usual names.
@Suite("Real files: Sensor.Community and OpenAQ archives")
struct KnownFormatTests {
    static func sensorCommunityFolder() -> String {
        let dir = Fixture.tempFolder("luftdaten")
        for day in [1, 2, 3] {
            let d = String(format: "2024-01-%02d", day)
            Fixture.write("""
                sensor_id;sensor_type;location;lat;lon;timestamp;P1;durP1;ratioP1;P2;durP2;ratioP2
                1234;SDS011;567;52.370;4.890;\(d)T00:01:12;1\(day).5;;;\(day).25;;
                1234;SDS011;567;52.370;4.890;\(d)T00:03:40;2\(day);;;\(day).5;;

                """, name: "\(d)_sds011_sensor_1234.csv", in: dir)
            Fixture.write("""
                sensor_id;sensor_type;location;lat;lon;timestamp;pressure;altitude;pressure_sealevel;temperature;humidity
                1235;BME280;567;52.370;4.890;\(d)T00:01:30;101250.5;;;\(day).5;8\(day)

                """, name: "\(d)_bme280_sensor_1235.csv", in: dir)
        }
        return dir
    }

    @Test func sensorCommunityFolderWithTwoSensorTypesOverSeveralDays() throws {
        let s = try CSVLoader.load(paths: [Self.sensorCommunityFolder()])
        #expect(s.seriesIDs == ["BME280 1235 · humidity", "BME280 1235 · pressure", "BME280 1235 · temperature",
                                "SDS011 1234 · PM2.5", "SDS011 1234 · PM10"])
        let pm10 = try #require(s.info("SDS011 1234 · PM10"))
        #expect(pm10.unit == "µg/m³" && pm10.phenomenon == "PM10" && pm10.station == "SDS011 1234")
        #expect(s.column("SDS011 1234 · PM10")?.values == [11.5, 21, 12.5, 22, 13.5, 23])
        #expect(s.column("SDS011 1234 · PM2.5")?.values == [1.25, 1.5, 2.25, 2.5, 3.25, 3.5])
        #expect(s.column("SDS011 1234 · PM10")?.times.first == utc(2024, 1, 1, 0, 1, 12))
        #expect(s.info("BME280 1235 · temperature")?.unit == "°C")
        #expect(s.info("BME280 1235 · pressure")?.unit == "Pa")
        #expect(s.column("BME280 1235 · humidity")?.values == [81, 82, 83])
        #expect(s.column("SDS011 1234 · PM10")?.lats.first == Float(52.37))
        let u = try #require(s.understanding.first { $0.file.contains("sds011") })
        #expect(u.format == "Sensor.Community archive")
        #expect(u.stationColumns == ["sensor_type", "sensor_id"])
        #expect(u.ignored.map(\.column).contains("location"))
        #expect(u.stationFromFileName == nil)
    }

    @Test func openAQArchive() throws {
        let s = try parsed(Shapes.openAQ.text, name: "openaq.csv")
        #expect(s.seriesIDs == ["Harbour Road-2178 · NO2", "Harbour Road-2178 · PM2.5", "Park Lane-8115 · PM2.5"])
        let pm = try #require(s.info("Harbour Road-2178 · PM2.5"))
        #expect(pm.unit == "µg/m³" && pm.phenomenon == "PM2.5" && pm.station == "Harbour Road-2178")
        #expect(s.column("Harbour Road-2178 · PM2.5")?.values == [7.5, 8.25])
        // The offset makes the times exact: 01:00+01:00 is midnight UTC, whatever --tz says.
        #expect(s.column("Harbour Road-2178 · PM2.5")?.times == [utc(2024, 1, 1, 0), utc(2024, 1, 1, 1)])
        let inZone = try parsed(Shapes.openAQ.text, options: LoadOptions(tz: "America/New_York"))
        #expect(inZone.column("Harbour Road-2178 · PM2.5")?.times == [utc(2024, 1, 1, 0), utc(2024, 1, 1, 1)])
        let u = try #require(s.understanding.first)
        #expect(u.format == "OpenAQ archive")
        #expect(u.stationColumns == ["location"])
        #expect(Set(u.ignored.map(\.column)) == ["location_id", "sensors_id"])
    }
}
