import Foundation
import Testing
@testable import DataCore

/// The header line and the time are found by content, not by position or name.
@Suite("Real files: header line and time by content")
struct HeaderAndTimeTests {
    @Test func preambleLinesAboveTheHeaderAreSkipped() throws {
        let s = try parsed(Shapes.preamble.text, name: "preamble.csv")
        #expect(s.seriesIDs == ["NO2", "PM10"])
        #expect(s.column("PM10")?.values == [12.5, 14, 11.25])
        #expect(s.column("PM10")?.times == [utc(2024, 3, 1, 0), utc(2024, 3, 1, 1), utc(2024, 3, 1, 2)])
        #expect(s.info("PM10")?.unit == "µg/m³")
        #expect(s.report.skippedTotal == 0)
        let u = try #require(s.understanding.first)
        #expect(u.headerLine == 4)
        #expect(u.skippedLines.count == 3)
        #expect(u.skippedLines[0].hasPrefix("Station: Harbour Road"))
    }

    @Test func aTitleLineWithSemicolonsAboveAHeader() throws {
        let s = try parsed("Messstation Hafen;Stadt\nDatum;Uhrzeit;NO2;O3\n01.03.2024;10:00;12;40\n01.03.2024;11:00;13;41\n")
        #expect(s.seriesIDs == ["NO2", "O3"])
        #expect(s.column("O3")?.times == [utc(2024, 3, 1, 10), utc(2024, 3, 1, 11)])
        #expect(s.understanding.first?.headerLine == 2)
    }

    @Test func skipOptionSetsTheHeaderLine() throws {
        // Without --skip the first line would be taken (it looks like a header); with it, line 3 is.
        let text = "a,b,c\nmore,meta,data\ntime,v\n2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,2\n"
        let s = try parsed(text, options: LoadOptions(skip: 2))
        #expect(s.column("v")?.values == [1, 2])
    }

    @Test func fullTimestampIsPreferredOverSplitParts() throws {
        let s = try parsed(Shapes.splitNextToFull.text)
        // year/month/day/hour are date parts, not measurements.
        #expect(s.seriesIDs == ["humidity", "temperature"])
        #expect(s.column("temperature")?.times == [utc(2024, 1, 1, 0), utc(2024, 1, 1, 1), utc(2024, 1, 1, 2)])
        let u = try #require(s.understanding.first)
        #expect(u.timeColumns == ["timestamp"])
        #expect(Set(u.ignored.map(\.column)) == ["year", "month", "day", "hour"])
    }

    @Test func timeIsComposedFromDateParts() throws {
        let s = try parsed(Shapes.splitOnly.text)
        #expect(s.seriesIDs == ["wind_speed"])
        #expect(s.column("wind_speed")?.times == [utc(2024, 3, 31, 0), utc(2024, 3, 31, 0, 30), utc(2024, 3, 31, 1)])
        #expect(s.understanding.first?.timeColumns == ["year", "month", "day", "hour", "minute"])
    }

    @Test func dateAndTimeWithDottedClock() throws {
        let s = try parsed(Shapes.raggedLogger.text)
        #expect(s.column("Temp")?.times == [utc(2024, 3, 1, 0), utc(2024, 3, 1, 0, 10), utc(2024, 3, 1, 0, 20), utc(2024, 3, 1, 0, 30)])
        #expect(s.understanding.first?.timeColumns == ["Date", "Time"])
    }

    @Test func contentBeatsName() throws {
        // "date" holds only a day number; "recorded" holds the timestamps.
        let s = try parsed("date,recorded,level\n1,2024-05-01 10:00:00,3\n1,2024-05-01 11:00:00,4\n")
        #expect(s.column("level")?.times == [utc(2024, 5, 1, 10), utc(2024, 5, 1, 11)])
        #expect(s.understanding.first?.timeColumns == ["recorded"])
    }

    @Test func monthFirstDatesAreToldByTheirValues() throws {
        let s = try parsed(Shapes.usDates.text)
        let c = try #require(s.column("GHI"))
        // 24:00 is the end of the day: the next day's midnight.
        #expect(c.times == [utc(2023, 12, 31, 23), utc(2024, 1, 1, 0), utc(2024, 1, 13, 12)])
        #expect(c.values == [0, 0, 512.5])
    }

    @Test func dayFirstSlashDates() throws {
        let s = try parsed("Date,Time,v\n13/01/2024,10:00,1\n02/01/2024,10:00,2\n")
        #expect(s.column("v")?.times == [utc(2024, 1, 2, 10), utc(2024, 1, 13, 10)])
    }

    @Test func headerSaysMonthFirstWhenValuesCannot() throws {
        let s = try parsed("Date (MM/DD/YYYY),Time (HH:MM),v\n01/02/2024,10:00,1\n")
        #expect(s.column("v")?.times == [utc(2024, 1, 2, 10)])
    }

    @Test func timeOptionPicksTheColumn() throws {
        let text = "created,updated,v\n2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1\n"
        #expect(try parsed(text).column("v")?.times == [utc(2024, 1, 1)])
        #expect(try parsed(text, options: LoadOptions(time: ["updated"])).column("v")?.times == [utc(2024, 2, 1)])
    }

    @Test func badTimeOptionNamesTheColumns() throws {
        let e = try #require(loadError { () throws(LoadError) in
            try parsed("time,PM10\n2024-01-01T00:00:00Z,1\n", name: "air.csv", options: LoadOptions(time: ["tijd"]))
        })
        #expect(e.description == "air.csv: --time \"tijd\" names no column of air.csv; its columns are \"time\", \"PM10\"")
    }
}

func parsed(_ text: String, name: String = "test.csv", options: LoadOptions, fileStation: String? = nil) throws(LoadError) -> MeasurementStore {
    var s = try CSVLoader.parse(Array(text.utf8), fileName: name, options: options, fileStation: fileStation)
    s.finish()
    return s
}
