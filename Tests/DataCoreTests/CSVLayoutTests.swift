import Foundation
import Testing
@testable import DataCore

/// A coordinate as the loader stores it: parsed as a Double, then narrowed.
func f(_ d: Double) -> Float { Float(d) }

@Suite("CSV layouts and dialects")
struct CSVLayoutTests {
    // MARK: layouts

    @Test func longLayoutWithStationAndPhenomenon() throws {
        let s = try parsed("""
            time,station,phenomenon,value,unit
            2026-01-15T08:00:00Z,Centrum,PM10,12.5,µg/m³
            2026-01-15T08:00:00Z,Centrum,NO2,20.1,µg/m³
            2026-01-15T08:00:00Z,Zuilen,PM10,9.75,µg/m³
            2026-01-15T08:10:00Z,Centrum,PM10,13,µg/m³

            """)
        #expect(s.seriesIDs == ["Centrum · NO2", "Centrum · PM10", "Zuilen · PM10"])
        let info = try #require(s.info("Centrum · PM10"))
        #expect(info.name == "Centrum · PM10")
        #expect(info.station == "Centrum")
        #expect(info.phenomenon == "PM10")
        #expect(info.unit == "µg/m³")
        let c = try #require(s.column("Centrum · PM10"))
        #expect(c.times == [1_768_464_000_000, 1_768_464_600_000])
        #expect(c.values == [12.5, 13])
        #expect(c.lats.isEmpty && c.lons.isEmpty)
        #expect(s.column("Zuilen · PM10")?.values == [9.75])
        #expect(s.measurementCount == 4)
        #expect(s.report.skippedTotal == 0 && s.report.issues.isEmpty)
        #expect(s.report.files == ["test.csv"])
    }

    @Test func longLayoutWithSeriesColumn() throws {
        let s = try parsed("""
            timestamp,series,value
            2026-01-15T08:00:00Z,Station 12 · PM10,3
            2026-01-15T09:00:00Z,Station 12 · PM10,4
            2026-01-15T08:00:00Z,Station 2 · PM10,5
            """)
        // Natural order: 2 before 12.
        #expect(s.seriesIDs == ["Station 2 · PM10", "Station 12 · PM10"])
        #expect(s.column("Station 12 · PM10")?.values == [3, 4])
        #expect(s.info("Station 2 · PM10")?.phenomenon == "Station 2 · PM10")
    }

    @Test func longLayoutUnitFromValueHeader() throws {
        let s = try parsed("""
            time,sensor,parameter,value (µg/m³)
            2026-01-15T08:00:00Z,S1,PM10,1
            """)
        #expect(s.info("S1 · PM10")?.unit == "µg/m³")
    }

    @Test func wideLayoutWithoutStation() throws {
        let s = try parsed("""
            time,PM10 (µg/m³),temp [°C],Water flow [l/s],humidity
            2026-01-15T08:00:00Z,12.5,3.5,140,80
            2026-01-15T09:00:00Z,13.5,4.5,150,81

            """)
        #expect(s.seriesIDs == ["humidity", "PM10", "temp", "Water flow"])
        #expect(s.info("PM10")?.unit == "µg/m³")
        #expect(s.info("temp")?.unit == "°C")
        #expect(s.info("Water flow")?.unit == "l/s")
        #expect(s.info("Water flow")?.phenomenon == "Water flow")
        #expect(s.info("humidity")?.unit == nil)
        #expect(s.info("temp")?.station == nil)
        #expect(s.column("Water flow")?.values == [140, 150])
        #expect(s.column("temp")?.times == [1_768_464_000_000, 1_768_467_600_000])
        #expect(s.measurementCount == 8)
    }

    @Test func wideLayoutStationColumnSplitsSeries() throws {
        let s = try parsed("""
            timestamp,station,temp (°C),humidity [%]
            2026-01-15T08:00:00Z,De Bilt,3.5,80
            2026-01-15T08:00:00Z,Cabauw,2.5,85
            2026-01-15T09:00:00Z,De Bilt,4.5,79
            2026-01-15T09:00:00Z,Cabauw,3,84
            """)
        #expect(s.seriesIDs == ["Cabauw · humidity", "Cabauw · temp", "De Bilt · humidity", "De Bilt · temp"])
        let t = try #require(s.info("De Bilt · temp"))
        #expect(t.station == "De Bilt" && t.phenomenon == "temp" && t.unit == "°C")
        #expect(s.info("Cabauw · humidity")?.unit == "%")
        #expect(s.column("Cabauw · temp")?.values == [2.5, 3])
        #expect(s.column("De Bilt · humidity")?.values == [80, 79])
    }

    @Test func wideLayoutWithSensorIdColumn() throws {
        let s = try parsed("""
            measured_at,sensor_id,no2 (ppb)
            2026-01-15T08:00:00Z,S-1,10
            2026-01-15T08:00:00Z,S-2,11
            """)
        #expect(s.seriesIDs == ["S-1 · no2", "S-2 · no2"])
        #expect(s.info("S-2 · no2")?.unit == "ppb")
    }

    @Test func wideColumnMostlyTextIsDropped() throws {
        let s = try parsed("""
            time,temp,flag
            2026-01-15T08:00:00Z,1,ok
            2026-01-15T09:00:00Z,2,ok
            2026-01-15T10:00:00Z,3,1
            """)
        #expect(s.seriesIDs == ["temp"])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func wideLayoutIgnoresTextColumns() throws {
        let s = try parsed("""
            time,temp,comment
            2026-01-15T08:00:00Z,1,calibrated
            2026-01-15T09:00:00Z,2,
            2026-01-15T10:00:00Z,3,door open
            """)
        #expect(s.seriesIDs == ["temp"])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func wideColumnThatStartsLateIsKept() throws {
        // A sensor added later: its column is empty in the first 600 rows, numbers afterwards.
        var text = "time,old,new\n"
        for i in 0..<700 {
            text += "\(1_767_225_600 + i * 60),\(i),\(i < 600 ? "" : String(i))\n"
        }
        let s = try parsed(text)
        #expect(s.seriesIDs == ["new", "old"])
        #expect(s.column("new")?.count == 100)
        #expect(s.column("new")?.values.first == 600)
        #expect(s.column("old")?.count == 700)
        #expect(s.report.missingValues == 600)
    }

    @Test func wideColumnThatIsAlwaysEmptyMakesNoSeries() throws {
        let s = try parsed("""
            time,temp,spare
            2026-01-15T08:00:00Z,1,
            2026-01-15T09:00:00Z,2,NA
            """)
        #expect(s.seriesIDs == ["temp"])
        #expect(s.report.missingValues == 2)
    }

    @Test func trailingDelimiterInWideHeaderMakesNoSeries() throws {
        let s = try parsed("time,temp,\n2026-01-15T08:00:00Z,1,\n2026-01-15T09:00:00Z,2,\n")
        #expect(s.seriesIDs == ["temp"])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func unitWithParenthesesInHeader() throws {
        let s = try parsed("""
            time,noise (dB(A)),flow [m³/h]
            2026-01-15T08:00:00Z,45.5,3
            """)
        #expect(s.seriesIDs == ["flow", "noise"])
        #expect(s.info("noise")?.unit == "dB(A)")
        #expect(s.info("flow")?.unit == "m³/h")
    }

    @Test func headerNameSplitsUnits() {
        #expect(HeaderName("PM10 (µg/m³)").label == "PM10")
        #expect(HeaderName("PM10 (µg/m³)").unit == "µg/m³")
        #expect(HeaderName(" temp [°C] ").label == "temp")
        #expect(HeaderName(" temp [°C] ").unit == "°C")
        #expect(HeaderName("Water flow [l/s]").key == "water_flow")
        #expect(HeaderName("noise (dB(A))").label == "noise")
        #expect(HeaderName("noise (dB(A))").unit == "dB(A)")
        #expect(HeaderName("humidity").unit == nil)
        #expect(HeaderName("x ()").unit == nil)
        #expect(HeaderName("(s)").label == "(s)")
        #expect(HeaderName("a) b (c").unit == nil)
    }

    // MARK: delimiters and decimal comma

    @Test func semicolonWithDecimalComma() throws {
        let s = try parsed("""
            time;station;phenomenon;value;lat;lon
            2026-01-15 08:00;A;temp;12,5;52,0907;5,1214
            2026-01-15 09:00;A;temp;-0,75;52,0907;5,1214
            """)
        let c = try #require(s.column("A · temp"))
        #expect(c.values == [12.5, -0.75])
        #expect(c.lats == [f(52.0907), f(52.0907)])
        #expect(c.lons == [f(5.1214), f(5.1214)])
    }

    @Test func semicolonWideWithDecimalComma() throws {
        let s = try parsed("Zeit;Temperatur (°C);Druck (hPa)\n2026-01-15 08:00;3,5;1013,25\n")
        #expect(s.column("Temperatur")?.values == [3.5])
        #expect(s.column("Druck")?.values == [1013.25])
        #expect(s.info("Druck")?.unit == "hPa")
    }

    @Test func tabDelimitedDetected() throws {
        let s = try parsed("time\tstation\tphenomenon\tvalue\n2026-01-15T08:00:00Z\tA B\tPM10\t1.5\n")
        #expect(s.seriesIDs == ["A B · PM10"])
        #expect(s.column("A B · PM10")?.values == [1.5])
    }

    @Test func tabHintForcesTab() throws {
        // The header would look comma-delimited, but the .tsv hint wins: commas stay inside names.
        let s = try parsed("time\ttemp, outside\n2026-01-15T08:00:00Z\t1.5\n", tab: true)
        #expect(s.seriesIDs == ["temp, outside"])
        #expect(s.column("temp, outside")?.values == [1.5])
    }

    @Test func tsvFileLoadsFromPath() throws {
        let path = Fixture.write("time\tvalue (°C)\n2026-01-15T08:00:00Z\t1.5\n", name: "t.tsv")
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["value"])
        #expect(s.info("value")?.unit == "°C")
    }

    @Test func tsvInFolderNameDoesNotForceTab() throws {
        let dir = Fixture.tempFolder("exports.tsv")
        let path = Fixture.write("time,temp\n2026-01-15T08:00:00Z,1.5\n", name: "a.csv", in: dir)
        let s = try CSVLoader.load(paths: [path])
        #expect(s.seriesIDs == ["temp"])
    }

    // MARK: quoting

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let s = try parsed("""
            "time","station","phenomenon","value"
            "2026-01-15T08:00:00Z","Smith, J.","PM10","1"
            "2026-01-15T08:00:00Z","The ""Big"" One","PM10","2"
            "2026-01-15T08:00:00Z","Two
            Lines","PM10","3"
            2026-01-15T08:00:00Z,plain,PM10,4
            """)
        #expect(s.seriesIDs.contains("Smith, J. · PM10"))
        #expect(s.seriesIDs.contains("The \"Big\" One · PM10"))
        #expect(s.seriesIDs.contains("plain · PM10"))
        #expect(s.column("Smith, J. · PM10")?.values == [1])
        #expect(s.column("The \"Big\" One · PM10")?.values == [2])
        #expect(s.column("plain · PM10")?.values == [4])
        // The newline inside a name is neutralised, never kept raw.
        let twoLines = try #require(s.series.first { $0.station?.hasPrefix("Two") == true })
        #expect(!twoLines.name.unicodeScalars.contains { $0.value < 0x20 })
        #expect(s.column(twoLines.id)?.values == [3])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func quotedNumbersAndTimes() throws {
        let s = try parsed("time;temp\n\"2026-01-15 08:00\";\"12,5\"\n")
        #expect(s.column("temp")?.values == [12.5])
    }

    @Test func quotedHeaderWithDelimiterInside() throws {
        let s = try parsed("time,\"flow, inlet [l/s]\",\"flow, outlet [l/s]\"\n2026-01-15T08:00:00Z,1,2\n")
        #expect(s.seriesIDs == ["flow, inlet", "flow, outlet"])
        #expect(s.info("flow, inlet")?.unit == "l/s")
    }

    // MARK: encodings and line endings

    @Test func utf8BOM() throws {
        let s = try parsed([0xEF, 0xBB, 0xBF] + Array("time,temp (°C)\n2026-01-15T08:00:00Z,1.5\n".utf8))
        #expect(s.seriesIDs == ["temp"])
        #expect(s.info("temp")?.unit == "°C")
    }

    @Test func utf8BOMBeforeQuotedHeader() throws {
        let s = try parsed([0xEF, 0xBB, 0xBF] + Array("\"time\";\"temp\"\r\n2026-01-15T08:00:00Z;1,5\r\n".utf8))
        #expect(s.column("temp")?.values == [1.5])
    }

    @Test func crlfLineEndings() throws {
        let s = try parsed("time,station,phenomenon,value\r\n2026-01-15T08:00:00Z,A,PM10,1\r\n2026-01-15T09:00:00Z,A,PM10,2\r\n")
        #expect(s.seriesIDs == ["A · PM10"])
        #expect(s.column("A · PM10")?.values == [1, 2])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func lfLineEndings() throws {
        let s = try parsed("time,temp\n2026-01-15T08:00:00Z,1\n2026-01-15T09:00:00Z,2\n")
        #expect(s.column("temp")?.values == [1, 2])
    }

    @Test func crOnlyLineEndings() throws {
        let s = try parsed("time,temp\r2026-01-15T08:00:00Z,1\r2026-01-15T09:00:00Z,2\r")
        #expect(s.column("temp")?.values == [1, 2])
    }

    @Test func missingFinalNewline() throws {
        let s = try parsed("time,temp\n2026-01-15T08:00:00Z,1\n2026-01-15T09:00:00Z,2")
        #expect(s.column("temp")?.values == [1, 2])
        let q = try parsed("time,name\n2026-01-15T08:00:00Z,\"2\"")
        #expect(q.column("name")?.values == [2])
        let crlf = try parsed("time,temp\r\n2026-01-15T08:00:00Z,7")
        #expect(crlf.column("temp")?.values == [7])
    }

    @Test func blankLinesAreIgnored() throws {
        let s = try parsed("\n\ntime,temp\n\n2026-01-15T08:00:00Z,1\n   \n\r\n2026-01-15T09:00:00Z,2\n\n")
        #expect(s.column("temp")?.values == [1, 2])
        #expect(s.report.skippedTotal == 0)
    }

    @Test func leadingBlankLinesBeforeSemicolonHeader() throws {
        let s = try parsed("\r\n\ntime;station;phenomenon;value\n2026-01-15 08:00;A;temp;12,5\n")
        #expect(s.column("A · temp")?.values == [12.5])
    }

    @Test func spacesAroundFieldsAreTrimmed() throws {
        let s = try parsed("time , station , phenomenon , value\n 2026-01-15T08:00:00Z , A , PM10 , 1.5 \n")
        #expect(s.seriesIDs == ["A · PM10"])
        #expect(s.column("A · PM10")?.values == [1.5])
    }

    // MARK: missing values

    @Test func missingValueTokensAreNotErrors() throws {
        let s = try parsed("""
            time,station,phenomenon,value
            2026-01-15T08:00:00Z,A,PM10,NA
            2026-01-15T08:10:00Z,A,PM10,NaN
            2026-01-15T08:20:00Z,A,PM10,
            2026-01-15T08:30:00Z,A,PM10,n/a
            2026-01-15T08:40:00Z,A,PM10,null
            2026-01-15T08:50:00Z,A,PM10,-
            2026-01-15T09:00:00Z,A,PM10,1

            """ + "2026-01-15T09:10:00Z,A,PM10,  na  \n")
        #expect(s.report.missingValues == 7)
        #expect(s.report.skippedRows == 0)
        #expect(s.report.skippedValues == 0)
        #expect(s.report.issues.isEmpty)
        #expect(s.column("A · PM10")?.values == [1])
    }

    @Test func missingValuesInWideLayout() throws {
        let s = try parsed("""
            time,a,b
            2026-01-15T08:00:00Z,NA,1
            2026-01-15T09:00:00Z,,NaN
            2026-01-15T10:00:00Z,3,2
            """)
        #expect(s.report.missingValues == 3)
        #expect(s.report.skippedTotal == 0)
        #expect(s.column("a")?.values == [3])
        #expect(s.column("b")?.values == [1, 2])
    }

    // MARK: time columns in the file

    @Test func daylightSavingChangeSortsCorrectly() throws {
        // Rows in file order; the repeated local hour of the autumn change must stay one hour apart.
        let s = try parsed("""
            time,temp
            2026-10-25T02:30:00+01:00,2
            2026-10-25T02:30:00+02:00,1
            2026-10-25T03:30:00+01:00,3
            2026-10-25T01:30:00+02:00,0
            """)
        let c = try #require(s.column("temp"))
        #expect(c.values == [0, 1, 2, 3])
        #expect(c.times == [1_792_884_600_000, 1_792_888_200_000, 1_792_891_800_000, 1_792_895_400_000])
    }

    @Test func mixedOffsetsInOneFile() throws {
        let s = try parsed("""
            time,temp
            2026-03-01T12:00:00Z,1
            2026-03-01T12:00:00+0200,2
            2026-03-01T12:00:00-05:00,3
            """)
        let c = try #require(s.column("temp"))
        #expect(c.values == [2, 1, 3])
        #expect(c.times == [1_772_359_200_000, utc(2026, 3, 1, 12), 1_772_384_400_000])
    }

    @Test func timeFormatsInFiles() throws {
        let cases: [(String, Int64)] = [
            ("2026-07-04 13:45", 1_783_172_700_000),
            ("2026-07-04 13:45:30.123", 1_783_172_730_123),
            ("2026/02/28", 1_772_236_800_000),
            ("2026-02-28", 1_772_236_800_000),
            ("1767225600", 1_767_225_600_000),
            ("1767225600123", 1_767_225_600_123),
        ]
        for (text, expected) in cases {
            let s = try parsed("time,temp\n\(text),1\n")
            #expect(s.column("temp")?.times == [expected], "\(text)")
        }
    }

    @Test func separateDateAndTimeColumns() throws {
        let s = try parsed("""
            date,time,station,phenomenon,value
            2026-07-04,13:45,A,temp,1
            2026-07-04,13:45:30.250,A,temp,2
            04.07.2026,7:05,A,temp,3
            """)
        let c = try #require(s.column("A · temp"))
        #expect(c.times == [utc(2026, 7, 4, 7, 5), 1_783_172_700_000, 1_783_172_730_250])
        #expect(c.values == [3, 1, 2])
    }

    @Test func separateDateAndTimeBadParts() throws {
        let s = try parsed("""
            Datum;Uhrzeit;Temp
            2026-07-04;13:45;1
            2026-07-32;13:45;2
            2026-07-04;noon;3
            """)
        #expect(s.column("Temp")?.values == [1])
        #expect(s.report.skippedRows == 2)
        #expect(s.report.issues.map(\.description) == [
            "test.csv:3: column \"Datum\": \"2026-07-32\" is not a date",
            "test.csv:4: column \"Uhrzeit\": \"noon\" is not a time of day",
        ])
    }

    @Test func epochColumnNames() throws {
        let s = try parsed("epoch_ms,temp\n1767225600123,1\n")
        #expect(s.column("temp")?.times == [1_767_225_600_123])
        let t = try parsed("unix_time,temp\n1767225600,1\n")
        #expect(t.column("temp")?.times == [1_767_225_600_000])
    }

    // MARK: positions

    @Test func latLonColumnsLong() throws {
        let s = try parsed("""
            time,sensor,phenomenon,value,lat,lon
            2026-01-15T08:00:05Z,Bike 1,PM10,10,52.09071,5.12141
            2026-01-15T08:00:00Z,Bike 1,PM10,11,52.1,5.2
            2026-01-15T08:00:10Z,Bike 1,PM10,12,,
            """)
        let c = try #require(s.column("Bike 1 · PM10"))
        #expect(c.hasPositions)
        #expect(c.values == [11, 10, 12])
        #expect(c.lats.count == 3 && c.lons.count == 3)
        #expect(c.lats[0] == f(52.1) && c.lons[0] == f(5.2))
        #expect(c.lats[1] == f(52.09071) && c.lons[1] == f(5.12141))
        #expect(c.lats[2].isNaN && c.lons[2].isNaN)
    }

    @Test func latLonColumnsWide() throws {
        let s = try parsed("""
            timestamp,station,latitude,longitude,temp (°C)
            2026-01-15T08:00:00Z,De Bilt,52.1017,5.1772,3
            2026-01-15T08:00:00Z,Cabauw,51.9700,4.9262,4
            """)
        #expect(s.column("De Bilt · temp")?.lats == [f(52.1017)])
        #expect(s.column("Cabauw · temp")?.lons == [f(4.9262)])
        #expect(s.seriesIDs.count == 2)
    }

    @Test func positionsOnSomeRowsOnlyStayAligned() throws {
        let s = try parsed("""
            time,temp,lat,lon
            2026-01-15T08:00:00Z,1,,
            2026-01-15T09:00:00Z,2,52,5
            2026-01-15T10:00:00Z,3,,
            """)
        let c = try #require(s.column("temp"))
        #expect(c.count == 3 && c.lats.count == 3 && c.lons.count == 3)
        #expect(c.lats[0].isNaN && c.lats[1] == 52 && c.lats[2].isNaN)
    }

    @Test func noPositionColumnsMeansEmptyArrays() throws {
        let s = try parsed("time,temp\n2026-01-15T08:00:00Z,1\n")
        #expect(s.column("temp")?.lats == [])
        #expect(s.column("temp")?.lons == [])
    }

    @Test func outOfRangePositionIsAnIssue() throws {
        let s = try parsed("""
            time,temp,lat,lon
            2026-01-15T08:00:00Z,1,91,5
            2026-01-15T09:00:00Z,2,52,181
            2026-01-15T10:00:00Z,3,52,5
            """)
        #expect(s.column("temp")?.values == [3])
        #expect(s.report.skippedRows == 2)
        #expect(s.report.issues.map(\.description) == [
            "test.csv:2: column \"lat\": \"91\" is not a latitude (-90 to 90)",
            "test.csv:3: column \"lon\": \"181\" is not a longitude (-180 to 180)",
        ])
    }

    // MARK: text safety

    @Test func controlCharactersInStationNameAreNeutralised() throws {
        let s = try parsed("time,station,phenomenon,value,unit\n2026-01-15T08:00:00Z,\"Evil\u{1B}[2J\u{1B}]52;c;AAAA\u{07}\tname\r\",PM10\u{1B}[31m,1,\u{1B}[0m°C\u{7F}\n")
        #expect(s.series.count == 1)
        for info in s.series {
            for text in [info.id, info.name, info.phenomenon, info.station ?? "", info.unit ?? ""] {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(text.debugDescription)")
            }
        }
        #expect(s.series[0].station?.hasPrefix("Evil␛[2J") == true)
        #expect(s.series[0].unit == "␛[0m°C␡")
    }

    @Test func controlCharactersInWideStationAndHeadersAreNeutralised() throws {
        let s = try parsed("time,station,\"temp\u{1B}[5m [°\u{07}C]\"\n2026-01-15T08:00:00Z,\"A\u{1B}[H\u{9B}\u{202E}\",1\n")
        #expect(s.series.count == 1)
        let info = s.series[0]
        for text in [info.id, info.name, info.phenomenon, info.station ?? "", info.unit ?? ""] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E },
                    "\(text.debugDescription)")
        }
    }

    @Test func controlCharactersInLongValueHeaderAreNeutralised() throws {
        let s = try parsed("time,station,\"\u{1B}value (u\u{1B}[0m)\"\n2026-01-15T08:00:00Z,A,1\n")
        #expect(s.series.count == 1)
        let info = s.series[0]
        for text in [info.id, info.name, info.phenomenon, info.unit ?? ""] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "\(text.debugDescription)")
        }
    }

    @Test func controlCharactersInIssueTextAreNeutralised() throws {
        let s = try parsed("time,\"te\u{1B}[2Jmp\"\n2026-01-15T08:00:00Z,1\n2026-01-15T09:00:00Z,\"x\u{1B}[2J\"\n2026-01-15T10:00:00Z,3\n")
        #expect(s.report.skippedValues == 1)
        let d = try #require(s.report.issues.first).description
        #expect(!d.unicodeScalars.contains { $0.value < 0x20 }, "\(d.debugDescription)")
    }
}
