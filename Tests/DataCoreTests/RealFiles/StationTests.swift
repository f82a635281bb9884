import Foundation
import Testing
@testable import DataCore

/// Stations and ids are attributes that name series, never plotted; several files are one source
/// or several stations, never merged wrongly.
@Suite("Real files: stations, ids and several files")
struct StationTests {
    @Test func aTextColumnUnderAnyNameThatTellsApartRowsOfOneTimeNamesWhatMeasured() throws {
        // The shape of vega_datasets' iowa-electricity.csv: three sources a year, in one value column.
        var csv = "year,source,net_generation\n"
        for (y, base) in [(2001, 100), (2002, 110), (2003, 120)] {
            for (k, source) in ["Fossil Fuels", "Nuclear Energy", "Renewables"].enumerated() { csv += "\(y)-01-01,\(source),\(base + k)\n" }
        }
        let s = try CSVLoader.parse(Array(csv.utf8), fileName: "electricity.csv")
        #expect(s.seriesIDs == ["Fossil Fuels · net_generation", "Nuclear Energy · net_generation", "Renewables · net_generation"])
        #expect(s.column("Nuclear Energy · net_generation")?.values == [101, 111, 121])
        #expect(s.understanding.first?.lines.contains("stations named by \"source\" (its values tell apart rows of the same time)") == true,
                "\(s.understanding.first?.lines ?? [])")
        #expect(s.understanding.first?.notable == true, "a guess by content is said on the first open")
    }

    @Test func freeTextBesideTheValuesIsNotTakenForStations() throws {
        // One row per time (seattle-weather's `weather`), or a different text on every row: no station.
        let daily = "date,temp,weather\n2012-01-01,5,rain\n2012-01-02,6,rain\n2012-01-03,4,sun\n2012-01-04,3,sun\n"
        #expect(try CSVLoader.parse(Array(daily.utf8), fileName: "w.csv").seriesIDs == ["temp"])
        let notes = "time,value,note\n2024-01-01T00:00:00Z,1,a\n2024-01-01T00:00:00Z,2,b\n2024-01-01T01:00:00Z,3,c\n2024-01-01T01:00:00Z,4,d\n"
        #expect(try CSVLoader.parse(Array(notes.utf8), fileName: "n.csv").seriesIDs == ["value"])
    }

    @Test func perStationWideFolderWithoutStationColumn() throws {
        let dir = Fixture.tempFolder("stations")
        Fixture.write("time,PM10 (µg/m³),NO2\n2024-01-01T00:00:00Z,10,20\n2024-01-01T01:00:00Z,11,21\n", name: "harbour-road.csv", in: dir)
        Fixture.write("time,PM10 (µg/m³),NO2\n2024-01-01T00:00:00Z,30,40\n2024-01-01T01:00:00Z,31,41\n", name: "city_park.csv", in: dir)
        let s = try CSVLoader.load(paths: [dir])
        #expect(s.seriesIDs == ["City Park · NO2", "City Park · PM10", "Harbour Road · NO2", "Harbour Road · PM10"])
        #expect(s.column("Harbour Road · PM10")?.values == [10, 11])
        #expect(s.column("City Park · PM10")?.values == [30, 31])
        #expect(s.info("Harbour Road · PM10")?.station == "Harbour Road")
        #expect(s.info("Harbour Road · PM10")?.unit == "µg/m³")
        #expect(s.understanding.map(\.stationFromFileName) == ["City Park", "Harbour Road"])
    }

    @Test func filesThatDifferOnlyByADateAreOneSource() throws {
        let dir = Fixture.tempFolder("daily")
        Fixture.write("time,PM10\n2024-01-01T00:00:00Z,1\n", name: "harbour-road_2024-01-01.csv", in: dir)
        Fixture.write("time,PM10\n2024-01-02T00:00:00Z,2\n", name: "harbour-road_2024-01-02.csv", in: dir)
        Fixture.write("time,PM10\n2024-01-03T00:00:00Z,3\n", name: "harbour-road_20240103.csv", in: dir)
        let s = try CSVLoader.load(paths: [dir])
        #expect(s.seriesIDs == ["PM10"])
        #expect(s.column("PM10")?.values == [1, 2, 3])
    }

    @Test func fileNameStems() {
        #expect(FileNaming.stem("/x/2024-01-05_sds011_sensor_1234.csv") == "sds011_sensor_1234")
        #expect(FileNaming.stem("harbour-road-2024-01.csv.gz") == "harbour-road")
        #expect(FileNaming.stem("NL10418_2023.csv") == "nl10418")
        #expect(FileNaming.stations(["a/harbour-road.csv", "a/city-park.csv"]) == ["Harbour Road", "City Park"])
        #expect(FileNaming.stations(["a/air-2024-01-01.csv", "a/air-2024-01-02.csv"]) == [nil, nil])
    }

    @Test func integerIdConstantPerSensorIsNotASeries() throws {
        let s = try parsed("""
            time,device,calibration_no,PM10
            2024-01-01T00:00:00Z,north,17,5
            2024-01-01T00:00:00Z,south,23,6
            2024-01-01T01:00:00Z,north,17,7
            2024-01-01T01:00:00Z,south,23,8
            2024-01-01T02:00:00Z,north,17,7
            2024-01-01T02:00:00Z,south,23,8

            """)
        #expect(s.seriesIDs == ["north · PM10", "south · PM10"])
    }

    @Test func idNamedColumnsAreAttributes() throws {
        let s = try parsed("time,sensor_id,location,temperature\n2024-01-01T00:00:00Z,4711,123,5\n2024-01-01T01:00:00Z,4711,123,6\n")
        // sensor_id names the station; location (an id) is ignored.
        #expect(s.seriesIDs == ["4711 · temperature"])
        #expect(s.understanding.first?.ignored.map(\.column) == ["location"])
    }

    @Test func originTextColumnNamesStations() throws {
        let s = try parsed("time,origin,PM10\n2024-01-01T00:00:00Z,Rotterdam,5\n2024-01-01T00:00:00Z,Delft,6\n")
        #expect(s.seriesIDs == ["Delft · PM10", "Rotterdam · PM10"])
    }

    @Test func stationOptionPicksTheColumn() throws {
        let text = "time,street,PM10\n2024-01-01T00:00:00Z,Main St,5\n2024-01-01T00:00:00Z,Dock Rd,6\n"
        #expect(try parsed(text).seriesIDs == ["PM10"])
        #expect(try parsed(text, options: LoadOptions(station: "street")).seriesIDs == ["Dock Rd · PM10", "Main St · PM10"])
    }

    @Test func badStationOptionNamesTheColumns() {
        let e = loadError { () throws(LoadError) in try parsed("time,PM10\n2024-01-01T00:00:00Z,5\n", name: "a.csv", options: LoadOptions(station: "site")) }
        #expect(e?.reason == "--station \"site\" names no column of a.csv; its columns are \"time\", \"PM10\"")
    }

    @Test func filesWithDifferentColumnsInOneFolderBothLoad() throws {
        let dir = Fixture.tempFolder("mixed")
        Fixture.write("time,P1,P2\n2024-01-01T00:00:00Z,10,5\n", name: "particles.csv", in: dir)
        Fixture.write("time,temperature,humidity\n2024-01-01T00:00:00Z,3,80\n", name: "climate.csv", in: dir)
        let s = try CSVLoader.load(paths: [dir])
        #expect(s.seriesIDs == ["Climate · humidity", "Climate · temperature", "Particles · P1", "Particles · P2"])
    }
}
